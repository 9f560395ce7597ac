// Enqueueing: called inside the transaction that records the timeline events, so an urge, an
// escalation, a material request or a final answer is never recorded without its notifications,
// nor notified without being recorded. One row per (event, recipient, channel); a repeat is ignored.
import type { Transaction } from 'kysely';
import type { Database, NotificationDeliveriesTable } from '../db/schema.ts';
import { contentOf } from './messages.ts';
import { NOTIFICATION_KINDS, type NotificationKind } from './policy.ts';
import { routesFor, type NotificationTargets } from './targets.ts';

/** Rows per INSERT: well under SQLite's 32766 bound variables at 13 columns. */
const CHUNK = 500;

export const deliveryId = (eventKey: string, recipient: string, channel: string) => `${eventKey}|${recipient}|${channel}`;

/**
 * Enqueues the notifications of the events recorded at `occurredAt` (of one petition when given).
 * Returns how many deliveries were enqueued.
 */
export async function enqueueNotifications(
  trx: Transaction<Database>,
  targets: NotificationTargets,
  events: { occurredAt: string; petitionId?: string; kinds?: readonly NotificationKind[]; afterId?: number },
): Promise<number> {
  let q = trx
    .selectFrom('petition_events')
    .select(['id', 'petition_id', 'type', 'department', 'due_on', 'occurred_at', 'payload'])
    .where('occurred_at', '=', events.occurredAt)
    .where('type', 'in', [...(events.kinds ?? NOTIFICATION_KINDS)]);
  if (events.petitionId !== undefined) q = q.where('petition_id', '=', events.petitionId);
  // The sweeper passes the last id before its pass: a primary-key range instead of a timeline scan.
  if (events.afterId !== undefined) q = q.where('id', '>', events.afterId);
  const rows = await q.orderBy('id').execute();
  const deliveries: NotificationDeliveriesTable[] = [];
  for (const e of rows) {
    const kind = e.type as NotificationKind;
    const payload = JSON.parse(e.payload) as Record<string, unknown>;
    const content = contentOf(kind, { petitionId: e.petition_id, department: e.department, dueOn: e.due_on, payload });
    const eventKey = `event:${e.id}`;
    const message = JSON.stringify({
      ...content,
      kind,
      petitionId: e.petition_id,
      department: e.department,
      dueOn: e.due_on,
      occurredAt: e.occurred_at,
      // What the platform needs to tell the submitter (第八、十条); staff messages carry no more than the title and body.
      data: kind === 'answered' ? { text: payload['text'], policyIds: payload['policyIds'] } : kind === 'materials_requested' ? { note: payload['note'] } : {},
    });
    for (const r of routesFor(kind, e.department, targets)) {
      deliveries.push({
        id: deliveryId(eventKey, r.recipient, r.channel),
        event_key: eventKey,
        kind,
        petition_id: e.petition_id,
        recipient: r.recipient,
        channel: r.channel,
        payload: message,
        status: 'pending',
        attempts: 0,
        next_attempt_at: events.occurredAt,
        lease_until: null,
        last_error: null,
        created_at: events.occurredAt,
        delivered_at: null,
        parked_at: null,
        updated_at: events.occurredAt,
      });
    }
  }
  let enqueued = 0;
  for (let i = 0; i < deliveries.length; i += CHUNK) {
    const r = await trx
      .insertInto('notification_deliveries')
      .values(deliveries.slice(i, i + CHUNK))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    enqueued += Number(r.numInsertedOrUpdatedRows ?? 0n);
  }
  return enqueued;
}
