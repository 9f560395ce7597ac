// The last 12 months for the trend charts: petitions received, final answers, on-time rate, escalations.
import type { Kysely } from 'kysely';
import { shanghaiDate } from '../../clock/shanghai-time.ts';
import type { Database } from '../../db/schema.ts';
import { monthsEndingWith, reportMonth, type ReportMonth } from '../month.ts';
import { share } from './percentile.ts';

export const TREND_MONTHS = 12;

export interface MonthTrend {
  month: string;
  received: number;
  answered: number;
  answeredOnTime: number;
  onTimeRate: number | null;
  escalations: number;
}

export async function monthlyTrends(db: Kysely<Database>, month: ReportMonth, now: Date): Promise<MonthTrend[]> {
  const keys = monthsEndingWith(month.key, TREND_MONTHS);
  const first = reportMonth(keys[0] ?? month.key);
  const until = new Date(Math.min(now.getTime(), Date.parse(month.toIso))).toISOString();
  const byMonth = new Map(keys.map((k) => [k, { month: k, received: 0, answered: 0, answeredOnTime: 0, onTimeRate: null as number | null, escalations: 0 }]));
  const received = await db
    .selectFrom('petitions')
    .select('received_on')
    .where('received_on', '>=', first.firstDay)
    .where('received_on', '<', month.nextFirstDay)
    .execute();
  for (const r of received) {
    const t = byMonth.get(r.received_on.slice(0, 7));
    if (t) t.received++;
  }
  const answered = await db
    .selectFrom('petition_states')
    .select(['answered_at', 'answer_on_time'])
    .where('answered_at', '>=', first.fromIso)
    .where('answered_at', '<', until)
    .execute();
  for (const r of answered) {
    const t = byMonth.get(shanghaiDate(new Date(r.answered_at ?? until)).slice(0, 7));
    if (!t) continue;
    t.answered++;
    if (r.answer_on_time === 1) t.answeredOnTime++;
  }
  const escalations = await db
    .selectFrom('petition_events')
    .select('due_on')
    .where('type', '=', 'escalated')
    .where('due_on', '>=', first.firstDay)
    .where('due_on', '<', month.nextFirstDay)
    .execute();
  for (const r of escalations) {
    const t = byMonth.get((r.due_on ?? '').slice(0, 7));
    if (t) t.escalations++;
  }
  return keys.map((k) => {
    const t = byMonth.get(k) ?? { month: k, received: 0, answered: 0, answeredOnTime: 0, onTimeRate: null, escalations: 0 };
    return { ...t, onTimeRate: share(t.answeredOnTime, t.answered) };
  });
}
