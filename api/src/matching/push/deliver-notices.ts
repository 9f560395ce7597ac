// Delivers pending match notices from the outbox (policy_match_notices) to the platform webhook.
// A failed attempt is retried with exponential backoff; after the last attempt the notice is parked
// (visible, never dropped). Several api instances share the outbox: a notice is leased before it is sent.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { postNotice, type WebhookTarget } from './webhook.ts';

export interface DeliveryPolicy {
  /** Attempts before a notice is parked. */
  maxAttempts: number;
  /** Wait after the first failure; doubles after each further failure. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How long a claimed notice stays leased to this instance. */
  leaseMs: number;
  batchSize: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { maxAttempts: 12, backoffBaseMs: 5_000, backoffMaxMs: 3_600_000, leaseMs: 60_000, batchSize: 50 };

/** Pure: the wait before attempt n+1 after n failed attempts (n ≥ 1). */
export function backoffMs(failedAttempts: number, policy: Pick<DeliveryPolicy, 'backoffBaseMs' | 'backoffMaxMs'>): number {
  return Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.max(0, failedAttempts - 1));
}

export interface DeliveryResult {
  delivered: number;
  failed: number;
  parked: number;
}

export async function deliverDueNotices(db: Kysely<Database>, target: WebhookTarget, policy: DeliveryPolicy, now: () => Date): Promise<DeliveryResult> {
  const result: DeliveryResult = { delivered: 0, failed: 0, parked: 0 };
  const start = now().toISOString();
  const due = await db
    .selectFrom('policy_match_notices')
    .select(['id', 'payload', 'attempts'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', start)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', start)]))
    .orderBy('next_attempt_at')
    .limit(policy.batchSize)
    .execute();
  for (const notice of due) {
    const claimedAt = now();
    const lease = new Date(claimedAt.getTime() + policy.leaseMs).toISOString();
    const claim = await db
      .updateTable('policy_match_notices')
      .set({ locked_until: lease })
      .where('id', '=', notice.id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', claimedAt.toISOString())]))
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue; // another instance has it
    const outcome = await postNotice(target, notice.id, notice.payload, Math.floor(now().getTime() / 1000));
    const attempts = notice.attempts + 1;
    const after = now();
    if (outcome.ok) {
      await db.updateTable('policy_match_notices').set({ status: 'delivered', attempts, delivered_at: after.toISOString(), locked_until: null, last_error: null }).where('id', '=', notice.id).execute();
      result.delivered++;
    } else if (attempts >= policy.maxAttempts) {
      await db.updateTable('policy_match_notices').set({ status: 'parked', attempts, locked_until: null, last_error: outcome.error }).where('id', '=', notice.id).execute();
      result.parked++;
    } else {
      const next = new Date(after.getTime() + backoffMs(attempts, policy)).toISOString();
      await db.updateTable('policy_match_notices').set({ attempts, next_attempt_at: next, locked_until: null, last_error: outcome.error }).where('id', '=', notice.id).execute();
      result.failed++;
    }
  }
  return result;
}
