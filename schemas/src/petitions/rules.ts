// The petition rules of 嘉开管〔2020〕15号 (第六–十三条) as data. The api, its tests and its docs read
// these values from here; nothing else restates a deadline or a limit.

/** 第六条: the four channels through which a petition arrives. */
export const PETITION_CHANNELS = {
  hotline_96871: '96871 呼叫热线',
  website: '网站',
  email: '电子邮箱',
  service_window: '实体服务窗口',
} as const;
export type PetitionChannel = keyof typeof PETITION_CHANNELS;
export const PETITION_CHANNEL_KEYS = Object.keys(PETITION_CHANNELS) as PetitionChannel[];

/** 第六条: who may petition. An enterprise carries its 统一社会信用代码. */
export const SUBMITTER_KINDS = {
  enterprise: '区内注册企业',
  individual: '有创业意向的个人',
} as const;
export type SubmitterKind = keyof typeof SUBMITTER_KINDS;
export const SUBMITTER_KIND_KEYS = Object.keys(SUBMITTER_KINDS) as SubmitterKind[];

/**
 * 第七、十条: categories and their answer deadlines in working days.
 * `handledBy` says who answers; `needsExperts` marks 综合类 (expert opinions are recorded);
 * `leaderVisible` marks 共性类, which the leading group (领导小组) coordinates and sees.
 */
export const PETITION_CATEGORIES = {
  consultation: { label: '咨询类', workingDays: 1, handledBy: 'office', needsExperts: false, leaderVisible: false },
  professional: { label: '专业类', workingDays: 5, handledBy: 'departments', needsExperts: false, leaderVisible: false },
  comprehensive: { label: '综合类', workingDays: 10, handledBy: 'departments', needsExperts: true, leaderVisible: false },
  common: { label: '共性类', workingDays: 15, handledBy: 'leading_group', needsExperts: false, leaderVisible: true },
} as const;
export type PetitionCategory = keyof typeof PETITION_CATEGORIES;
export const PETITION_CATEGORY_KEYS = Object.keys(PETITION_CATEGORIES) as PetitionCategory[];

/** 第七条: a 市场类 matter is not a government matter. It gets a referral or an explanation, no SLA. */
export const MARKET_MATTER_LABEL = '市场类';

/** 第九条: reasons to refuse a petition; the refusal always states one of them. */
export const REFUSAL_REASONS = {
  out_of_scope: '超出范围',
  illegal: '违法违规',
  judicial: '涉诉/司法',
  letters_and_visits: '信访',
} as const;
export type RefusalReason = keyof typeof REFUSAL_REASONS;
export const REFUSAL_REASON_KEYS = Object.keys(REFUSAL_REASONS) as RefusalReason[];

/** 第十三条: the three levels of satisfaction, and stars for three aspects. */
export const SATISFACTION_LEVELS = {
  satisfied: '满意',
  neutral: '一般',
  dissatisfied: '不满意',
} as const;
export type Satisfaction = keyof typeof SATISFACTION_LEVELS;
export const SATISFACTION_KEYS = Object.keys(SATISFACTION_LEVELS) as Satisfaction[];

/** The policy of the clock: urging, escalation and the default rating, in working days. */
export const PETITION_POLICY = {
  /** The calendar the working days are counted in (DESIGN.md: Asia/Shanghai). */
  timeZone: 'Asia/Shanghai',
  /** UTC offset of Asia/Shanghai in minutes; China has no daylight saving time. */
  utcOffsetMinutes: 8 * 60,
  /** 第十一条: 每1个工作日催办一次. */
  urgeIntervalWorkingDays: 1,
  /** 第十一条: 三次催办未果的，提交区服务企业领导小组协调解决. */
  urgesBeforeEscalation: 3,
  /** 第十三条: 5个工作日未评价的，视作满意. */
  ratingWindowWorkingDays: 5,
  defaultSatisfaction: 'satisfied' as Satisfaction,
  starsMin: 1,
  starsMax: 5,
} as const;

/** Input limits for intake (第六条) and triage text. Enterprises see them in error messages. */
export const PETITION_LIMITS = {
  titleMaxChars: 100,
  contentMaxChars: 5000,
  nameMaxChars: 100,
  explanationMaxChars: 2000,
  answerMaxChars: 10000,
  attachmentsMax: 10,
  attachmentRefMaxChars: 500,
  idempotencyKeyMaxChars: 100,
  coDepartmentsMax: 16,
  policyIdsMax: 20,
  pageSizeDefault: 20,
  pageSizeMax: 100,
} as const;

/**
 * The dates the working-day calendar answers for. The mechanism dates from 2020; a receipt, a
 * calendar question or a report month outside this range is a typing error, refused with the field
 * named, instead of a scan over centuries. `maxWorkingDays` bounds a count (a 共性类 deadline is 15).
 */
export const CALENDAR_RANGE = {
  firstDate: '2000-01-01',
  lastDate: '2099-12-31',
  /** The first report month: the mechanism took effect in March 2020. */
  firstReportMonth: '2020-03',
  minWorkingDays: 1,
  maxWorkingDays: 366,
} as const;
