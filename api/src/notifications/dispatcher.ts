// The dispatcher: claims due deliveries, sends each through its channel, records the outcome.
//
// Delivery contract (honest): the inbox is exactly once (the message and "delivered" are written in
// one transaction, keyed by the delivery). E-mail and the webhook are at least once on the wire and
// exactly once in the record: "attempting" (with a lease) is recorded before sending; if the process
// dies after sending and before recording "delivered", the lease runs out and the next pass sends
// again with the SAME send key (the Message-ID, the Idempotency-Key header), so the receiver can drop
// the repeat. Nothing is lost while SMTP or the platform is down: a failure goes back to "pending"
// with exponential backoff and jitter, and after maxAttempts it is parked for the office to requeue.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock/clock.ts';
import type { Database, NotificationDeliveriesTable } from '../db/schema.ts';
import { backoffMs } from './backoff.ts';
import { DeliveryFailedError } from './channels/delivery-errors.ts';
import type { EmailChannel } from './channels/email.ts';
import type { WebhookChannel } from './channels/webhook.ts';
import { contentOf } from './messages.ts';
import { NOTIFICATION_POLICY, type Channel, type NotificationKind } from './policy.ts';

export interface DispatcherDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** E-mail addresses per recipient key. */
  emails: Readonly<Record<string, string>>;
  email: EmailChannel | null;
  webhook: WebhookChannel | null;
  maxAttempts: number;
  /** How long a claimed attempt may take before it is presumed lost and sent again. */
  leaseMs: number;
  random?: () => number;
  /** Test seam: runs after a successful send and before "delivered" is recorded (a crash lands here). */
  afterSend?: (deliveryId: string) => Promise<void>;
}

export interface DispatchResult {
  delivered: number;
  retrying: number;
  parked: number;
}

export interface Dispatcher {
  /** One pass over the deliveries due now. */
  runOnce(): Promise<DispatchResult>;
}

/** The event's facts stored with the delivery (enqueue.ts). */
interface StoredFacts {
  kind: NotificationKind;
  petitionId: string;
  department: string | null;
  dueOn: string | null;
  occurredAt: string;
  data: Record<string, unknown>;
}

interface Rendered {
  facts: StoredFacts;
  title: string;
  body: string;
}

function render(row: NotificationDeliveriesTable): Rendered {
  const facts = JSON.parse(row.payload) as StoredFacts;
  return { facts, ...contentOf(facts.kind, { petitionId: facts.petitionId, department: facts.department, dueOn: facts.dueOn, payload: facts.data }) };
}

/** What the platform is told (第八、十条): the submitter's part only, never the office's internal notes. */
function platformData(f: StoredFacts): Record<string, unknown> {
  switch (f.kind) {
    case 'materials_requested':
      return { note: f.data['note'] };
    case 'answered':
      return { text: f.data['text'], policyIds: f.data['policyIds'] };
    case 'urged':
    case 'escalated':
    case 'review_flagged':
      return {};
  }
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { db, clock } = deps;

  async function claim(id: string, nowIso: string, leaseUntil: string): Promise<boolean> {
    const r = await db
      .updateTable('notification_deliveries')
      .set((eb) => ({ status: 'attempting', attempts: eb('attempts', '+', 1), lease_until: leaseUntil, updated_at: nowIso }))
      .where('id', '=', id)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowIso)]),
          eb.and([eb('status', '=', 'attempting'), eb('lease_until', '<=', nowIso)]),
        ]),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async function send(row: NotificationDeliveriesTable, message: Rendered): Promise<void> {
    const channel = row.channel as Channel;
    switch (channel) {
      case 'inbox':
        return; // written with the "delivered" record, in one transaction
      case 'email': {
        const to = deps.emails[row.recipient];
        if (!deps.email || !to) throw new DeliveryFailedError(`no e-mail address configured for ${row.recipient}`, false);
        return deps.email.send({ deliveryId: row.id, to, subject: message.title, text: message.body });
      }
      case 'webhook': {
        if (!deps.webhook) throw new DeliveryFailedError('no platform webhook configured', false);
        const f = message.facts;
        const body = JSON.stringify({
          deliveryId: row.id,
          event: `petition.${f.kind}`,
          kind: f.kind,
          petitionId: f.petitionId,
          occurredAt: f.occurredAt,
          title: message.title,
          body: message.body,
          data: platformData(f),
        });
        return deps.webhook.send(row.id, body, clock.now());
      }
    }
  }

  async function recordDelivered(row: NotificationDeliveriesTable, message: Rendered): Promise<void> {
    const nowIso = clock.now().toISOString();
    await db.transaction().execute(async (trx) => {
      if (row.channel === 'inbox') {
        await trx
          .insertInto('inbox_messages')
          .values({ delivery_id: row.id, recipient: row.recipient, petition_id: row.petition_id, kind: row.kind, title: message.title, body: message.body, created_at: row.created_at, read_at: null })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      await trx
        .updateTable('notification_deliveries')
        .set({ status: 'delivered', delivered_at: nowIso, lease_until: null, last_error: null, updated_at: nowIso })
        .where('id', '=', row.id)
        .where('status', '=', 'attempting')
        .execute();
    });
  }

  async function recordFailure(row: NotificationDeliveriesTable, err: unknown): Promise<'retrying' | 'parked'> {
    const now = clock.now();
    const nowIso = now.toISOString();
    const retryable = err instanceof DeliveryFailedError ? err.retryable : true;
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    if (!retryable || row.attempts >= deps.maxAttempts) {
      await db
        .updateTable('notification_deliveries')
        .set({ status: 'parked', parked_at: nowIso, lease_until: null, last_error: message, updated_at: nowIso })
        .where('id', '=', row.id)
        .execute();
      deps.logger.warn({ deliveryId: row.id, attempts: row.attempts, err: message }, 'notification parked');
      return 'parked';
    }
    const next = new Date(now.getTime() + backoffMs(row.attempts, deps.random)).toISOString();
    await db
      .updateTable('notification_deliveries')
      .set({ status: 'pending', next_attempt_at: next, lease_until: null, last_error: message, updated_at: nowIso })
      .where('id', '=', row.id)
      .execute();
    return 'retrying';
  }

  return {
    async runOnce() {
      const result: DispatchResult = { delivered: 0, retrying: 0, parked: 0 };
      // A backlog (after downtime) drains in batches within one pass, bounded so a pass stays short.
      for (let batch = 0; batch < NOTIFICATION_POLICY.batchesPerPass; batch++) {
        const handled = await runBatch(result);
        if (handled < NOTIFICATION_POLICY.batchSize) break;
      }
      return result;
    },
  };

  async function runBatch(result: DispatchResult): Promise<number> {
    const now = clock.now();
    const nowIso = now.toISOString();
    const due = await db
      .selectFrom('notification_deliveries')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowIso)]),
          eb.and([eb('status', '=', 'attempting'), eb('lease_until', '<=', nowIso)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(NOTIFICATION_POLICY.batchSize)
      .execute();
    const leaseUntil = new Date(now.getTime() + deps.leaseMs).toISOString();
    for (const { id } of due) {
      // Another dispatcher may have claimed it meanwhile: the conditional UPDATE decides.
      if (!(await claim(id, nowIso, leaseUntil))) continue;
      const row = await db.selectFrom('notification_deliveries').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const message = render(row);
      try {
        await send(row, message);
      } catch (err) {
        result[await recordFailure(row, err)]++;
        continue;
      }
      await deps.afterSend?.(row.id);
      await recordDelivered(row, message);
      result.delivered++;
    }
    return due.length;
  }
}
