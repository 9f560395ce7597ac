// 第十二条: 按月向区企业服务工作领导小组分析报送我区企业反映的诉求及解决情况. The month's figures, each
// beside the previous month's, plus the lists a leader acts on (escalated and overdue petitions) and
// the knowledge-base gaps. One plain object: GraphQL, the HTML page, the XLSX and the CSV all read it.
import { DEPARTMENTS, OFFICE_DEPARTMENT_CODE, PETITION_CATEGORY_KEYS } from '@zone/schemas';
import type { Actor } from '../../auth/actor.ts';
import type { PetitionDeps } from '../../petitions/deps.ts';
import type { PreparedItem } from '@zone/schemas';
import { shanghaiDate } from '../../clock/shanghai-time.ts';
import { computeMatchCoverage, type MatchCoverage } from '../../matching/report/match-coverage.ts';
import { requireActor } from '../../auth/require-actor.ts';
import { topQueriesBeforePetitions, topZeroResultQueries, zeroResultCounts } from '../../search-gaps/gap-store.ts';
import {
  CATEGORY_ORDER,
  categoryLabel,
  CHANNEL_ORDER,
  channelLabel,
  departmentLabel,
  SATISFACTION_ORDER,
  satisfactionLabel,
  statusLabel,
  SUBJECT_TYPE_ORDER,
  subjectTypeLabel,
  TOPIC_ORDER,
  topicLabel,
} from '../labels.ts';
import { parseMonth, reportMonth, shiftMonth, type ReportMonth } from '../month.ts';
import { computeMonthFigures, type MonthFigures, type OnTimeCount } from './month-figures.ts';
import { mean, nearestRank, share } from './percentile.ts';
import { escalationSummaries, type EscalatedPetition } from './escalations.ts';
import { petitionList, type PetitionListRow } from './petition-list.ts';
import { countThemes, topThemes } from './themes.ts';
import { monthlyTrends, type MonthTrend } from './trends.ts';
import { notificationCounts } from '../../notifications/report-figures.ts';
import type { KnowledgeReview } from './knowledge-review.ts';

/** How many rows the ranked lists keep. */
export const REPORT_LIMITS = { themes: 15, zeroResultQueries: 15, queriesBeforePetitions: 10 } as const;

export interface Figure {
  value: number;
  previous: number;
}
export interface RateFigure {
  value: number | null;
  previous: number | null;
}
export interface KeyedFigure extends Figure {
  key: string;
  label: string;
}
export interface OnTimeRow {
  key: string;
  label: string;
  answered: Figure;
  onTime: Figure;
  rate: RateFigure;
}
export interface DepartmentUrging {
  department: string;
  label: string;
  urges: Figure;
  escalations: Figure;
}
export interface DepartmentStars {
  department: string;
  label: string;
  ratings: Figure;
  quality: RateFigure;
  attitude: RateFigure;
  efficiency: RateFigure;
}
export interface OverduePetition {
  id: string;
  title: string;
  category: string | null;
  categoryLabel: string;
  department: string;
  departmentLabel: string;
  dueDate: string;
  workingDaysOverdue: number;
  urges: number;
  status: string;
  statusLabel: string;
}
export interface ThemeRow {
  keyword: string;
  petitions: Figure;
}
export interface QueryRow {
  query: string;
  count: Figure;
}
export interface UncitedConsultation {
  id: string;
  title: string;
  department: string;
  departmentLabel: string;
  answeredAt: string;
}

export interface MonthlyReportData {
  month: string;
  previousMonth: string;
  generatedAt: string;
  /** The "at month end" instant: the end of the month, or now while the month runs. */
  asOf: string;
  received: Figure;
  receivedByChannel: KeyedFigure[];
  receivedByCategory: KeyedFigure[];
  receivedByTopic: KeyedFigure[];
  receivedBySubjectType: KeyedFigure[];
  resolution: {
    answered: Figure;
    answeredOnTime: Figure;
    answeredLate: Figure;
    onTimeRate: RateFigure;
    openAtMonthEnd: Figure;
    overdueAtMonthEnd: Figure;
    pausedAtMonthEnd: Figure;
  };
  onTimeByCategory: OnTimeRow[];
  onTimeByDepartment: OnTimeRow[];
  workingDaysToAnswer: { answered: Figure; median: RateFigure; p90: RateFigure };
  urging: { urges: Figure; escalations: Figure; byDepartment: DepartmentUrging[] };
  escalatedPetitions: EscalatedPetition[];
  satisfaction: {
    ratings: Figure;
    levels: KeyedFigure[];
    defaults: Figure;
    defaultShare: RateFigure;
    byDepartment: DepartmentStars[];
  };
  themes: ThemeRow[];
  overduePetitions: OverduePetition[];
  trends: MonthTrend[];
  knowledgeGaps: {
    zeroResultQueries: QueryRow[];
    queriesBeforePetitions: QueryRow[];
    uncitedConsultations: UncitedConsultation[];
  };
  /** The petitions received in the month (the CSV and the XLSX list). */
  petitions: PetitionListRow[];
  /** 政策找企业: how many saved profiles each current item fits; null when the index could not be read. */
  policyMatching: MatchCoverage | null;
  /** Notifications delivered in the month; parked in it and not yet requeued (api/src/notifications/). */
  notifications: { delivered: Figure; parked: Figure };
  /**
   * 待复核 and expiring items (knowledge-review.ts), for the files (HTML, XLSX, CSV, PDF); null when the
   * search index could not be read or no source was given. GraphQL resolves its own field from the index.
   */
  knowledgeReview: KnowledgeReview | null;
}

