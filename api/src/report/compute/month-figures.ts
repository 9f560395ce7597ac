// Every figure of the monthly report for ONE month (第十二条), so the report can put the month beside the
// previous one. Definitions (docs/report.md repeats them for readers):
//   received      petitions whose receipt date (Asia/Shanghai) is in the month
//   answered      final answers sent in the month; on time when sent by the deadline (第十条)
//   at month end  the state at the end of the month (or now, for the running month), rebuilt from the
//                 timeline: open = received and neither answered, refused nor closed as 市场类 by then
//   departments   a department's on-time figure counts ITS OWN answers (第十、十一条: each department is
//                 urged for itself); 区企服办 counts the final answers it gave without assigning anyone
//                 (咨询类). Ratings and escalations belong to the lead department (区企服办 if none).
//   urges         by the working day they fell due (dueOn), so a sweeper's downtime moves nothing
import { OFFICE_DEPARTMENT_CODE } from '@zone/schemas';
import type { Kysely } from 'kysely';
import { shanghaiDate } from '../../clock/shanghai-time.ts';
import type { WorkingCalendar } from '../../calendar/working-calendar.ts';
import type { Database } from '../../db/schema.ts';
import { eventFromRow } from '../../petitions/store/petition-row.ts';
import type { PetitionState } from '../../petitions/state/petition-state.ts';
import type { PetitionEvent } from '../../petitions/timeline/events.ts';
import { applyEvent } from '../../petitions/timeline/reduce.ts';
import type { ReportMonth } from '../month.ts';

type Db = Kysely<Database>;

export interface OnTimeCount {
  answered: number;
  onTime: number;
}

export interface StarsCount {
  ratings: number;
  quality: (number | null)[];
  attitude: (number | null)[];
  efficiency: (number | null)[];
}

/** A petition that was open at the report's as-of instant, with its state at that instant. */
export interface OpenAtEnd {
  id: string;
  title: string;
  category: string | null;
  receivedOn: string;
  department: string | null;
  dueOn: string | null;
  paused: boolean;
  escalated: boolean;
  overdue: boolean;
  urges: number;
}

export interface MonthFigures {
  month: ReportMonth;
  /** The instant the month's "at month end" figures are taken (exclusive): the month end, or now. */
  asOfIso: string;
  asOfDate: string;
  received: number;
  byChannel: Map<string, number>;
  byCategory: Map<string, number>;
  byTopic: Map<string, number>;
  bySubjectType: Map<string, number>;
  answered: number;
  answeredOnTime: number;
  onTimeByCategory: Map<string, OnTimeCount>;
  onTimeByDepartment: Map<string, OnTimeCount>;
  /** Working days from receipt to the final answer (次日起算), less the days paused for materials. */
  daysToAnswer: number[];
  open: OpenAtEnd[];
  urgesByDepartment: Map<string, number>;
  escalationsByDepartment: Map<string, number>;
  escalatedIds: string[];
  satisfaction: Map<string, number>;
  ratings: number;
  defaultRatings: number;
  starsByDepartment: Map<string, StarsCount>;
}

const n = (v: string | number | bigint | null | undefined) => Number(v ?? 0);

