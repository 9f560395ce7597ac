// Content rules every writer must respect (editors, the office, imports): dates in order, amounts
// not negative, item codes unique within a department, vocabularies from 第六条, a department on
// every entry (in every locale), and the normalized 文号. Errors name the field, in Chinese, because
// the department specialists read them in the admin.
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import taxonomy from '@zone/schemas/data/taxonomy.json';
import { toOneChange } from '../content/relations';
import { departmentCodesOfRefs } from '../content/lookups';
import { ITEM_UID, POLICY_UID, isScopedUid } from '../content/uids';
import type { DocumentMiddleware } from '../access/department-guard';
import { normalizeDocNumber } from '@zone/schemas/cms-contract';
import { checkCondition, type ConditionField } from '../import/conditions-column';
import { citationProblems, isCitingUid } from '../citations/cited-items';

type Data = Record<string, unknown>;
interface FieldError { path: Array<string | number>; message: string; name: 'ValidationError'; code?: string }

class RuleErrors {
  readonly list: FieldError[] = [];
  add(field: string | Array<string | number>, message: string, code?: string) {
    this.list.push({ path: Array.isArray(field) ? field : [field], message, name: 'ValidationError', ...(code ? { code } : {}) });
  }
  throwIfAny() {
    if (this.list.length === 0) return;
    const summary = this.list.map((e) => `${e.path.join('.')}: ${e.message}`).join('；');
    throw new errors.ValidationError(summary, { errors: this.list });
  }
}

/** Map a list of keys or Chinese labels onto the vocabulary's keys; unknown values are reported. */
export function normalizeVocabulary(value: unknown, vocabulary: Record<string, string>): { keys: string[]; unknown: string[] } | undefined {
  if (value === null || value === undefined) return undefined;
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,，、;；\s]+/) : [value];
  const byLabel = new Map(Object.entries(vocabulary).map(([k, label]) => [label, k]));
  const keys: string[] = [];
  const unknown: string[] = [];
  for (const v of raw) {
    const s = String(v).trim();
    if (s === '') continue;
    const key = s in vocabulary ? s : byLabel.get(s);
    if (key) {
      if (!keys.includes(key)) keys.push(key);
    } else unknown.push(s);
  }
  return { keys, unknown };
}

function dateOf(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v.slice(0, 10) : undefined;
}

async function existingVersion(strapi: Core.Strapi, uid: string, documentId: string | undefined, locale: string | undefined) {
  if (!documentId) return undefined;
  const rows = (await strapi.db.query(uid as typeof POLICY_UID).findMany({
    where: { documentId },
    populate: { department: { select: ['code', 'documentId'] } },
    orderBy: { publishedAt: 'asc' },
  })) as Array<Data & { locale?: string; publishedAt?: string | null; department?: { code: string; documentId: string } | null }>;
  const sameLocale = rows.filter((r) => !locale || r.locale === locale);
  // The draft (publishedAt null) of the same locale is what an update changes.
  return { current: sameLocale.find((r) => !r.publishedAt) ?? sameLocale[0], any: rows[0] };
}

const CONDITION_FIELD_NAMES: Record<ConditionField, string> = { attribute: '条件属性', operator: '运算符', value: '取值' };

/**
 * 政策找企业: eligibility conditions entered by hand (the admin's component, the API) are checked
 * against the vocabulary of @zone/schemas as the import's 结构化条件 column is, and each value is stored
 * in its canonical form. An error names the condition and its field: conditions.<n>.<field>.
 */
function checkConditions(value: unknown, errs: RuleErrors): void {
  if (value === null || value === undefined) return;
  if (!Array.isArray(value)) {
    errs.add('conditions', '申报条件（结构化）应为条件列表', 'CONDITION_SHAPE');
    return;
  }
  value.forEach((entry: unknown, index) => {
    if (!entry || typeof entry !== 'object') {
      errs.add(['conditions', index], `申报条件（结构化）第 ${index + 1} 条无法识别`, 'CONDITION_SHAPE');
      return;
    }
    const row = entry as Record<string, unknown>;
    const checked = checkCondition(row);
    if (!checked.ok) {
      errs.add(['conditions', index, checked.field], `申报条件（结构化）第 ${index + 1} 条的${CONDITION_FIELD_NAMES[checked.field]}：${checked.reason}`, checked.code);
      return;
    }
    row.attribute = checked.condition.attribute;
    row.value = checked.condition.value;
  });
}

