// 第十二条: 按月向区企业服务工作领导小组分析报送我区企业反映的诉求及解决情况.
// Counts over the petitions received in a month (Asia/Shanghai) and the urges, escalations and
// answers recorded in it.
import type { Actor } from '../../auth/actor.ts';
import { startOfShanghaiDay } from '../../clock/shanghai-time.ts';
import { parseMonth } from '../../report/month.ts';
import type { PetitionDeps } from '../deps.ts';
import { requireActor } from '../../auth/require-actor.ts';

export interface CountByKey {
  key: string;
  count: number;
}

export interface MonthlyReport {
  month: string;
  received: number;
  byStatus: CountByKey[];
  byCategory: CountByKey[];
  byTopic: CountByKey[];
  byDepartment: CountByKey[];
  answered: number;
  answeredOnTime: number;
  urges: number;
  escalations: number;
  bySatisfaction: CountByKey[];
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export async function monthlyReport(deps: PetitionDeps, actorOrNull: Actor | null, rawMonth: unknown): Promise<MonthlyReport> {
  requireActor(actorOrNull, ['office', 'leader'] as const);
  const month = parseMonth(rawMonth, ['month'], deps.clock.now()).key;
  const firstDay = `${month}-01`;
  const nextFirst = `${nextMonth(month)}-01`;
  const fromIso = startOfShanghaiDay(firstDay).toISOString();
  const toIso = startOfShanghaiDay(nextFirst).toISOString();
  const db = deps.db;

  const received = db
    .selectFrom('petitions')
    .innerJoin('petition_states', 'petition_states.petition_id', 'petitions.id')
    .where('petitions.received_on', '>=', firstDay)
    .where('petitions.received_on', '<', nextFirst);
  const group = async (column: 'status' | 'category' | 'topic') => {
    const rows = await received.select([column, (eb) => eb.fn.countAll<string | number>().as('n')]).groupBy(column).execute();
    return rows.map((r) => ({ key: String((r as Record<string, unknown>)[column] ?? 'unclassified'), count: Number(r.n) })).sort((a, b) => a.key.localeCompare(b.key));
  };
  const total = await received.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const byDepartment = await db
    .selectFrom('petition_assignments as a')
    .innerJoin('petitions as p', 'p.id', 'a.petition_id')
    .where('p.received_on', '>=', firstDay)
    .where('p.received_on', '<', nextFirst)
    .select(['a.department', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy('a.department')
    .execute();
  const answered = await db
    .selectFrom('petition_states')
    .where('answered_at', '>=', fromIso)
    .where('answered_at', '<', toIso)
    .select([(eb) => eb.fn.countAll<string | number>().as('n'), (eb) => eb.fn.sum<string | number | null>('answer_on_time').as('on_time')])
    .executeTakeFirstOrThrow();
  const events = await db
    .selectFrom('petition_events')
    .where('occurred_at', '>=', fromIso)
    .where('occurred_at', '<', toIso)
    .where('type', 'in', ['urged', 'escalated'])
    .select(['type', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy('type')
    .execute();
  const satisfaction = await db
    .selectFrom('petition_states')
    .where('rated_at', '>=', fromIso)
    .where('rated_at', '<', toIso)
    .select(['satisfaction', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy('satisfaction')
    .execute();

  return {
    month,
    received: Number(total.n),
    byStatus: await group('status'),
    byCategory: await group('category'),
    byTopic: await group('topic'),
    byDepartment: byDepartment.map((r) => ({ key: r.department, count: Number(r.n) })).sort((a, b) => a.key.localeCompare(b.key)),
    answered: Number(answered.n),
    answeredOnTime: Number(answered.on_time ?? 0),
    urges: Number(events.find((e) => e.type === 'urged')?.n ?? 0),
    escalations: Number(events.find((e) => e.type === 'escalated')?.n ?? 0),
    bySatisfaction: satisfaction.map((r) => ({ key: r.satisfaction ?? 'none', count: Number(r.n) })).sort((a, b) => a.key.localeCompare(b.key)),
  };
}