function bump<K>(m: Map<K, number>, k: K, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** The category a received petition ended up in: a 第十条 category, 市场类, refused, or not yet triaged. */
export function receivedCategoryKey(status: string, category: string | null): string {
  if (status === 'refused') return 'refused';
  if (status === 'market_matter') return 'market';
  return category ?? 'unclassified';
}

export async function computeMonthFigures(db: Db, calendar: WorkingCalendar, month: ReportMonth, now: Date): Promise<MonthFigures> {
  const asOfMs = Math.min(Math.max(now.getTime(), Date.parse(month.fromIso)), Date.parse(month.toIso));
  const asOfIso = new Date(asOfMs).toISOString();
  const asOfDate = shanghaiDate(new Date(asOfMs - 1));

  // Received (第六条 channels, topics, subject types; 第七条 categories).
  const received = await db
    .selectFrom('petitions as p')
    .innerJoin('petition_states as s', 's.petition_id', 'p.id')
    .select(['p.channel', 'p.topic', 'p.submitter_kind', 's.status', 's.category'])
    .where('p.received_on', '>=', month.firstDay)
    .where('p.received_on', '<', month.nextFirstDay)
    .execute();
  const byChannel = new Map<string, number>();
  const byCategory = new Map<string, number>();
  const byTopic = new Map<string, number>();
  const bySubjectType = new Map<string, number>();
  for (const r of received) {
    bump(byChannel, r.channel);
    bump(byTopic, r.topic);
    bump(bySubjectType, r.submitter_kind);
    bump(byCategory, receivedCategoryKey(r.status, r.category));
  }

  const leads = await leadDepartments(db);
  const leadOf = (id: string) => leads.get(id) ?? OFFICE_DEPARTMENT_CODE;

  // Final answers sent in the month.
  const answeredRows = await db
    .selectFrom('petitions as p')
    .innerJoin('petition_states as s', 's.petition_id', 'p.id')
    .select(['p.id', 'p.received_on', 's.category', 's.answered_at', 's.answer_on_time', 's.paused_working_days'])
    .where('s.answered_at', '>=', month.fromIso)
    .where('s.answered_at', '<', asOfIso)
    .execute();
  const onTimeByCategory = new Map<string, OnTimeCount>();
  const onTimeByDepartment = new Map<string, OnTimeCount>();
  const addOnTime = (m: Map<string, OnTimeCount>, k: string, onTime: boolean) => {
    const c = m.get(k) ?? { answered: 0, onTime: 0 };
    c.answered++;
    if (onTime) c.onTime++;
    m.set(k, c);
  };
  const daysToAnswer: number[] = [];
  let answeredOnTime = 0;
  for (const r of answeredRows) {
    const onTime = r.answer_on_time === 1;
    if (onTime) answeredOnTime++;
    addOnTime(onTimeByCategory, r.category ?? 'unclassified', onTime);
    if (!leads.has(r.id)) addOnTime(onTimeByDepartment, OFFICE_DEPARTMENT_CODE, onTime);
    const answeredOn = shanghaiDate(new Date(r.answered_at ?? asOfIso));
    daysToAnswer.push(Math.max(0, calendar.workingDaysBetween(r.received_on, answeredOn) - r.paused_working_days));
  }
  // Each department's own answers in the month, against the petition's deadline.
  const deptAnswers = await db
    .selectFrom('petition_assignments as a')
    .innerJoin('petition_states as s', 's.petition_id', 'a.petition_id')
    .select(['a.department', 'a.answered_at', 's.due_at'])
    .where('a.answered_at', '>=', month.fromIso)
    .where('a.answered_at', '<', asOfIso)
    .execute();
  for (const r of deptAnswers) addOnTime(onTimeByDepartment, r.department, r.due_at !== null && (r.answered_at ?? '') <= r.due_at);

  // 第十一条: urges and escalations by the working day they fell due.
  const urgeRows = await db
    .selectFrom('petition_events')
    .select(['department', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('type', '=', 'urged')
    .where('due_on', '>=', month.firstDay)
    .where('due_on', '<=', asOfDate)
    .groupBy('department')
    .execute();
  const urgesByDepartment = new Map(urgeRows.map((r) => [r.department ?? OFFICE_DEPARTMENT_CODE, n(r.n)] as const));
  const escalatedIds = (
    await db
      .selectFrom('petition_events')
      .select('petition_id')
      .where('type', '=', 'escalated')
      .where('due_on', '>=', month.firstDay)
      .where('due_on', '<=', asOfDate)
      .orderBy('due_on')
      .orderBy('petition_id')
      .execute()
  ).map((r) => r.petition_id);
  const escalationsByDepartment = new Map<string, number>();
  for (const id of escalatedIds) bump(escalationsByDepartment, leadOf(id));

  // 第十三条: ratings recorded in the month (the default ones included, marked).
  const ratingRows = await db
    .selectFrom('petition_states')
    .select(['petition_id', 'satisfaction', 'rating_default', 'stars_quality', 'stars_attitude', 'stars_efficiency'])
    .where('rated_at', '>=', month.fromIso)
    .where('rated_at', '<', asOfIso)
    .execute();
  const satisfaction = new Map<string, number>();
  const starsByDepartment = new Map<string, StarsCount>();
  let defaultRatings = 0;
  for (const r of ratingRows) {
    bump(satisfaction, r.satisfaction ?? 'satisfied');
    if (r.rating_default === 1) defaultRatings++;
    const dept = leadOf(r.petition_id);
    const s = starsByDepartment.get(dept) ?? { ratings: 0, quality: [], attitude: [], efficiency: [] };
    s.ratings++;
    s.quality.push(r.stars_quality);
    s.attitude.push(r.stars_attitude);
    s.efficiency.push(r.stars_efficiency);
    starsByDepartment.set(dept, s);
  }

  return {
    month,
    asOfIso,
    asOfDate,
    received: received.length,
    byChannel,
    byCategory,
    byTopic,
    bySubjectType,
    answered: answeredRows.length,
    answeredOnTime,
    onTimeByCategory,
    onTimeByDepartment,
    daysToAnswer,
    open: await openAt(db, asOfIso, asOfDate, leads),
    urgesByDepartment,
    escalationsByDepartment,
    escalatedIds,
    satisfaction,
    ratings: ratingRows.length,
    defaultRatings,
    starsByDepartment,
  };
}

/** Lead department per petition (petitions without one are the office's). */
async function leadDepartments(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('petition_assignments').select(['petition_id', 'department']).where('role', '=', 'lead').execute();
  return new Map(rows.map((r) => [r.petition_id, r.department]));
}

const CHUNK = 500;

/**
 * The petitions open at `asOfIso`, each with its state then. Closing is final (answered, refused,
 * 市场类), so the projection says which were open; the timeline says whether each was paused, overdue
 * or escalated at that instant, and how often it had been urged.
 */
async function openAt(db: Db, asOfIso: string, asOfDate: string, leads: Map<string, string>): Promise<OpenAtEnd[]> {
  const rows = await db
    .selectFrom('petitions as p')
    .innerJoin('petition_states as s', 's.petition_id', 'p.id')
    .select(['p.id', 'p.title', 'p.received_on', 's.category'])
    .where('p.received_at', '<', asOfIso)
    .where((eb) =>
      eb.or([
        eb.and([eb('s.answered_at', 'is', null), eb('s.closed_at', 'is', null)]),
        eb('s.answered_at', '>=', asOfIso),
        eb('s.closed_at', '>=', asOfIso),
      ]),
    )
    .orderBy('p.id')
    .execute();
  const out: OpenAtEnd[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    // The whole timeline of each petition, read as typed events and folded by the timeline's own
    // applyEvent (第十二条: the state at any instant follows from the timeline alone).
    const events = (
      await db
        .selectFrom('petition_events')
        .selectAll()
        .where('petition_id', 'in', chunk.map((r) => r.id))
        .orderBy('id')
        .execute()
    ).map(eventFromRow);
    const byPetition = new Map<string, PetitionEvent[]>();
    for (const e of events) {
      const list = byPetition.get(e.petitionId);
      if (list) list.push(e);
      else byPetition.set(e.petitionId, [e]);
    }
    for (const r of chunk) {
      let state: PetitionState | null = null;
      let escalated = false;
      let urges = 0;
      for (const e of byPetition.get(r.id) ?? []) {
        // 第十一条: urges and escalations count on the working day they fell due (a sweeper's downtime
        // moves nothing); the rest when they were recorded. Neither moves the deadline or the pause,
        // so they are counted here rather than folded (a late-recorded one may follow a later event).
        if (e.type === 'urged' || e.type === 'escalated') {
          if ((e.dueOn ?? '9999') > asOfDate) continue;
          if (e.type === 'urged') urges++;
          else escalated = true;
          continue;
        }
        if (e.at >= asOfIso) continue;
        state = applyEvent(state, e);
      }
      const handling = state && 'handling' in state ? state.handling : null;
      const dueOn = handling?.dueOn ?? null;
      const dueAt = handling?.dueAt ?? null;
      const category = handling?.category ?? null;
      const paused = state?.status === 'awaiting_materials';
      out.push({
        id: r.id,
        title: r.title,
        category: category ?? (dueOn ? r.category : null),
        receivedOn: r.received_on,
        department: dueOn ? (leads.get(r.id) ?? null) : null,
        dueOn,
        paused,
        escalated,
        overdue: !paused && dueAt !== null && Date.parse(dueAt) < Date.parse(asOfIso) - 1,
        urges,
      });
    }
  }
  return out;
}