export function contentRules(strapi: Core.Strapi): DocumentMiddleware {
  return async (context, next) => {
    if (!isScopedUid(context.uid)) return next();
    if (!['create', 'update', 'clone'].includes(context.action) || !context.params.data) return next();
    const uid = context.uid;
    const data = context.params.data;
    const existing = await existingVersion(strapi, uid, context.params.documentId, context.params.locale);
    const merged: Data = { ...(existing?.current ?? {}), ...data };
    const errs = new RuleErrors();

    // Department: required; a new locale of an existing document inherits it (relations are per locale in Strapi 5).
    // The admin sends an untouched relation as `{ connect: [], disconnect: [] }`: that keeps the department.
    let departmentCode: string | undefined = existing?.current?.department?.code ?? existing?.any?.department?.code;
    const change = toOneChange(data.department);
    if (change.kind === 'cleared') errs.add('department', '所属部门不能为空');
    else if (change.kind === 'unreadable') errs.add('department', '所属部门无法识别：请从列表中选择部门');
    else if (change.kind === 'linked') {
      const { codes, found } = await departmentCodesOfRefs(strapi, change.refs);
      if (found !== change.refs.length) errs.add('department', '所选的所属部门不存在');
      else if (codes.size > 1) errs.add('department', '所属部门只能选一个');
      departmentCode = [...codes][0];
    } else if (!existing?.current?.department) {
      const inherited = existing?.any?.department?.documentId;
      if (inherited) data.department = inherited;
      else errs.add('department', '请选择所属部门');
    }

    if (uid === POLICY_UID) {
      if (typeof data.docNumber === 'string') data.docNumberNormalized = data.docNumber.trim() ? normalizeDocNumber(data.docNumber) : null;
      const from = dateOf(merged.effectiveFrom);
      const until = dateOf(merged.effectiveUntil);
      if (from && until && until <= from) errs.add('effectiveUntil', `有效期截止日（${until}）必须晚于生效日（${from}）`);
      if (merged.validity === 'repealed' && !(typeof merged.repealReason === 'string' && merged.repealReason.trim())) {
        errs.add('repealReason', '废止的政策必须填写废止原因');
      }
    }

    if (uid === ITEM_UID) {
      const start = dateOf(merged.applicationStart);
      const end = dateOf(merged.applicationEnd);
      if (start && end && end < start) errs.add('applicationEnd', `申报截止日（${end}）不能早于申报开始日（${start}）`);
      if (merged.maxAmount !== null && merged.maxAmount !== undefined && merged.maxAmount !== '') {
        const amount = Number(merged.maxAmount);
        if (!Number.isFinite(amount) || amount < 0) errs.add('maxAmount', '最高扶持金额（万元）必须是不小于 0 的数字');
      }
      for (const [field, vocabulary, label] of [
        ['subjects', taxonomy.SUBJECTS as Record<string, string>, '适用对象'],
        ['topics', taxonomy.TOPICS as Record<string, string>, '诉求领域'],
      ] as const) {
        if (!(field in data)) continue;
        const normalized = normalizeVocabulary(data[field], vocabulary);
        if (normalized?.unknown.length) {
          errs.add(field, `${label}只能是：${Object.values(vocabulary).join('、')}（无法识别：${normalized.unknown.join('、')}）`);
        } else if (normalized) data[field] = normalized.keys;
      }
      if ('conditions' in data) checkConditions(data.conditions, errs);
      const code = typeof merged.itemCode === 'string' ? merged.itemCode.trim() : '';
      if (code && departmentCode) {
        const clash = (await strapi.db.query(ITEM_UID).findOne({
          where: {
            itemCode: code,
            department: { code: departmentCode },
            ...(context.params.documentId && context.action !== 'clone' ? { documentId: { $ne: context.params.documentId } } : {}),
          },
          select: ['documentId', 'title'],
        })) as { title?: string } | null;
        if (clash) errs.add('itemCode', `条目编号 ${code} 在本部门已被「${clash.title ?? ''}」使用，同一部门内条目编号不能重复`);
      }
    }

    // 口径 and interpretations cite only published items (a coded error names the relation).
    if (isCitingUid(uid)) for (const p of await citationProblems(strapi, uid, data)) errs.add(p.field, p.message, p.code);

    errs.throwIfAny();
    return next();
  };
}
