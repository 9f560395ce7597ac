// Row validation: raw cells -> typed item values, or { row, column, reason } issues in Chinese.
// The same rules as the CMS's content rules (content-rules.ts), checked before anything is written
// so that the specialist gets every problem of the file in one pass.
import { z } from 'zod';
import { normalizeVocabulary } from '../validation/content-rules';
import { parseConditionsText, type ConditionValue } from './conditions-column';
import type { RowIssue } from './errors';
import type { Cell, RawRow } from './read-rows';
import { COLUMNS, DEFAULT_ORDER, SUBJECTS, TOPICS, columnOf, headerOf, type Column, type ColumnKey } from './template';

export interface ItemValues {
  itemCode: string;
  title: string;
  department: string | null;
  policy: string | null;
  summary: string | null;
  eligibility: string | null;
  supportStandard: string | null;
  maxAmount: number | null;
  requiredMaterials: string | null;
  procedure: string | null;
  applicationStart: string | null;
  applicationEnd: string | null;
  effectiveUntil: string | null;
  contact: string | null;
  subjects: string[];
  topics: string[];
  industries: string | null;
  keywords: string | null;
  order: number;
  /** 政策找企业: the 结构化条件 column, parsed. */
  conditions: ConditionValue[];
}

export interface ValidRow {
  row: number;
  /** The columns this row has; the others are left as stored. */
  present: ReadonlySet<ColumnKey>;
  values: ItemValues;
}

export interface ValidationResult {
  valid: ValidRow[];
  issues: RowIssue[];
  /** Row numbers with at least one issue. */
  rejected: number[];
}

export const ITEM_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** A cell as text: trimmed, Windows line breaks folded, null when blank. */
export function cellText(cell: Cell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  let s: string;
  if (cell instanceof Date) s = isoDate(cell);
  else if (Array.isArray(cell)) s = cell.map(String).join('、');
  else s = String(cell);
  s = s.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();
  return s === '' ? null : s;
}

function isoDate(d: Date): string {
  // exceljs gives a date cell as UTC midnight of the calendar day.
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** YYYY-MM-DD from a date cell, an Excel serial number, or text like 2026-3-1, 2026/03/01, 2026年3月1日. */
export function parseDate(cell: Cell | undefined): { ok: true; value: string | null } | { ok: false; reason: string } {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? { ok: false, reason: '不是有效日期' } : { ok: true, value: isoDate(cell) };
  if (typeof cell === 'number') {
    // Excel stores a date as days since 1899-12-30 when the cell is not formatted as a date.
    if (Number.isInteger(cell) && cell > 20000 && cell < 80000) return { ok: true, value: isoDate(new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000)) };
    return { ok: false, reason: `日期格式应为 YYYY-MM-DD（实际为「${cell}」）` };
  }
  const text = cellText(cell);
  if (text === null) return { ok: true, value: null };
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[T\s].*)?$/.exec(text.normalize('NFKC'));
  if (!m) return { ok: false, reason: `日期格式应为 YYYY-MM-DD（实际为「${text}」）` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return { ok: false, reason: `不存在的日期「${text}」` };
  return { ok: true, value: isoDate(date) };
}

/** An amount in 万元: a number, or text such as "20", "20万元", "1,200". */
export function parseAmount(cell: Cell | undefined): { ok: true; value: number | null } | { ok: false; reason: string } {
  let n: number;
  if (typeof cell === 'number') n = cell;
  else {
    const text = cellText(cell);
    if (text === null) return { ok: true, value: null };
    const cleaned = text.normalize('NFKC').replace(/[,\s]/g, '').replace(/万元?$/, '');
    n = /^[-+]?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
    if (Number.isNaN(n)) return { ok: false, reason: `应为数字，单位万元（实际为「${text}」）` };
  }
  if (!Number.isFinite(n)) return { ok: false, reason: '应为数字，单位万元' };
  if (n < 0) return { ok: false, reason: `最高扶持金额不能小于 0（实际为 ${n}）` };
  return { ok: true, value: n };
}

type Ctx = z.RefinementCtx;
const fail = (ctx: Ctx, message: string) => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};

function textField(column: Column) {
  return z.custom<Cell>().transform((cell, ctx) => {
    const text = cellText(cell);
    if (text === null) return column.required ? fail(ctx, `${column.label}不能为空`) : null;
    if (column.maxLength !== undefined && text.length > column.maxLength) {
      return fail(ctx, `${column.label}最长 ${column.maxLength} 字（实际 ${text.length} 字）`);
    }
    return text;
  });
}

