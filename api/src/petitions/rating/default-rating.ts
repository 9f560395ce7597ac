// 第十三条: 对按期办结的诉求答复 … 5个工作日未评价的，视作满意. The sweeper records the default 满意,
// marked as a default, for every answer that came ON TIME whose rating window has closed. A late
// answer gets no default: it stays answered and unrated, and the report shows it late and unrated.
import { PETITION_POLICY } from '@zone/schemas';
import type { Transaction } from 'kysely';
import { SWEEPER_ACTOR } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { DEDUPE, type EventPayloads, type PetitionEventType } from '../timeline/events.ts';

const BATCH = 500;

export async function recordDefaultRatings(trx: Transaction<Database>, today: string, nowIso: string): Promise<number> {
  const satisfaction = PETITION_POLICY.defaultSatisfaction;
  // rating_due_on is the last day of the window; the default applies from the day after it.
  // Status first: the UPDATE takes the row locks and re-checks the status, so a rating committed
  // meanwhile wins; RETURNING names exactly the petitions this pass rated.
  const rated = await trx
    .updateTable('petition_states')
    .set({
      status: 'rated',
      satisfaction,
      stars_quality: null,
      stars_attitude: null,
      stars_efficiency: null,
      rating_comment: null,
      rating_default: 1,
      rated_at: nowIso,
      updated_at: nowIso,
    })
    .where('status', '=', 'answered')
    .where('answer_on_time', '=', 1)
    .where('rating_due_on', '<', today)
    .returning(['petition_id', 'answer_on_time', 'rating_due_on'])
    .execute();
  let recorded = 0;
  for (let i = 0; i < rated.length; i += BATCH) {
    const rows = rated.slice(i, i + BATCH).map((r) => ({
      petition_id: r.petition_id,
      type: 'rated' satisfies PetitionEventType,
      actor_role: SWEEPER_ACTOR.role,
      actor_id: SWEEPER_ACTOR.id,
      department: null,
      occurred_at: nowIso,
      due_on: r.rating_due_on,
      dedupe_key: DEDUPE.rating,
      payload: JSON.stringify({
        satisfaction,
        serviceQuality: null,
        attitude: null,
        efficiency: null,
        comment: null,
        isDefault: true,
        onTime: r.answer_on_time === 1,
      } satisfies EventPayloads['rated']),
    }));
    const res = await trx
      .insertInto('petition_events')
      .values(rows)
      .onConflict((oc) => oc.columns(['petition_id', 'dedupe_key']).doNothing())
      .executeTakeFirst();
    recorded += Number(res.numInsertedOrUpdatedRows ?? 0n);
  }
  return recorded;
}
