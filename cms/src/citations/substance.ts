// What counts as the substance of a policy item or a policy (a change to it flags what cites it):
// content, amount, dates, validity, repeal and replacement. Titles of fields are the admin's labels.
import { ITEM_UID, POLICY_UID } from '../content/uids';

export type SourceUid = typeof ITEM_UID | typeof POLICY_UID;

export const SUBSTANCE: Record<SourceUid, Record<string, string>> = {
  [ITEM_UID]: {
    title: '条目名称',
    summary: '摘要',
    eligibility: '申报条件',
    supportStandard: '扶持标准',
    maxAmount: '最高扶持金额',
    requiredMaterials: '申报材料',
    procedure: '办理流程',
    applicationStart: '申报开始日期',
    applicationEnd: '申报截止日期',
    effectiveUntil: '条目有效期',
  },
  [POLICY_UID]: {
    title: '政策名称',
    summary: '摘要',
    body: '正文',
    effectiveFrom: '生效日期',
    effectiveUntil: '有效期',
    validity: '效力状态',
    repealReason: '废止原因',
    replacedBy: '替代政策',
  },
};

export type Substance = Record<string, string | null>;

function normal(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { documentId?: unknown };
    return typeof v.documentId === 'string' ? v.documentId : JSON.stringify(value);
  }
  const s = String(value).trim();
  // Decimals come back as '50.00' on PostgreSQL and 50 on SQLite: compare the numbers.
  if (/^-?\d+(\.\d+)?$/.test(s) && s.includes('.')) return String(Number(s));
  return s;
}

export function substanceOf(uid: SourceUid, row: Record<string, unknown>): Substance {
  const out: Substance = {};
  for (const field of Object.keys(SUBSTANCE[uid])) out[field] = normal(row[field]);
  return out;
}

/** The labels of the fields whose value differs, in the order of SUBSTANCE. */
export function changedFields(uid: SourceUid, before: Substance, after: Substance): string[] {
  return Object.entries(SUBSTANCE[uid]).filter(([f]) => before[f] !== after[f]).map(([, label]) => label);
}
