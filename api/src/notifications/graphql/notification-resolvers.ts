// GraphQL of the outbox (schemas/graphql/notifications.graphql): staff read their own inbox, found by
// their token (office, leader, or their department); the office sees parked deliveries and requeues them.
import type { ApiContext } from '../../graphql/context.ts';
import type { Resolvers } from '../../graphql/generated/resolvers-types.ts';
import type { Channel, NotificationKind } from '../policy.ts';

// Stored as the snake_case keys; the enum resolvers map them to the SDL's upper-case names.
const kindOf = (k: string) => k as NotificationKind;
const channelOf = (c: string) => c as Channel;
import { enumResolver } from '../../graphql/enum-map.ts';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../../errors/index.ts';
import type { NotificationDeliveriesTable } from '../../db/schema.ts';
import { CHANNELS, NOTIFICATION_KINDS } from '../policy.ts';
import { inboxRecipientOf } from '../targets.ts';

/** The event's due day, from the facts stored with the delivery (enqueue.ts writes `dueOn`). */
function dueOnOf(payload: string | null): string | null {
  if (!payload) return null;
  try {
    const dueOn = (JSON.parse(payload) as { dueOn?: unknown }).dueOn;
    return typeof dueOn === 'string' ? dueOn : null;
  } catch {
    return null;
  }
}

const PAGE_DEFAULT = 50;
const PAGE_MAX = 200;

function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return PAGE_DEFAULT;
  if (!Number.isInteger(first) || first < 1 || first > PAGE_MAX) {
    throw BadUserInputError.single(['first'], 'out_of_range', `first 须在 1 到 ${PAGE_MAX} 之间 (first must be 1…${PAGE_MAX})`);
  }
  return first;
}

function inboxOwner(ctx: ApiContext): string {
  if (!ctx.actor) throw new UnauthenticatedError();
  const recipient = inboxRecipientOf(ctx.actor);
  if (!recipient) throw new ForbiddenError();
  return recipient;
}

function requireOffice(ctx: ApiContext): void {
  if (!ctx.actor) throw new UnauthenticatedError();
  if (ctx.actor.role !== 'office') throw new ForbiddenError();
}

const parkedView = (r: NotificationDeliveriesTable) => ({
  id: r.id,
  petitionId: r.petition_id,
  kind: kindOf(r.kind),
  recipient: r.recipient,
  channel: channelOf(r.channel),
  attempts: r.attempts,
  lastError: r.last_error,
  parkedAt: r.parked_at,
});

export const notificationResolvers = {
  NotificationKind: enumResolver(NOTIFICATION_KINDS),
  NotificationChannel: enumResolver(CHANNELS),
  Query: {
    myInbox: async (_parent, a, ctx) => {
      const recipient = inboxOwner(ctx);
      let q = ctx.services.db
        .selectFrom('inbox_messages')
        .leftJoin('notification_deliveries', 'notification_deliveries.id', 'inbox_messages.delivery_id')
        .selectAll('inbox_messages')
        .select('notification_deliveries.payload')
        .where('inbox_messages.recipient', '=', recipient);
      if (a.unreadOnly) q = q.where('inbox_messages.read_at', 'is', null);
      const rows = await q.orderBy('inbox_messages.created_at', 'desc').orderBy('inbox_messages.delivery_id', 'desc').limit(pageSize(a.first)).execute();
      return rows.map((r) => ({ id: r.delivery_id, petitionId: r.petition_id, kind: kindOf(r.kind), title: r.title, body: r.body, createdAt: r.created_at, readAt: r.read_at, dueOn: dueOnOf(r.payload) }));
    },
    myInboxUnreadCount: async (_parent, _args, ctx) => {
      const recipient = inboxOwner(ctx);
      const row = await ctx.services.db
        .selectFrom('inbox_messages')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .where('recipient', '=', recipient)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    parkedNotifications: async (_parent, a, ctx) => {
      requireOffice(ctx);
      const rows = await ctx.services.db
        .selectFrom('notification_deliveries')
        .selectAll()
        .where('status', '=', 'parked')
        .orderBy('parked_at')
        .orderBy('id')
        .limit(pageSize(a.first))
        .execute();
      return rows.map(parkedView);
    },
  },
  Mutation: {
    markInboxRead: async (_parent, a, ctx) => {
      const recipient = inboxOwner(ctx);
      if (a.ids.length > PAGE_MAX) throw BadUserInputError.single(['ids'], 'too_many', `一次最多 ${PAGE_MAX} 条 (at most ${PAGE_MAX} ids)`);
      if (a.ids.length === 0) return 0;
      const nowIso = ctx.services.clock.now().toISOString();
      // Only the caller's own messages: another inbox's ids simply match nothing.
      const r = await ctx.services.db
        .updateTable('inbox_messages')
        .set({ read_at: nowIso })
        .where('recipient', '=', recipient)
        .where('delivery_id', 'in', [...a.ids])
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    requeueNotification: async (_parent, a, ctx) => {
      requireOffice(ctx);
      const nowIso = ctx.services.clock.now().toISOString();
      const r = await ctx.services.db
        .updateTable('notification_deliveries')
        .set({ status: 'pending', attempts: 0, next_attempt_at: nowIso, parked_at: null, updated_at: nowIso })
        .where('id', '=', a.id)
        .where('status', '=', 'parked')
        .executeTakeFirst();
      const row = await ctx.services.db.selectFrom('notification_deliveries').selectAll().where('id', '=', a.id).executeTakeFirst();
      if (!row) throw new NotFoundError('通知不存在 (no such notification delivery)');
      if (Number(r.numUpdatedRows) !== 1) throw new ConflictError('该通知未处于搁置状态 (the delivery is not parked)', { status: row.status });
      return parkedView(row);
    },
  },
} satisfies Resolvers;
