// Shared vocabularies from 第六条: who may petition / whom a policy applies to, and the topics.
// Values are stable machine keys; labels are what users read.

export const SUBJECTS = {
  industrial: '工业企业',
  producer_services: '生产性服务业企业',
  startup_individual: '创业个人',
} as const;
export type Subject = keyof typeof SUBJECTS;
export const SUBJECT_KEYS = Object.keys(SUBJECTS) as Subject[];

export const TOPICS = {
  investment_construction: '投资建设',
  production_operation: '生产经营',
  transformation_upgrading: '转型升级',
  other: '其他',
} as const;
export type Topic = keyof typeof TOPICS;
export const TOPIC_KEYS = Object.keys(TOPICS) as Topic[];

export const VALIDITY = {
  valid: '有效',
  expired: '失效',
  repealed: '废止',
} as const;
export type Validity = keyof typeof VALIDITY;
export const VALIDITY_KEYS = Object.keys(VALIDITY) as Validity[];