export interface ReportSources {
  /** The current policy items (from the search index) for the 政策找企业 section. */
  matchItems?: () => Promise<readonly PreparedItem[]>;
  /** 口径 reviewed and pending, items expiring next month (from the search index; null when it is down). */
  knowledgeReview?: (month: string) => Promise<KnowledgeReview | null>;
}

const fig = (cur: number, prev: number): Figure => ({ value: cur, previous: prev });

function keyed(order: readonly string[], cur: Map<string, number>, prev: Map<string, number>, label: (k: string) => string): KeyedFigure[] {
  const keys = [...order, ...[...new Set([...cur.keys(), ...prev.keys()])].filter((k) => !order.includes(k)).sort()];
  return keys.map((key) => ({ key, label: label(key), value: cur.get(key) ?? 0, previous: prev.get(key) ?? 0 }));
}

function onTimeRows(keys: readonly string[], cur: Map<string, OnTimeCount>, prev: Map<string, OnTimeCount>, label: (k: string) => string): OnTimeRow[] {
  return keys.map((key) => {
    const c = cur.get(key) ?? { answered: 0, onTime: 0 };
    const p = prev.get(key) ?? { answered: 0, onTime: 0 };
    return {
      key,
      label: label(key),
      answered: fig(c.answered, p.answered),
      onTime: fig(c.onTime, p.onTime),
      rate: { value: share(c.onTime, c.answered), previous: share(p.onTime, p.answered) },
    };
  });
}

/** Department codes in the order of the mechanism's attachment (区企服办 first), limited to those present. */
function departmentsPresent(...maps: Map<string, unknown>[]): string[] {
  const present = new Set(maps.flatMap((m) => [...m.keys()]));
  const ordered = [OFFICE_DEPARTMENT_CODE, ...DEPARTMENTS.map((d) => d.code).filter((c) => c !== OFFICE_DEPARTMENT_CODE)];
  return [...ordered.filter((c) => present.has(c)), ...[...present].filter((c) => !ordered.includes(c)).sort()];
}

/** The GraphQL entry: office and leader only (第十二条: the office reports to the leading group). */
export async function monthlyReportFor(deps: PetitionDeps, actor: Actor | null, rawMonth: unknown, sources: ReportSources = {}): Promise<MonthlyReportData> {
  requireActor(actor, ['office', 'leader'] as const);
  return buildMonthlyReport(deps, parseMonth(rawMonth, ['month'], deps.clock.now()), sources);
}

async function policyMatching(deps: PetitionDeps, sources: ReportSources, now: Date): Promise<MatchCoverage | null> {
  if (!sources.matchItems) return null;
  let items: readonly PreparedItem[];
  try {
    items = await sources.matchItems();
  } catch {
    // The search index is down: the rest of the report still goes out, and the section says so.
    return null;
  }
  return computeMatchCoverage(deps.db, items, shanghaiDate(now), now.toISOString());
}

async function knowledgeSection(sources: ReportSources, month: ReportMonth): Promise<KnowledgeReview | null> {
  if (!sources.knowledgeReview) return null;
  try {
    return await sources.knowledgeReview(month.key);
  } catch {
    // As for 政策找企业: the petition figures go out, and the section says the index could not be read.
    return null;
  }
}

