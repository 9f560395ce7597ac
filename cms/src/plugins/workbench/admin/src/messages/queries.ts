// The api operations of the 消息 screen (schemas/graphql/notifications.graphql): the signed-in staff
// member's inbox (office, leading group, or their department's), and for the office the deliveries
// parked after repeated failures, with a requeue.

export type NotificationKind = 'URGED' | 'ESCALATED' | 'MATERIALS_REQUESTED' | 'ANSWERED' | 'REVIEW_FLAGGED';

export interface InboxMessage {
  id: string;
  petitionId: string;
  kind: NotificationKind;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
  dueOn: string | null;
}

export interface ParkedNotification {
  id: string;
  petitionId: string;
  kind: NotificationKind;
  recipient: string;
  channel: 'INBOX' | 'EMAIL' | 'WEBHOOK';
  attempts: number;
  lastError: string | null;
  parkedAt: string | null;
}

/** The newest 200 messages (the api's largest page), and the exact unread count. */
export const MY_INBOX = /* GraphQL */ `
  query WorkbenchInbox { myInbox(first: 200) { id petitionId kind title body createdAt readAt dueOn } myInboxUnreadCount }
`;

export const UNREAD_COUNT = /* GraphQL */ `
  query WorkbenchInboxUnread { myInboxUnreadCount }
`;

export const MARK_READ = /* GraphQL */ `
  mutation WorkbenchMarkRead($ids: [ID!]!) { markInboxRead(ids: $ids) }
`;

export const PARKED = /* GraphQL */ `
  query WorkbenchParked { parkedNotifications(first: 200) { id petitionId kind recipient channel attempts lastError parkedAt } }
`;

export const REQUEUE = /* GraphQL */ `
  mutation WorkbenchRequeue($id: ID!) { requeueNotification(id: $id) { id } }
`;

/** 11月27日 09:30, in Shanghai, from an instant. */
export function shanghaiMinute(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
