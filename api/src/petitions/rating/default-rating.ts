// 第十三条: 5个工作日未评价的，视作满意. The sweeper records the default 满意, marked as a default,
// with whether the answer came on time, for every answered petition whose rating window has closed.
import { PETITION_POLICY } from '@zone/schemas';
import { sql, type Transaction } from 'kysely';
import { SWEEPER_ACTOR } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';

export async function recordDefaultRatings(trx: Transaction<Database>, today: string, nowIso: string): Promise<number> {
  const satisfaction = PETITION_POLICY.defaultSatisfaction;
  const payloadHead = `{"satisfaction":"${satisfaction}","serviceQuality":null,"attitude":null,"efficiency":null,"comment":null,"isDefault":true,"onTime":`;
  // rating_due_on is the last day of the window; the default applies from the day after it.
  const inserted = await sql`
    INSERT INTO petition_events (petition_id, type, actor_role, actor_id, department, occurred_at, due_on, dedupe_key, payload)
    SELECT p.petition_id, 'rated', ${SWEEPER_ACTOR.role}, ${SWEEPER_ACTOR.id}, NULL, ${nowIso}, p.rating_due_on, 'rating',
           ${payloadHead} || CASE WHEN p.answer_on_time = 1 THEN 'true' ELSE 'false' END || '}'
    FROM petition_states p
    WHERE p.status = 'answered' AND p.rating_due_on < ${today}
    ON CONFLICT (petition_id, dedupe_key) DO NOTHING`.execute(trx);
  await sql`
    UPDATE petition_states SET status = 'rated', satisfaction = ${satisfaction}, stars_quality = NULL, stars_attitude = NULL,
      stars_efficiency = NULL, rating_comment = NULL, rating_default = 1, rated_at = ${nowIso}, updated_at = ${nowIso}
    WHERE status = 'answered' AND rating_due_on < ${today}`.execute(trx);
  return Number(inserted.numAffectedRows ?? 0n);
}
