// The outbox's rules in one place: retry pacing, how long an attempt may be in flight, when to park.
export const NOTIFICATION_POLICY = {
  /** First retry after about this long; each further failure doubles it. */
  backoffBaseMs: 30_000,
  /** No retry waits longer than this. */
  backoffCapMs: 60 * 60_000,
  /** Deliveries claimed per dispatcher pass. */
  batchSize: 50,
  /** Batches per pass at most: a backlog drains over several passes, each kept short. */
  batchesPerPass: 20,
} as const;

/** The petition timeline's events that notify someone, with the mechanism article behind each. */
export const PETITION_NOTIFICATION_KINDS = [
  'urged', // 第十一条: 每1个工作日催办一次
  'escalated', // 第十一条: 三次催办未果的，提交区服务企业领导小组协调解决
  'materials_requested', // 第八条: 需补充材料的，一次性告知
  'answered', // 第十条: 答复诉求人
] as const;
export type PetitionNotificationKind = (typeof PETITION_NOTIFICATION_KINDS)[number];

/** Every kind the outbox delivers: the petition events, and 待复核 flags (review/review-notices.ts). */
export const NOTIFICATION_KINDS = [
  ...PETITION_NOTIFICATION_KINDS,
  'review_flagged', // 第四、五条: 专员保持政策及解读常新 — a 口径/解读 of the department is 待复核
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const CHANNELS = ['inbox', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

export const DELIVERY_STATUSES = ['pending', 'attempting', 'delivered', 'parked'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