export async function buildMonthlyReport(deps: PetitionDeps, month: ReportMonth, sources: ReportSources = {}): Promise<MonthlyReportData> {
  const now = deps.clock.now();
  const calendar = await deps.calendar();
  const prevMonth = reportMonth(shiftMonth(month.key, -1));
  const cur = await computeMonthFigures(deps.db, calendar, month, now);
  const prev = await computeMonthFigures(deps.db, calendar, prevMonth, now);
  const notifiedNow = await notificationCounts(deps.db, month);
  const notifiedBefore = await notificationCounts(deps.db, prevMonth);
  return {
    month: month.key,
    previousMonth: prevMonth.key,
    generatedAt: now.toISOString(),
    asOf: cur.asOfIso,
    received: fig(cur.received, prev.received),
    receivedByChannel: keyed(CHANNEL_ORDER, cur.byChannel, prev.byChannel, channelLabel),
    receivedByCategory: keyed(CATEGORY_ORDER, cur.byCategory, prev.byCategory, categoryLabel),
    receivedByTopic: keyed(TOPIC_ORDER, cur.byTopic, prev.byTopic, topicLabel),
    receivedBySubjectType: keyed(SUBJECT_TYPE_ORDER, cur.bySubjectType, prev.bySubjectType, subjectTypeLabel),
    resolution: resolution(cur, prev),
    notifications: { delivered: fig(notifiedNow.delivered, notifiedBefore.delivered), parked: fig(notifiedNow.parked, notifiedBefore.parked) },
    onTimeByCategory: onTimeRows(PETITION_CATEGORY_KEYS, cur.onTimeByCategory, prev.onTimeByCategory, categoryLabel),
    onTimeByDepartment: onTimeRows(departmentsPresent(cur.onTimeByDepartment, prev.onTimeByDepartment), cur.onTimeByDepartment, prev.onTimeByDepartment, departmentLabel),
    workingDaysToAnswer: {
      answered: fig(cur.daysToAnswer.length, prev.daysToAnswer.length),
      median: { value: nearestRank(cur.daysToAnswer, 0.5), previous: nearestRank(prev.daysToAnswer, 0.5) },
      p90: { value: nearestRank(cur.daysToAnswer, 0.9), previous: nearestRank(prev.daysToAnswer, 0.9) },
    },
    urging: {
      urges: fig(sum(cur.urgesByDepartment), sum(prev.urgesByDepartment)),
      escalations: fig(cur.escalatedIds.length, prev.escalatedIds.length),
      byDepartment: departmentsPresent(cur.urgesByDepartment, prev.urgesByDepartment, cur.escalationsByDepartment, prev.escalationsByDepartment).map(
        (d) => ({
          department: d,
          label: departmentLabel(d),
          urges: fig(cur.urgesByDepartment.get(d) ?? 0, prev.urgesByDepartment.get(d) ?? 0),
          escalations: fig(cur.escalationsByDepartment.get(d) ?? 0, prev.escalationsByDepartment.get(d) ?? 0),
        }),
      ),
    },
    escalatedPetitions: await escalationSummaries(deps.db, cur.escalatedIds),
    satisfaction: satisfaction(cur, prev),
    themes: await themes(deps, month, prevMonth),
    overduePetitions: overdue(cur, calendar.workingDaysBetween.bind(calendar)),
    trends: await monthlyTrends(deps.db, month, now),
    knowledgeGaps: await knowledgeGaps(deps, month, prevMonth, cur.asOfIso),
    petitions: await petitionList(deps.db, month),
    policyMatching: await policyMatching(deps, sources, now),
    knowledgeReview: await knowledgeSection(sources, month),
  };
}

