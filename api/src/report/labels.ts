// Chinese labels of the report's keys, from the rules and vocabularies of @zone/schemas.
import {
  findDepartment,
  MARKET_MATTER_LABEL,
  OFFICE_DEPARTMENT_CODE,
  PETITION_CATEGORIES,
  PETITION_CHANNELS,
  SATISFACTION_LEVELS,
  SUBMITTER_KINDS,
  TOPICS,
} from '@zone/schemas';

const lookup = (table: Record<string, string>) => (key: string) => table[key] ?? key;

export const channelLabel = lookup(PETITION_CHANNELS);
export const topicLabel = lookup(TOPICS);
export const subjectTypeLabel = lookup(SUBMITTER_KINDS);
export const satisfactionLabel = lookup(SATISFACTION_LEVELS);

const CATEGORY_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(PETITION_CATEGORIES).map(([k, v]) => [k, v.label])),
  market: MARKET_MATTER_LABEL,
  refused: '不予受理',
  unclassified: '待分类',
};
export const categoryLabel = lookup(CATEGORY_LABELS);

/** The department's short name (区企服办 for the office). */
export function departmentLabel(code: string): string {
  if (code === OFFICE_DEPARTMENT_CODE) return '区企服办';
  return findDepartment(code)?.name ?? code;
}

export const STATUS_LABELS: Record<string, string> = {
  received: '待分类',
  awaiting_materials: '补充材料中',
  refused: '不予受理',
  market_matter: '市场类已转办',
  in_handling: '办理中',
  escalated: '已提交领导小组',
  answered: '已答复',
  rated: '已评价',
};
export const statusLabel = lookup(STATUS_LABELS);

/** Report order of the breakdowns: every key always listed (zero when absent), so months line up. */
export const CHANNEL_ORDER = Object.keys(PETITION_CHANNELS);
export const CATEGORY_ORDER = [...Object.keys(PETITION_CATEGORIES), 'market', 'refused', 'unclassified'];
export const TOPIC_ORDER = Object.keys(TOPICS);
export const SUBJECT_TYPE_ORDER = Object.keys(SUBMITTER_KINDS);
export const SATISFACTION_ORDER = Object.keys(SATISFACTION_LEVELS);

/** Which date of an item ends (待复核's expiring items): 条目有效期 or 申报截止日期. */
export const EXPIRY_KIND_LABELS: Record<'EFFECTIVE_UNTIL' | 'APPLICATION_END', string> = { EFFECTIVE_UNTIL: '有效期', APPLICATION_END: '申报截止' };

/** The knowledge section's words when the search index could not be read (the HTML, XLSX and CSV say the same). */
export const KNOWLEDGE_UNAVAILABLE = '搜索索引暂不可用，口径复核和到期事项未生成';
