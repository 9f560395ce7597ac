// Enqueueing: called inside the transaction that records the timeline events, so an urge, an
// escalation, a material request or a final answer is never recorded without its notifications,
// nor notified without being recorded. One row per (event, recipient, channel); a repeat is ignored.
import { sql, type Transaction } from 'kysely';
import type { Database, NotificationDeliveriesTable } from '../db/schema.ts';
import { PETITION_NOTIFICATION_KINDS, type PetitionNotificationKind } from './policy.ts';
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
  events: { occurredAt: string; petitionId?: string; kinds?: readonly PetitionNotificationKind[]; afterId?: number },
): Promise<number> {
  let q = trx
    .selectFrom('petition_events')
    .select(['id', 'petition_id', 'type', 'department', 'due_on', 'occurred_at', 'payload'])
    .where('occurred_at', '=', events.occurredAt)
    .where('type', 'in', [...(events.kinds ?? PETITION_NOTIFICATION_KINDS)]);
  if (events.petitionId !== undefined) q = q.where('petition_id', '=', events.petitionId);
  // The sweeper passes the last id before its pass: a primary-key range instead of a timeline scan.
  if (events.afterId !== undefined) q = q.where('id', '>', events.afterId);
  const rows = await q.orderBy('id').execute();
  const deliveries: NotificationDeliveriesTable[] = [];
  for (const e of rows) {
    const kind = e.type as PetitionNotificationKind;
    const eventKey = `event:${e.id}`;
    // The event's facts; the title and body are rendered from them at delivery (messages.ts).
    const facts = `{"kind":${JSON.stringify(kind)},"petitionId":${JSON.stringify(e.petition_id)},"department":${JSON.stringify(e.department)},"dueOn":${JSON.stringify(e.due_on)},"occurredAt":${JSON.stringify(e.occurred_at)},"data":${e.payload}}`;
    for (const r of routesFor(kind, e.department, targets)) {
      deliveries.push({
        id: deliveryId(eventKey, r.recipient, r.channel),
        event_key: eventKey,
        kind,
        petition_id: e.petition_id,
        recipient: r.recipient,
        channel: r.channel,
        payload: facts,
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

/**
 * 第十一条: the sweeper's urges and escalations recorded after `afterId`, enqueued set-based in one
 * INSERT … SELECT (a pass can record hundreds of thousands of urges). The same routes as routesFor;
 * the facts JSON is built in SQL from values that need no escaping (ids, department codes, dates, and
 * the event's own JSON payload).
 */
export async function enqueueSweeperNotifications(trx: Transaction<Database>, targets: NotificationTargets, afterId: number, nowIso: string): Promise<number> {
  const emailRecipients = Object.keys(targets.emails);
  const routes: [PetitionNotificationKind, string, string][] = [
    ['urged', 'dept', 'inbox'],
    ['escalated', 'leader', 'inbox'],
    ['escalated', 'office', 'inbox'],
    ...(emailRecipients.length > 0 ? ([['urged', 'dept', 'email'], ['escalated', 'leader', 'email'], ['escalated', 'office', 'email']] as [PetitionNotificationKind, string, string][]) : []),
  ];
  const routeTable = sql.join(
    routes.map(([kind, who, channel]) => sql`SELECT ${sql.lit(kind)} AS kind, ${sql.lit(who)} AS who, ${sql.lit(channel)} AS channel`),
    sql` UNION ALL `,
  );
  const recipient = sql`(CASE WHEN r.who = 'dept' THEN 'department:' || e.department ELSE r.who END)`;
  const emailFilter = emailRecipients.length > 0 ? sql`(r.channel <> 'email' OR ${recipient} IN (${sql.join(emailRecipients)}))` : sql`1 = 1`;
  const res = await sql`
    INSERT INTO notification_deliveries (id, event_key, kind, petition_id, recipient, channel, payload, status, attempts, next_attempt_at, created_at, updated_at)
    SELECT 'event:' || e.id || '|' || ${recipient} || '|' || r.channel, 'event:' || e.id, e.type, e.petition_id, ${recipient}, r.channel,
           '{"kind":"' || e.type || '","petitionId":"' || e.petition_id || '","department":' || COALESCE('"' || e.department || '"', 'null')
             || ',"dueOn":' || COALESCE('"' || e.due_on || '"', 'null') || ',"occurredAt":"' || e.occurred_at || '","data":' || e.payload || '}',
           'pending', 0, ${nowIso}, ${nowIso}, ${nowIso}
    FROM petition_events e
    JOIN (${routeTable}) r ON r.kind = e.type
    WHERE e.id > ${afterId} AND e.type IN ('urged', 'escalated') AND (r.who <> 'dept' OR e.department IS NOT NULL) AND ${emailFilter}
    ORDER BY e.id
    ON CONFLICT DO NOTHING`.execute(trx);
  return Number(res.numAffectedRows ?? 0n);
}