function sum(m: Map<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

function resolution(cur: MonthFigures, prev: MonthFigures): MonthlyReportData['resolution'] {
  const count = (f: MonthFigures, pick: (o: MonthFigures['open'][number]) => boolean) => f.open.filter(pick).length;
  // 第十条 按期答复率: a petition still open past its deadline at month end is not answered on time;
  // leaving it out would flatter the month most when answers are most overdue.
  const rate = (f: MonthFigures) => share(f.answeredOnTime, f.answered + count(f, (o) => o.overdue));
  return {
    answered: fig(cur.answered, prev.answered),
    answeredOnTime: fig(cur.answeredOnTime, prev.answeredOnTime),
    answeredLate: fig(cur.answered - cur.answeredOnTime, prev.answered - prev.answeredOnTime),
    onTimeRate: { value: rate(cur), previous: rate(prev) },
    openAtMonthEnd: fig(cur.open.length, prev.open.length),
    overdueAtMonthEnd: fig(count(cur, (o) => o.overdue), count(prev, (o) => o.overdue)),
    pausedAtMonthEnd: fig(count(cur, (o) => o.paused), count(prev, (o) => o.paused)),
  };
}

function satisfaction(cur: MonthFigures, prev: MonthFigures): MonthlyReportData['satisfaction'] {
  const stars = (f: MonthFigures, d: string, k: 'quality' | 'attitude' | 'efficiency') => mean(f.starsByDepartment.get(d)?.[k] ?? []);
  return {
    ratings: fig(cur.ratings, prev.ratings),
    levels: keyed(SATISFACTION_ORDER, cur.satisfaction, prev.satisfaction, satisfactionLabel),
    defaults: fig(cur.defaultRatings, prev.defaultRatings),
    defaultShare: { value: share(cur.defaultRatings, cur.ratings), previous: share(prev.defaultRatings, prev.ratings) },
    byDepartment: departmentsPresent(cur.starsByDepartment, prev.starsByDepartment).map((d) => ({
      department: d,
      label: departmentLabel(d),
      ratings: fig(cur.starsByDepartment.get(d)?.ratings ?? 0, prev.starsByDepartment.get(d)?.ratings ?? 0),
      quality: { value: stars(cur, d, 'quality'), previous: stars(prev, d, 'quality') },
      attitude: { value: stars(cur, d, 'attitude'), previous: stars(prev, d, 'attitude') },
      efficiency: { value: stars(cur, d, 'efficiency'), previous: stars(prev, d, 'efficiency') },
    })),
  };
}

function overdue(cur: MonthFigures, workingDaysBetween: (a: string, b: string) => number): OverduePetition[] {
  return cur.open
    .filter((o) => o.overdue && o.dueOn !== null)
    .map((o) => {
      const department = o.department ?? OFFICE_DEPARTMENT_CODE;
      const dueDate = o.dueOn ?? cur.asOfDate;
      const status = o.escalated ? 'escalated' : 'in_handling';
      return {
        id: o.id,
        title: o.title,
        category: o.category,
        categoryLabel: categoryLabel(o.category ?? 'unclassified'),
        department,
        departmentLabel: departmentLabel(department),
        dueDate,
        workingDaysOverdue: workingDaysBetween(dueDate, cur.asOfDate),
        urges: o.urges,
        status,
        statusLabel: statusLabel(status),
      };
    })
    .sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue || (a.id < b.id ? -1 : 1));
}

async function themes(deps: PetitionDeps, month: ReportMonth, prevMonth: ReportMonth): Promise<ThemeRow[]> {
  const texts = async (m: ReportMonth) =>
    (
      await deps.db
        .selectFrom('petitions')
        .select(['title', 'content'])
        .where('received_on', '>=', m.firstDay)
        .where('received_on', '<', m.nextFirstDay)
        .execute()
    ).map((r) => `${r.title}\n${r.content}`);
  const cur = countThemes(await texts(month));
  const prev = countThemes(await texts(prevMonth));
  return topThemes(cur, REPORT_LIMITS.themes).map((t) => ({ keyword: t.keyword, petitions: fig(t.petitions, prev.get(t.keyword) ?? 0) }));
}

async function knowledgeGaps(deps: PetitionDeps, month: ReportMonth, prevMonth: ReportMonth, asOfIso: string): Promise<MonthlyReportData['knowledgeGaps']> {
  const db = deps.db;
  const zero = await topZeroResultQueries(db, month.firstDay, month.nextFirstDay, REPORT_LIMITS.zeroResultQueries);
  const zeroPrev = await zeroResultCounts(db, prevMonth.firstDay, prevMonth.nextFirstDay, zero.map((q) => q.query));
  const linked = await topQueriesBeforePetitions(db, month.firstDay, month.nextFirstDay, REPORT_LIMITS.queriesBeforePetitions);
  const linkedPrev = new Map((await topQueriesBeforePetitions(db, prevMonth.firstDay, prevMonth.nextFirstDay, Number.MAX_SAFE_INTEGER)).map((q) => [q.query, q.count]));
  // 咨询类 answered in the month without citing a policy item: candidates for a new 热线口径.
  const uncited = await db
    .selectFrom('petitions as p')
    .innerJoin('petition_states as s', 's.petition_id', 'p.id')
    .leftJoin('petition_assignments as a', (j) => j.onRef('a.petition_id', '=', 'p.id').on('a.role', '=', 'lead'))
    .select(['p.id', 'p.title', 's.answered_at', 'a.department'])
    .where('s.category', '=', 'consultation')
    .where('s.answered_at', '>=', month.fromIso)
    .where('s.answered_at', '<', asOfIso)
    .where('s.answer_policy_ids', '=', '[]')
    .orderBy('s.answered_at')
    .orderBy('p.id')
    .execute();
  return {
    zeroResultQueries: zero.map((q) => ({ query: q.query, count: fig(q.count, zeroPrev.get(q.query) ?? 0) })),
    queriesBeforePetitions: linked.map((q) => ({ query: q.query, count: fig(q.count, linkedPrev.get(q.query) ?? 0) })),
    uncitedConsultations: uncited.map((r) => {
      const department = r.department ?? OFFICE_DEPARTMENT_CODE;
      return { id: r.id, title: r.title, department, departmentLabel: departmentLabel(department), answeredAt: r.answered_at ?? asOfIso };
    }),
  };
}

