// The one template of a department's itemized policy list (第四条：条目式、清单化). XLSX, CSV and
// JSON share this column list; the headers carry the Chinese label and the field key
// ("条目编号 itemCode"), and either half alone is accepted when a file is read.
import taxonomy from '@zone/schemas/data/taxonomy.json';

export type ColumnKind = 'code' | 'text' | 'markdown' | 'department' | 'policy' | 'amount' | 'date' | 'subjects' | 'topics' | 'order' | 'conditions';

export interface Column {
  key: ColumnKey;
  label: string;
  kind: ColumnKind;
  required: boolean;
  /** Stored per locale (text a translator writes) or shared by every locale of the item. */
  localized: boolean;
  maxLength?: number;
  /** What the specialist reads in the template's notes sheet and in cms/templates/README.md. */
  note: string;
}

export const SUBJECTS = taxonomy.SUBJECTS as Record<string, string>;
export const TOPICS = taxonomy.TOPICS as Record<string, string>;

const labels = (vocabulary: Record<string, string>) => Object.values(vocabulary).join('、');

export const COLUMNS = [
  { key: 'itemCode', label: '条目编号', kind: 'code', required: true, localized: false, maxLength: 40, note: '本部门内唯一，导入时按（部门，条目编号）匹配：已有则更新，没有则新建。字母或数字开头，可含字母、数字、点、横线、下划线，最长 40 位，例如 RS-2025-011' },
  { key: 'title', label: '标题', kind: 'text', required: true, localized: true, maxLength: 200, note: '条目名称，最长 200 字' },
  { key: 'department', label: '部门代码', kind: 'department', required: false, localized: false, note: '部门代码（如 human-resources）或部门全称（如 人力社保局）；整表属于一个部门时可留空，导入时用 --department 指定' },
  { key: 'policy', label: '所属政策', kind: 'policy', required: false, localized: false, note: '所属政策文件的文号（如 嘉开人社〔2025〕5号，〔〕[]() 均可）或本部门政策的完整标题；政策须已在 CMS 中录入' },
  { key: 'summary', label: '摘要', kind: 'text', required: false, localized: true, maxLength: 1000, note: '一两句话说明扶持内容，最长 1000 字' },
  { key: 'eligibility', label: '申报条件', kind: 'markdown', required: false, localized: true, note: '可用 Markdown，单元格内换行即分行' },
  { key: 'supportStandard', label: '扶持标准', kind: 'markdown', required: false, localized: true, note: '可用 Markdown' },
  { key: 'maxAmount', label: '最高扶持金额（万元）', kind: 'amount', required: false, localized: false, note: '数字，单位万元，不小于 0；不设上限或不涉及金额的留空' },
  { key: 'requiredMaterials', label: '申报材料', kind: 'markdown', required: false, localized: true, note: '可用 Markdown' },
  { key: 'procedure', label: '办理流程', kind: 'markdown', required: false, localized: true, note: '可用 Markdown' },
  { key: 'applicationStart', label: '申报开始日期', kind: 'date', required: false, localized: false, note: '日期，格式 YYYY-MM-DD（如 2026-03-01）' },
  { key: 'applicationEnd', label: '申报截止日期', kind: 'date', required: false, localized: false, note: '日期，格式 YYYY-MM-DD，不能早于申报开始日期' },
  { key: 'effectiveUntil', label: '有效期至', kind: 'date', required: false, localized: false, note: '日期，格式 YYYY-MM-DD；长期有效的留空' },
  { key: 'contact', label: '联系方式', kind: 'text', required: false, localized: true, maxLength: 200, note: '科室与电话，最长 200 字' },
  { key: 'subjects', label: '适用对象', kind: 'subjects', required: false, localized: false, note: `可多选，用 、 或逗号分隔，只能是：${labels(SUBJECTS)}（第六条）` },
  { key: 'topics', label: '诉求领域', kind: 'topics', required: false, localized: false, note: `可多选，用 、 或逗号分隔，只能是：${labels(TOPICS)}（第六条）` },
  { key: 'industries', label: '适用行业', kind: 'text', required: false, localized: true, maxLength: 300, note: '自由填写，多个用 、 分隔，最长 300 字' },
  { key: 'keywords', label: '关键词', kind: 'text', required: false, localized: true, maxLength: 300, note: '企业和热线常用的搜索词，用 、 或逗号分隔，最长 300 字' },
  { key: 'order', label: '排序', kind: 'order', required: false, localized: false, note: '整数，越小越靠前；留空为 100' },
  { key: 'conditions', label: '结构化条件', kind: 'conditions', required: false, localized: false, note: '政策找企业用的可自动判断的申报条件，多条用 ； 分隔，每条写作 属性 运算符 取值，可在其后用「」引用申报条件原文，例如：员工人数>=50「在职员工50人以上」；高新技术企业=是；行业 属于 C13,C14。属性、运算符和取值见 cms/templates/README.md；留空表示未录入' },
] as const satisfies ReadonlyArray<Omit<Column, 'key'> & { key: string }>;

export type ColumnKey = (typeof COLUMNS)[number]['key'];
export const COLUMN_KEYS: readonly ColumnKey[] = COLUMNS.map((c) => c.key);
export const DEFAULT_ORDER = 100;

const BY_KEY = new Map<string, Column>(COLUMNS.map((c) => [c.key, c as Column]));

export function columnOf(key: ColumnKey): Column {
  return BY_KEY.get(key)!;
}

/** The header as written in the template: "条目编号 itemCode". */
export function headerOf(key: ColumnKey): string {
  const c = columnOf(key);
  return `${c.label} ${c.key}`;
}

const squash = (s: string) => s.normalize('NFKC').replace(/[\s*＊]/g, '').replace(/[（(].*?[）)]/g, '').toLowerCase();
const BY_LABEL = new Map<string, ColumnKey>(COLUMNS.map((c) => [squash(c.label), c.key]));
const BY_KEY_LOWER = new Map<string, ColumnKey>(COLUMNS.map((c) => [c.key.toLowerCase(), c.key]));

/**
 * The column a header cell names: the full template header, the Chinese label alone or the key alone
 * (case-insensitive; a leading * for "required" and a unit in brackets are ignored).
 */
export function matchHeader(cell: string): ColumnKey | undefined {
  const text = cell.normalize('NFKC').trim();
  if (text === '') return undefined;
  for (const token of text.split(/\s+/).reverse()) {
    const key = BY_KEY_LOWER.get(token.replace(/^[*＊]/, '').toLowerCase());
    if (key) return key;
  }
  return BY_LABEL.get(squash(text));
}
