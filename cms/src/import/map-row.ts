// From a validated row to Document Service data for a policy item, and back from a stored item to
// the row it would export as. "Unchanged" compares the two in this normalized form.
import { formatConditions, storedConditions } from './conditions-column';
import { cellText, type ItemValues, type ValidRow } from './validate-rows';
import { COLUMNS, DEFAULT_ORDER, SUBJECTS, TOPICS, columnOf, type ColumnKey } from './template';

/** Columns that are plain fields of the item (department and policy are relations, resolved separately). */
export const FIELD_KEYS = COLUMNS.map((c) => c.key).filter((k): k is Exclude<ColumnKey, 'department' | 'policy'> => k !== 'department' && k !== 'policy');
type FieldKey = (typeof FIELD_KEYS)[number];

export interface ResolvedRelations {
  departmentDocumentId: string;
  /** undefined: leave the stored link alone; null: clear it. */
  policyDocumentId: string | null | undefined;
}

/** The fields a write sets: the row's columns only, and in a second locale its localized text only counts once. */
export function itemData(row: ValidRow, relations: ResolvedRelations): Record<string, unknown> {
  const data: Record<string, unknown> = { department: relations.departmentDocumentId };
  for (const key of FIELD_KEYS) {
    if (key === 'itemCode' || row.present.has(key)) data[key] = row.values[key];
  }
  if (relations.policyDocumentId !== undefined) data.policy = relations.policyDocumentId;
  return data;
}

/** A stored policy item as the database layer returns it (SQLite and PostgreSQL differ in types). */
export interface StoredItem {
  documentId: string;
  locale?: string | null;
  publishedAt?: string | Date | null;
  department?: { code: string; documentId: string } | null;
  policy?: { documentId: string; docNumber?: string | null; title?: string | null } | null;
  [field: string]: unknown;
}

function jsonList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.trim().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // not JSON: fall through
    }
  }
  return [];
}

function storedDate(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'string' && value !== '' ? value.slice(0, 10) : null;
}

/** The stored value of one field in the row's normal form. */
export function storedValue(item: StoredItem, key: FieldKey): unknown {
  const v = item[key];
  switch (columnOf(key).kind) {
    case 'amount':
      return v === null || v === undefined || v === '' ? null : Number(v);
    case 'date':
      return storedDate(v);
    case 'subjects':
    case 'topics':
      return jsonList(v);
    case 'order':
      return v === null || v === undefined ? DEFAULT_ORDER : Number(v);
    case 'conditions':
      // Compared and exported in the column's own syntax.
      return formatConditions(storedConditions(v));
    default:
      return typeof v === 'string' || typeof v === 'number' ? cellText(v) : null;
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    // The order of the chosen subjects/topics means nothing to a reader.
    return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
  }
  return (a ?? null) === (b ?? null);
}

/** The columns whose stored value differs from the row (only the columns the row has). */
export function changedColumns(item: StoredItem, row: ValidRow, relations: ResolvedRelations): string[] {
  const changed: string[] = [];
  for (const key of FIELD_KEYS) {
    if (key !== 'itemCode' && !row.present.has(key)) continue;
    const rowValue = key === 'conditions' ? formatConditions(row.values.conditions) : row.values[key];
    if (!sameValue(storedValue(item, key), rowValue)) changed.push(key);
  }
  if (item.department?.documentId !== relations.departmentDocumentId) changed.push('department');
  if (relations.policyDocumentId !== undefined && (item.policy?.documentId ?? null) !== relations.policyDocumentId) changed.push('policy');
  return changed;
}

/** The row a stored item exports as (the template's normal form, Chinese labels for the vocabularies). */
export function exportRow(item: StoredItem): Record<ColumnKey, string | number | null> {
  const out = {} as Record<ColumnKey, string | number | null>;
  for (const c of COLUMNS) {
    const key = c.key;
    if (key === 'department') out.department = item.department?.code ?? null;
    else if (key === 'policy') out.policy = item.policy ? (cellText(item.policy.docNumber ?? null) ?? cellText(item.policy.title ?? null)) : null;
    else {
      const v = storedValue(item, key);
      if (c.kind === 'subjects' || c.kind === 'topics') {
        const vocabulary = c.kind === 'subjects' ? SUBJECTS : TOPICS;
        const labels = (v as string[]).map((k) => vocabulary[k] ?? k);
        out[key] = labels.length ? labels.join('、') : null;
      } else out[key] = v as string | number | null;
    }
  }
  return out;
}

export type { ItemValues };