function fieldSchema(column: Column) {
  switch (column.kind) {
    case 'code':
      return z.custom<Cell>().transform((cell, ctx) => {
        const text = cellText(cell);
        if (text === null) return fail(ctx, '条目编号不能为空');
        if (!ITEM_CODE_PATTERN.test(text)) return fail(ctx, `条目编号只能由字母、数字、点、横线、下划线组成，以字母或数字开头，最长 40 位（实际为「${text}」）`);
        return text;
      });
    case 'text':
    case 'markdown':
    case 'department':
    case 'policy':
      return textField(column);
    case 'amount':
      return z.custom<Cell>().transform((cell, ctx) => {
        const r = parseAmount(cell);
        return r.ok ? r.value : fail(ctx, r.reason);
      });
    case 'date':
      return z.custom<Cell>().transform((cell, ctx) => {
        const r = parseDate(cell);
        return r.ok ? r.value : fail(ctx, r.reason);
      });
    case 'subjects':
    case 'topics':
      return z.custom<Cell>().transform((cell, ctx) => {
        const vocabulary = column.kind === 'subjects' ? SUBJECTS : TOPICS;
        const raw = Array.isArray(cell) ? cell.map(String) : cellText(cell);
        const normalized = normalizeVocabulary(raw, vocabulary);
        if (!normalized) return [];
        if (normalized.unknown.length) {
          return fail(ctx, `${column.label}只能是：${Object.values(vocabulary).join('、')}（无法识别：${normalized.unknown.join('、')}）`);
        }
        return normalized.keys;
      });
    case 'conditions':
      return z.custom<Cell>().transform((cell, ctx) => {
        const r = parseConditionsText(cellText(cell));
        return r.ok ? r.conditions : fail(ctx, r.reason);
      });
    case 'order':
      return z.custom<Cell>().transform((cell, ctx) => {
        const text = cellText(cell);
        if (text === null) return DEFAULT_ORDER;
        const n = Number(text.normalize('NFKC'));
        if (!Number.isInteger(n) || n < 0) return fail(ctx, `排序应为不小于 0 的整数（实际为「${text}」）`);
        return n;
      });
    default:
      return unreachable(column.kind);
  }
}

function unreachable(x: never): never {
  throw new Error(`unknown column kind ${String(x)}`);
}

const rowSchema = z
  .object(Object.fromEntries(COLUMNS.map((c) => [c.key, fieldSchema(c as Column)])) as Record<ColumnKey, ReturnType<typeof fieldSchema>>)
  .superRefine((v, ctx) => {
    const start = v.applicationStart;
    const end = v.applicationEnd;
    if (typeof start === 'string' && typeof end === 'string' && end < start) {
      ctx.addIssue({ code: 'custom', path: ['applicationEnd'], message: `申报截止日期（${end}）不能早于申报开始日期（${start}）` });
    }
  });

/** Validates one row; a column the row does not have is validated as blank but left out of `present`. */
export function validateRow(raw: RawRow): { ok: true; row: ValidRow } | { ok: false; issues: RowIssue[] } {
  if (raw.problem) return { ok: false, issues: [{ row: raw.row, column: '', reason: raw.problem }] };
  const input = Object.fromEntries(COLUMNS.map((c) => [c.key, raw.cells[c.key] ?? null]));
  const parsed = rowSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const key = issue.path[0];
      const column = typeof key === 'string' && (COLUMNS as readonly Column[]).some((c) => c.key === key) ? headerOf(key as ColumnKey) : '';
      return { row: raw.row, column, reason: issue.message };
    });
    return { ok: false, issues };
  }
  const present = new Set((Object.keys(raw.cells) as ColumnKey[]).filter((k) => columnOf(k)));
  return { ok: true, row: { row: raw.row, present, values: parsed.data as unknown as ItemValues } };
}

/**
 * Validates every row. A repeated item code (within the same department cell) rejects the later
 * rows, even when the first one is itself rejected: which of the two the specialist meant is theirs to say.
 */
export function validateRows(rows: RawRow[]): ValidationResult {
  const valid: ValidRow[] = [];
  const issues: RowIssue[] = [];
  const firstRowOf = new Map<string, number>();
  for (const raw of rows) {
    const result = validateRow(raw);
    const rowIssues = result.ok ? [] : result.issues;
    const code = cellText(raw.cells.itemCode);
    if (code !== null) {
      const key = `${cellText(raw.cells.department) ?? ''}\u0000${code}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) rowIssues.push(duplicateIssue(raw.row, code, first));
      else firstRowOf.set(key, raw.row);
    }
    if (result.ok && rowIssues.length === 0) valid.push(result.row);
    issues.push(...rowIssues);
  }
  return { valid, issues, rejected: [...new Set(issues.map((i) => i.row))] };
}

export function duplicateIssue(row: number, itemCode: string, firstRow: number): RowIssue {
  return { row, column: headerOf('itemCode'), reason: `条目编号 ${itemCode} 与第 ${firstRow} 行重复：同一部门内条目编号不能重复` };
}
