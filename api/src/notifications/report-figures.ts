// 第十二条: the monthly report says whether the people who had to act were told — notifications
// delivered in the month, and those parked in it and still waiting for the office.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export interface NotificationCounts {
  delivered: number;
  parked: number;
}

export async function notificationCounts(db: Kysely<Database>, range: { fromIso: string; toIso: string }): Promise<NotificationCounts> {
  const delivered = await db
    .selectFrom('notification_deliveries')
    .where('delivered_at', '>=', range.fromIso)
    .where('delivered_at', '<', range.toIso)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const parked = await db
    .selectFrom('notification_deliveries')
    .where('status', '=', 'parked')
    .where('parked_at', '>=', range.fromIso)
    .where('parked_at', '<', range.toIso)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return { delivered: Number(delivered.n), parked: Number(parked.n) };
}
