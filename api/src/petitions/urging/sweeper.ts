// The sweeper (第十一条 urges and escalation, 第十三条 default ratings). One pass is set-based SQL
// over the projection, grouped by due date — no per-petition round trips — in one transaction that
// first takes the sweeper_lock row, so passes never interleave (PostgreSQL row lock, SQLite write lock).
//
// Idempotent: every urge, escalation and default rating has a dedupe key that is unique per petition;
// inserts ignore conflicts. After downtime a pass records each urge that was due with its due date
// (due_on) and the time it was actually recorded (occurred_at) — the timeline never pretends that
// an urge was sent on a day the sweeper was down.
import { PETITION_POLICY } from '@zone/schemas';
import { sql, type Transaction } from 'kysely';
import { SWEEPER_ACTOR } from '../../auth/actor.ts';
import { shanghaiDate } from '../../clock/shanghai-time.ts';
import type { WorkingCalendar } from '../../calendar/working-calendar.ts';
import type { Database } from '../../db/schema.ts';
import type { PetitionDeps } from '../deps.ts';
import { enqueueSweeperNotifications } from '../../notifications/enqueue.ts';
import { recordDefaultRatings } from '../rating/default-rating.ts';
import { ESCALATION_DEDUPE_KEY_SQL, eventTypeSql, payloadSql, urgeDedupeKeySql } from '../timeline/event-sql.ts';
import { urgeSchedule } from './urge-schedule.ts';

export interface SweepResult {
  urgesRecorded: number;
  escalations: number;
  defaultRatings: number;
}

async function recordUrgesAndEscalations(trx: Transaction<Database>, calendar: WorkingCalendar, today: string, nowIso: string) {
  let urgesRecorded = 0;
  let escalations = 0;
  // The due dates of petitions whose first urge may be due (urge 1 falls after the due date).
  const dueDates = await trx
    .selectFrom('petition_states')
    .select('due_on')
    .distinct()
    .where('status', '=', 'in_handling')
    .where('due_on', '<', today)
    .execute();

  for (const { due_on: dueOn } of dueDates) {
    if (dueOn === null) continue;
    const schedule = urgeSchedule(calendar, dueOn);
    // The urges due by today (k = 1..3), as a tiny derived table: one INSERT per due date.
    const due = schedule.urges.map((on, i) => ({ k: i + 1, on })).filter((u) => u.on <= today);
    if (due.length > 0) {
      const urgesDue = sql.join(
        due.map((u) => sql`SELECT ${sql.lit(u.k)} AS k, ${u.on} AS urge_on`),
        sql` UNION ALL `,
      );
      // One urge per (petition, department, number): the unique dedupe key makes a repeat a no-op.
      // Inserted petition by petition (so the unique index is written sequentially), each in due order.
      const inserted = await sql`
        INSERT INTO petition_events (petition_id, type, actor_role, actor_id, department, occurred_at, due_on, dedupe_key, payload)
        SELECT a.petition_id, ${eventTypeSql('urged')}, ${SWEEPER_ACTOR.role}, ${SWEEPER_ACTOR.id}, a.department, ${nowIso}, s.urge_on,
               ${urgeDedupeKeySql(sql.ref<string>('a.department'), sql.ref<number>('s.k'))}, ${payloadSql('urged', { urgeNumber: sql.ref<number>('s.k') })}
        FROM petition_states p
        JOIN petition_assignments a ON a.petition_id = p.petition_id
        CROSS JOIN (${urgesDue}) s
        WHERE p.status = 'in_handling' AND p.due_on = ${dueOn} AND a.answered_at IS NULL
        ORDER BY a.petition_id, s.k, a.department
        ON CONFLICT (petition_id, dedupe_key) DO NOTHING`.execute(trx);
      urgesRecorded += Number(inserted.numAffectedRows ?? 0n);
    }

    if (schedule.escalationOn > today) continue;
    // Escalation day reached and a department still silent (its 3 urges were recorded above).
    // The status changes first: the UPDATE takes the row locks and re-checks the status, so a final
    // answer committed meanwhile is never overtaken; the events are then written for exactly the
    // rows this pass escalated (escalated_at = this pass's time).
    await sql`
      UPDATE petition_states SET status = 'escalated', escalated_at = ${nowIso}, updated_at = ${nowIso}
      WHERE status = 'in_handling' AND due_on = ${dueOn}
        AND EXISTS (SELECT 1 FROM petition_assignments a WHERE a.petition_id = petition_states.petition_id AND a.answered_at IS NULL)`.execute(trx);
    const esc = await sql`
      INSERT INTO petition_events (petition_id, type, actor_role, actor_id, department, occurred_at, due_on, dedupe_key, payload)
      SELECT p.petition_id, ${eventTypeSql('escalated')}, ${SWEEPER_ACTOR.role}, ${SWEEPER_ACTOR.id}, NULL, ${nowIso}, ${schedule.escalationOn}, ${ESCALATION_DEDUPE_KEY_SQL},
             ${payloadSql('escalated', { urgesUnanswered: PETITION_POLICY.urgesBeforeEscalation })}
      FROM petition_states p
      WHERE p.status = 'escalated' AND p.due_on = ${dueOn} AND p.escalated_at = ${nowIso}
      ORDER BY p.petition_id
      ON CONFLICT (petition_id, dedupe_key) DO NOTHING`.execute(trx);
    escalations += Number(esc.numAffectedRows ?? 0n);
  }
  return { urgesRecorded, escalations };
}

/** One sweeper pass as of the clock's now. Safe to run concurrently and after any downtime. */
export async function sweep(deps: PetitionDeps): Promise<SweepResult> {
  const calendar = await deps.calendar();
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = shanghaiDate(now);
  return deps.db.transaction().execute(async (trx) => {
    // Take the lock first (a write), so a second sweeper waits here and then finds nothing to do.
    await trx.updateTable('sweeper_lock').set({ last_started_at: nowIso }).where('id', '=', 1).execute();
    // PostgreSQL: let the per-due-date sorts stay in memory (the default 4 MB spills to disk).
    if (deps.dialect === 'postgres') await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    const last = await trx.selectFrom('petition_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
    const { urgesRecorded, escalations } = await recordUrgesAndEscalations(trx, calendar, today, nowIso);
    // 第十一条: the departments urged and the leading group are told — enqueued in this transaction,
    // so an urge is never recorded without its notifications (api/src/notifications/).
    if (urgesRecorded + escalations > 0) {
      await enqueueSweeperNotifications(trx, deps.notifications, Number(last?.id ?? 0), nowIso);
    }
    const defaultRatings = await recordDefaultRatings(trx, today, nowIso);
    return { urgesRecorded, escalations, defaultRatings };
  });
}
