// Imports a department's itemized list (第四条) into the CMS through the Document Service, so the
// content rules and every other Document Service middleware apply. Items are matched by
// (department, item code); each row is written in its own transaction, so a row either lands whole
// or not at all, and a bad row never stops the good ones.
import type { Core } from '@strapi/strapi';
import { currentScope } from '../access/scope';
import { DEPARTMENT_UID, ITEM_UID, LOCALES, POLICY_UID } from '../content/uids';
import { normalizeDocNumber } from '@zone/schemas/cms-contract';
import { ImportOptionError, type RowIssue } from './errors';
import { changedColumns, itemData, type ResolvedRelations, type StoredItem } from './map-row';
import type { ReadResult } from './read-rows';
import { COLUMNS, headerOf, type ColumnKey } from './template';
import { duplicateIssue, validateRows, type ValidRow } from './validate-rows';

export type Locale = (typeof LOCALES.all)[number];
export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'rejected';

export interface ImportOptions {
  locale?: Locale;
  /** Publish every created or updated row (otherwise the rows are saved as drafts for review). */
  publish?: boolean;
  /** Department code for rows that name none; a row naming another department is rejected. */
  department?: string;
  /** Check and count, write nothing. */
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportSummary {
  locale: Locale;
  publish: boolean;
  dryRun: boolean;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Every problem of every rejected row, in row order. */
  issues: RowIssue[];
  warnings: string[];
  rows: Array<{ row: number; itemCode: string | null; outcome: RowOutcome; documentId?: string }>;
}

interface Department { documentId: string; code: string }
interface PolicyRef { documentId: string; locales: Set<string> }

class RowRejected extends Error {
  override name = 'RowRejected';
  constructor(readonly issues: RowIssue[]) {
    super(issues.map((i) => i.reason).join('；'));
  }
}

const COLUMN_KEYS = new Set<string>(COLUMNS.map((c) => c.key));
const columnHeader = (field: unknown) => (typeof field === 'string' && COLUMN_KEYS.has(field) ? headerOf(field as ColumnKey) : typeof field === 'string' ? field : '');

/** Strapi's ValidationError / PolicyError carry `details.errors[{ path, message }]`; anything else is reported as it is. */
function writeIssues(row: number, error: unknown): RowIssue[] {
  const details = (error as { details?: { errors?: Array<{ path?: unknown[]; message?: string }> } } | null)?.details;
  if (details?.errors?.length) {
    return details.errors.map((e) => ({ row, column: columnHeader(e.path?.[0]), reason: e.message ?? String(error) }));
  }
  return [{ row, column: '', reason: `写入失败，这一行没有保存：${error instanceof Error ? error.message : String(error)}` }];
}

export async function importPolicyItems(strapi: Core.Strapi, input: ReadResult, options: ImportOptions = {}): Promise<ImportSummary> {
  const locale = options.locale ?? LOCALES.default;
  if (!(LOCALES.all as readonly string[]).includes(locale)) {
    throw new ImportOptionError(`不支持的语言「${locale}」：只能是 ${LOCALES.all.join(' 或 ')}`);
  }
  const departments = new Map<string, Department | null>();
  const findDepartment = async (value: string): Promise<Department | null> => {
    if (!departments.has(value)) {
      const row = (await strapi.db.query(DEPARTMENT_UID).findOne({
        where: { $or: [{ code: value }, { name: value }, { shortName: value }] },
        select: ['documentId', 'code'],
      })) as Department | null;
      departments.set(value, row ? { documentId: row.documentId, code: row.code } : null);
    }
    return departments.get(value)!;
  };
  const defaultDepartment = options.department ? await findDepartment(options.department) : undefined;
  if (options.department && !defaultDepartment) {
    throw new ImportOptionError(`--department ${options.department}：没有这个部门（部门代码见 schemas/data/departments.json）`);
  }

  const summary: ImportSummary = {
    locale,
    publish: Boolean(options.publish),
    dryRun: Boolean(options.dryRun),
    total: input.rows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    issues: [],
    warnings: [...input.warnings],
    rows: [],
  };
  const validation = validateRows(input.rows);
  const outcomes = new Map<number, { itemCode: string | null; outcome: RowOutcome; documentId?: string; issues?: RowIssue[] }>();
  for (const raw of input.rows) {
    const rowIssues = validation.issues.filter((i) => i.row === raw.row);
    if (rowIssues.length) {
      const code = raw.cells.itemCode;
      outcomes.set(raw.row, { itemCode: typeof code === 'string' || typeof code === 'number' ? String(code) : null, outcome: 'rejected', issues: rowIssues });
    }
  }

  const policies = new Map<string, PolicyRef | 'unknown' | 'ambiguous'>();
  const findPolicy = async (value: string, department: Department) => {
    const key = `${department.code}\u0000${value}`;
    if (!policies.has(key)) policies.set(key, await lookupPolicy(strapi, value, department));
    return policies.get(key)!;
  };

  const seen = new Map<string, number>();
  let done = validation.rejected.length;
  for (const row of validation.valid) {
    const { itemCode } = row.values;
    try {
      // Department: the row's, or --department; the two must agree.
      let department: Department;
      if (row.values.department) {
        const found = await findDepartment(row.values.department);
        if (!found) throw new RowRejected([{ row: row.row, column: headerOf('department'), reason: `没有部门「${row.values.department}」（填写部门代码，如 human-resources，或部门全称）` }]);
        if (defaultDepartment && found.code !== defaultDepartment.code) {
          throw new RowRejected([{ row: row.row, column: headerOf('department'), reason: `这一行属于部门 ${found.code}，与 --department ${defaultDepartment.code} 不一致` }]);
        }
        department = found;
      } else if (defaultDepartment) {
        department = defaultDepartment;
      } else {
        throw new RowRejected([{ row: row.row, column: headerOf('department'), reason: '请填写部门代码，或导入时用 --department 指定部门' }]);
      }

      const key = `${department.code}\u0000${itemCode}`;
      const first = seen.get(key);
      if (first !== undefined) throw new RowRejected([duplicateIssue(row.row, itemCode, first)]);
      seen.set(key, row.row);

      // Policy: by normalized 文号, else by exact title among the department's policies.
      let policyDocumentId: string | null | undefined;
      if (row.present.has('policy')) {
        if (row.values.policy === null) policyDocumentId = null;
        else {
          const policy = await findPolicy(row.values.policy, department);
          if (policy === 'unknown') {
            throw new RowRejected([{ row: row.row, column: headerOf('policy'), reason: `找不到文号或标题为「${row.values.policy}」的政策：请先在 CMS 中录入该政策，或检查文号` }]);
          }
          if (policy === 'ambiguous') {
            throw new RowRejected([{ row: row.row, column: headerOf('policy'), reason: `标题为「${row.values.policy}」的政策不止一份，请改填文号` }]);
          }
          if (policy.locales.has(locale)) policyDocumentId = policy.documentId;
          else {
            // Relations link versions of the same locale (Strapi 5): without an en policy there is nothing to link yet.
            summary.warnings.push(`第 ${row.row} 行：政策「${row.values.policy}」还没有 ${locale} 版本，该语言版本的条目暂不关联政策`);
          }
        }
      }

      const outcome = await writeRow(strapi, row, { departmentDocumentId: department.documentId, policyDocumentId }, department, locale, summary);
      outcomes.set(row.row, { itemCode, ...outcome });
    } catch (error) {
      const issues = error instanceof RowRejected ? error.issues : writeIssues(row.row, error);
      outcomes.set(row.row, { itemCode, outcome: 'rejected', issues });
    }
    done++;
    options.onProgress?.(done, input.rows.length);
  }

  for (const raw of input.rows) {
    const o = outcomes.get(raw.row);
    if (!o) continue;
    summary[o.outcome]++;
    if (o.issues) summary.issues.push(...o.issues);
    summary.rows.push({ row: raw.row, itemCode: o.itemCode, outcome: o.outcome, ...(o.documentId ? { documentId: o.documentId } : {}) });
  }
  return summary;
}

async function lookupPolicy(strapi: Core.Strapi, value: string, department: Department): Promise<PolicyRef | 'unknown' | 'ambiguous'> {
  type Row = { documentId: string; locale: string; department?: { code: string } | null; coIssuingDepartments?: Array<{ code: string }> };
  const populate = { department: { select: ['code'] }, coIssuingDepartments: { select: ['code'] } };
  const byNumber = (await strapi.db.query(POLICY_UID).findMany({ where: { docNumberNormalized: normalizeDocNumber(value) }, select: ['documentId', 'locale'], populate })) as Row[];
  const ours = (r: Row) => r.department?.code === department.code || (r.coIssuingDepartments ?? []).some((d) => d.code === department.code);
  // A department specialist (the admin page) links only own or co-issued policies, as the department
  // guard allows (第四、五条); another department's policy, even a draft, must read as unknown, not
  // confirm its 文号. The CLI (no logged-in user) may link any department's policy by 文号.
  const restricted = currentScope(strapi).kind === 'department';
  let rows = byNumber.length ? (byNumber.some(ours) || restricted ? byNumber.filter(ours) : byNumber) : [];
  if (rows.length === 0) {
    const byTitle = (await strapi.db.query(POLICY_UID).findMany({ where: { title: value }, select: ['documentId', 'locale'], populate })) as Row[];
    rows = byTitle.filter(ours);
  }
  const documentIds = [...new Set(rows.map((r) => r.documentId))];
  if (documentIds.length === 0) return 'unknown';
  if (documentIds.length > 1) return 'ambiguous';
  const versions = (await strapi.db.query(POLICY_UID).findMany({ where: { documentId: documentIds[0] }, select: ['locale'] })) as Array<{ locale: string }>;
  return { documentId: documentIds[0]!, locales: new Set(versions.map((v) => v.locale)) };
}

async function writeRow(
  strapi: Core.Strapi,
  row: ValidRow,
  relations: ResolvedRelations,
  department: Department,
  locale: Locale,
  summary: ImportSummary,
): Promise<{ outcome: RowOutcome; documentId?: string }> {
  const versions = (await strapi.db.query(ITEM_UID).findMany({
    where: { itemCode: row.values.itemCode, department: { code: department.code } },
    populate: { department: { select: ['code', 'documentId'] }, policy: { select: ['documentId', 'docNumber', 'title'] }, conditions: true },
  })) as StoredItem[];
  const documentId = versions[0]?.documentId;
  const draft = versions.find((v) => v.locale === locale && !v.publishedAt);
  const published = versions.find((v) => v.locale === locale && v.publishedAt);
  const draftChanged = !draft || changedColumns(draft, row, relations).length > 0;
  // The published version links the published policy, which may not exist yet: compare its fields only.
  const publishNeeded = summary.publish && (draftChanged || !published || changedColumns(published, row, { ...relations, policyDocumentId: undefined }).filter((c) => c !== 'department').length > 0);
  if (!draftChanged && !publishNeeded) return { outcome: 'unchanged', ...(documentId ? { documentId } : {}) };
  const outcome: RowOutcome = draft ? 'updated' : 'created';
  if (summary.dryRun) return { outcome, ...(documentId ? { documentId } : {}) };

  const data = itemData(row, relations);
  const written = await strapi.db.transaction(async () => {
    const docs = strapi.documents(ITEM_UID);
    let id = documentId;
    if (!id) id = (await docs.create({ locale, data: data as never })).documentId;
    else if (draftChanged) await docs.update({ documentId: id, locale, data: data as never });
    if (summary.publish) await docs.publish({ documentId: id, locale });
    return id;
  });
  return { outcome, documentId: written };
}
