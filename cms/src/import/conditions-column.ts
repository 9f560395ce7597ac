// The 结构化条件 column: an item's eligibility conditions (政策找企业) written in one cell, in a small
// syntax documented in cms/templates/README.md:
//
//   员工人数>=50「在职员工50人以上」；高新技术企业=是；行业 属于 C13,C14；年营业收入 介于 500~20000
//
// Conditions are separated by ； ; or a line break. Each is <属性><运算符><取值>, optionally followed by
// the clause of 申报条件 it quotes in 「」 or 【】. The attributes, operators and values come from the
// one vocabulary in @zone/schemas (data/matching-vocabulary.json, data/industry-gbt4754.json).
import vocabulary from '@zone/schemas/data/matching-vocabulary.json';
import industries from '@zone/schemas/data/industry-gbt4754.json';
import taxonomy from '@zone/schemas/data/taxonomy.json';

/** One condition as the matching.condition component stores it. */
export interface ConditionValue {
  attribute: string;
  operator: string;
  value: string;
  clause: string | null;
}

type AttrType = 'number' | 'enum' | 'industry' | 'boolean' | 'set';
interface Attr {
  key: string;
  label: string;
  type: AttrType;
  unit?: string;
}

const ATTRS: Attr[] = Object.entries(vocabulary.attributes).map(([key, a]) => ({ key, label: a.label, type: a.type as AttrType, unit: (a as { unit?: string }).unit }));
const ATTR_BY_KEY = new Map(ATTRS.map((a) => [a.key, a]));

/** Values of enum and set attributes: key → label. */
const VALUES: Record<string, Record<string, string>> = {
  subjectType: taxonomy.SUBJECTS,
  taxCreditRating: vocabulary.TAX_CREDIT_RATINGS,
  qualifications: vocabulary.QUALIFICATIONS,
};

const SECTION_OF = new Map<string, string>(industries.sections.flatMap((s) => s.divisions.map((d) => [d.code, s.code] as [string, string])));
const SECTIONS = new Set(industries.sections.map((s) => s.code));

/** 'C' or '13' from 'C', 'c', '13', 'C13'; null when it is no GB/T 4754-2017 门类 or 大类. */
function industryCode(written: string): string | null {
  const s = written.trim().toUpperCase();
  if (/^[A-Z]$/.test(s)) return SECTIONS.has(s) ? s : null;
  const m = /^([A-Z])?(\d{2})$/.exec(s);
  if (!m) return null;
  const section = SECTION_OF.get(m[2]!);
  return section && (!m[1] || m[1] === section) ? m[2]! : null;
}

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[“”"'‘’]/g, '').toLowerCase();

/** Subject names: attribute labels and keys, and each qualification label alone (高新技术企业=是). */
const NAMES: Array<{ name: string; attr: Attr; qualification?: string }> = [
  ...ATTRS.flatMap((a) => [
    { name: squash(a.label), attr: a },
    { name: a.key.toLowerCase(), attr: a },
  ]),
  ...Object.entries(vocabulary.QUALIFICATIONS).map(([key, label]) => ({ name: squash(label), attr: ATTR_BY_KEY.get('qualifications')!, qualification: key })),
].sort((a, b) => b.name.length - a.name.length);

/** Written operators, longest first so '>=' wins over '>' and '不属于' over '属于'. */
const OPERATOR_WORDS: Array<[string, string]> = (
  [
    ['>=', 'gte'], ['≥', 'gte'], ['<=', 'lte'], ['≤', 'lte'], ['!=', 'not_in'], ['≠', 'not_in'], ['>', 'gt'], ['<', 'lt'], ['=', 'eq'],
    ['介于', 'between'], ['between', 'between'],
    ['不属于', 'not_in'], ['notin', 'not_in'], ['属于', 'in'], ['in', 'in'],
    ['包含任一', 'includes_any'], ['includes_any', 'includes_any'], ['包含全部', 'includes_all'], ['includes_all', 'includes_all'],
    ['不包含', 'includes_none'], ['includes_none', 'includes_none'],
  ] as Array<[string, string]>
).sort((a, b) => b[0].length - a[0].length);

const listOf = (text: string) =>
  text
    .split(/[,，、]/)
    .map((v) => v.trim())
    .filter(Boolean);

/** A number as written, a unit after it allowed (50人, 500万元, 3%). */
function numberOf(text: string): number | null {
  const cleaned = text.normalize('NFKC').replace(/[\s,]/g, '').replace(/(万元|万|元|人|年|%)$/, '');
  return /^[-+]?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : null;
}

function valueKey(attr: Attr, written: string): string | null {
  const values = VALUES[attr.key] ?? {};
  const w = squash(written);
  for (const [key, label] of Object.entries(values)) {
    if (key.toLowerCase() === w || squash(label) === w || squash(label).replace(/级$/, '') === w) return key;
  }
  return null;
}

type One = { ok: true; condition: ConditionValue } | { ok: false; reason: string };

function parseOne(raw: string): One {
  let text = raw.trim();
  let clause: string | null = null;
  const quoted = /[「【]([^」】]*)[」】]\s*$/.exec(text);
  if (quoted) {
    clause = quoted[1]!.trim() || null;
    text = text.slice(0, quoted.index).trim();
  }
  const body = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const lower = body.toLowerCase();
  const squashed = squash(body);
  const named = NAMES.find((n) => squashed.startsWith(n.name));
  if (!named) return { ok: false, reason: `无法识别条件「${raw.trim()}」的属性：应以 ${ATTRS.map((a) => a.label).join('、')} 或资质名称开头` };
  // Find where the name ends in the spaced text: consume characters until the squashed prefix is covered.
  let consumed = 0;
  let seen = '';
  while (consumed < body.length && seen.length < named.name.length) {
    seen = squash(body.slice(0, consumed + 1));
    consumed++;
  }
  const rest = lower.slice(consumed).trim();
  const restOriginal = body.slice(consumed).trim();
  const opEntry = OPERATOR_WORDS.find(([word]) => rest.replace(/\s+/g, '').startsWith(word));
  if (!opEntry) return { ok: false, reason: `条件「${raw.trim()}」缺少运算符（如 >=、=、属于、介于、包含任一）` };
  // The value starts after the operator word (spaces inside "not in" are allowed).
  let valueText = restOriginal;
  for (const ch of opEntry[0]) {
    valueText = valueText.replace(/^\s+/, '');
    if (valueText[0]?.toLowerCase() === ch) valueText = valueText.slice(1);
  }
  valueText = valueText.trim();
  if (valueText === '') return { ok: false, reason: `条件「${raw.trim()}」缺少取值` };
  const attr = named.attr;
  let op = opEntry[1];
  const bad = (why: string): One => ({ ok: false, reason: `条件「${raw.trim()}」：${why}` });

  if (named.qualification) {
    if (op !== 'eq') return bad(`资质写作「${attr.label === '资质' ? '高新技术企业' : attr.label}=是」或「=否」`);
    const yes = yesNo(valueText);
    if (yes === null) return bad('取值应为 是 或 否');
    return { ok: true, condition: { attribute: 'qualifications', operator: yes ? 'includes_all' : 'includes_none', value: named.qualification, clause } };
  }
  switch (attr.type) {
    case 'number': {
      if (op === 'between') {
        const parts = valueText.split(/[~～,，]|至|到/);
        const min = parts.length === 2 ? numberOf(parts[0]!) : null;
        const max = parts.length === 2 ? numberOf(parts[1]!) : null;
        if (min === null || max === null) return bad('介于的取值写作 下限~上限，如 100~5000');
        if (min > max) return bad(`下限 ${min} 大于上限 ${max}`);
        return { ok: true, condition: { attribute: attr.key, operator: 'between', value: `${min},${max}`, clause } };
      }
      if (!['gte', 'gt', 'lte', 'lt', 'eq'].includes(op)) return bad(`「${attr.label}」是数值，运算符只能是 >=、>、<=、<、=、介于`);
      const n = numberOf(valueText);
      if (n === null) return bad(`「${attr.label}」的取值应为数字${attr.unit ? `（单位${attr.unit}）` : ''}`);
      return { ok: true, condition: { attribute: attr.key, operator: op, value: String(n), clause } };
    }
    case 'boolean': {
      if (op !== 'eq') return bad(`「${attr.label}」写作「${attr.label}=是」或「=否」`);
      const yes = yesNo(valueText);
      if (yes === null) return bad('取值应为 是 或 否');
      return { ok: true, condition: { attribute: attr.key, operator: 'is', value: String(yes), clause } };
    }
    case 'enum':
    case 'industry': {
      if (op === 'eq') op = 'in';
      if (op !== 'in' && op !== 'not_in') return bad(`「${attr.label}」的运算符只能是 属于（in、=）或 不属于（not in、≠）`);
      const written = listOf(valueText);
      const keys = written.map((w) => (attr.type === 'industry' ? industryCode(w) : valueKey(attr, w)));
      const unknown = written.filter((_, i) => keys[i] === null);
      if (unknown.length) {
        return bad(
          attr.type === 'industry'
            ? `无法识别行业代码 ${unknown.join('、')}：应为 GB/T 4754-2017 门类字母（A–T）或大类代码（如 C13 或 13）`
            : `无法识别 ${unknown.join('、')}，可选：${Object.values(VALUES[attr.key] ?? {}).join('、')}`,
        );
      }
      return { ok: true, condition: { attribute: attr.key, operator: op, value: [...new Set(keys as string[])].join(','), clause } };
    }
    case 'set': {
      if (op === 'eq') op = 'includes_all';
      if (!['includes_any', 'includes_all', 'includes_none'].includes(op)) return bad(`「${attr.label}」的运算符只能是 包含任一、包含全部、不包含`);
      const written = listOf(valueText);
      const keys = written.map((w) => valueKey(attr, w));
      const unknown = written.filter((_, i) => keys[i] === null);
      if (unknown.length) return bad(`无法识别资质 ${unknown.join('、')}，可选：${Object.values(vocabulary.QUALIFICATIONS).join('、')}`);
      return { ok: true, condition: { attribute: attr.key, operator: op, value: [...new Set(keys as string[])].join(','), clause } };
    }
  }
}

function yesNo(text: string): boolean | null {
  const t = squash(text);
  if (['是', 'true', 'yes', '1', 'y'].includes(t)) return true;
  if (['否', 'false', 'no', '0', 'n'].includes(t)) return false;
  return null;
}

/** Splits on ；; and line breaks, but never inside a quoted clause. */
function splitConditions(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (const ch of text) {
    if (ch === '「' || ch === '【') depth++;
    if (ch === '」' || ch === '】') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === '；' || ch === ';' || ch === '\n')) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** The cell → conditions, or the first problem as a Chinese sentence naming the condition. */
export function parseConditionsText(text: string | null): { ok: true; conditions: ConditionValue[] } | { ok: false; reason: string } {
  if (text === null || text.trim() === '') return { ok: true, conditions: [] };
  const conditions: ConditionValue[] = [];
  const parts = splitConditions(text);
  for (const [i, part] of parts.entries()) {
    const one = parseOne(part);
    if (!one.ok) return { ok: false, reason: `结构化条件第 ${i + 1} 条有误：${one.reason}` };
    conditions.push(one.condition);
  }
  return { ok: true, conditions };
}

const SYMBOL: Record<string, string> = { gte: '>=', gt: '>', lte: '<=', lt: '<', eq: '=' };
const WORD: Record<string, string> = { in: '属于', not_in: '不属于', includes_any: '包含任一', includes_all: '包含全部', includes_none: '不包含' };

/** Conditions → the cell, in the syntax above; parsing it gives the same conditions back. */
export function formatConditions(conditions: readonly ConditionValue[]): string | null {
  if (conditions.length === 0) return null;
  return conditions
    .map((c) => {
      const attr = ATTR_BY_KEY.get(c.attribute);
      const label = attr?.label ?? c.attribute;
      const list = c.value.split(',').filter(Boolean);
      let text: string;
      if (!attr) text = `${label} ${c.operator} ${c.value}`;
      else if (attr.type === 'number') text = c.operator === 'between' ? `${label} 介于 ${list.join('~')}` : `${label}${SYMBOL[c.operator] ?? c.operator}${c.value}`;
      else if (attr.type === 'boolean') text = `${label}=${c.value === 'true' ? '是' : '否'}`;
      else if (attr.type === 'industry') text = `${label} ${WORD[c.operator] ?? c.operator} ${list.map((k) => (SECTION_OF.get(k) ?? '') + k).join(',')}`;
      else text = `${label} ${WORD[c.operator] ?? c.operator} ${list.map((k) => VALUES[attr.key]?.[k] ?? k).join(',')}`;
      return c.clause ? `${text}「${c.clause}」` : text;
    })
    .join('；');
}

/** Stored component rows (any extra fields such as id dropped) in the column's normal form. */
export function storedConditions(value: unknown): ConditionValue[] {
  if (!Array.isArray(value)) return [];
  return value.map((c: Record<string, unknown>) => ({
    attribute: String(c.attribute ?? ''),
    operator: String(c.operator ?? ''),
    value: String(c.value ?? ''),
    clause: typeof c.clause === 'string' && c.clause.trim() !== '' ? c.clause : null,
  }));
}

const OPERATOR_NAMES: Record<string, string> = {
  gte: '大于等于（≥）', gt: '大于（>）', lte: '小于等于（≤）', lt: '小于（<）', eq: '等于（=）', between: '介于',
  in: '属于', not_in: '不属于', is: '是 / 否', includes_any: '包含任一', includes_all: '包含全部', includes_none: '不包含',
};
const TYPE_WORDS: Record<AttrType, string> = { number: '数值', enum: '可选项', industry: '行业代码', boolean: '是 / 否', set: '资质' };

/** Which part of a hand-entered condition is wrong: the component's field. */
export type ConditionField = 'attribute' | 'operator' | 'value';
export type CheckedCondition = { ok: true; condition: ConditionValue } | { ok: false; field: ConditionField; code: string; reason: string };

/**
 * A condition entered field by field (the admin's component form, the API): the attribute must be in
 * the vocabulary, the operator allowed for the attribute's type, the value of that type (a number,
 * a range, 是/否, keys or labels of the attribute's list, GB/T 4754 codes). The value comes back in
 * the canonical stored form ('50', '10,100', 'true', 'high_tech,tech_sme', 'C,13').
 */
export function checkCondition(input: { attribute?: unknown; operator?: unknown; value?: unknown; clause?: unknown }): CheckedCondition {
  const written = typeof input.attribute === 'string' ? input.attribute.trim() : '';
  const attr = ATTR_BY_KEY.get(written) ?? ATTRS.find((a) => squash(a.label) === squash(written));
  if (!attr) {
    return {
      ok: false,
      field: 'attribute',
      code: 'CONDITION_ATTRIBUTE',
      reason: written ? `未知的条件属性「${written}」，可选：${ATTRS.map((a) => a.label).join('、')}` : '请选择条件属性',
    };
  }
  const allowed = Object.keys((vocabulary.operators as Record<string, Record<string, string>>)[attr.type] ?? {});
  const op = typeof input.operator === 'string' ? input.operator.trim() : '';
  if (!allowed.includes(op)) {
    const named = op ? `「${attr.label}」（${TYPE_WORDS[attr.type]}）不能使用运算符「${OPERATOR_NAMES[op] ?? op}」` : '请选择运算符';
    return { ok: false, field: 'operator', code: 'CONDITION_OPERATOR', reason: `${named}；可选：${allowed.map((o) => OPERATOR_NAMES[o] ?? o).join('、')}` };
  }
  const valueText = typeof input.value === 'number' || typeof input.value === 'boolean' ? String(input.value) : typeof input.value === 'string' ? input.value.trim() : '';
  const clause = typeof input.clause === 'string' && input.clause.trim() !== '' ? input.clause.trim() : null;
  const bad = (reason: string): CheckedCondition => ({ ok: false, field: 'value', code: 'CONDITION_VALUE', reason });
  if (valueText === '') return bad(`请填写「${attr.label}」的取值`);
  const ok = (value: string): CheckedCondition => ({ ok: true, condition: { attribute: attr.key, operator: op, value, clause } });
  switch (attr.type) {
    case 'number': {
      const unit = attr.unit ? `（单位${attr.unit}）` : '';
      if (op === 'between') {
        const parts = valueText.split(/[~～,，]|至|到/);
        const min = parts.length === 2 ? numberOf(parts[0]!) : null;
        const max = parts.length === 2 ? numberOf(parts[1]!) : null;
        if (min === null || max === null) return bad(`「${attr.label}」介于的取值应为“下限,上限”两个数字${unit}，如 10,100；收到「${valueText}」`);
        if (min > max) return bad(`「${attr.label}」的下限 ${min} 大于上限 ${max}`);
        return ok(`${min},${max}`);
      }
      const n = numberOf(valueText);
      if (n === null) return bad(`「${attr.label}」的取值应为数字${unit}，收到「${valueText}」`);
      return ok(String(n));
    }
    case 'boolean': {
      const yes = yesNo(valueText);
      if (yes === null) return bad(`「${attr.label}」的取值应为 是 或 否（true / false），收到「${valueText}」`);
      return ok(String(yes));
    }
    case 'enum':
    case 'set':
    case 'industry': {
      const list = listOf(valueText);
      const keys = list.map((w) => (attr.type === 'industry' ? industryCode(w) : valueKey(attr, w)));
      const unknown = list.filter((_, i) => keys[i] === null);
      if (list.length === 0 || unknown.length) {
        return bad(
          attr.type === 'industry'
            ? `「${attr.label}」的取值「${unknown.join('、') || valueText}」不是 GB/T 4754-2017 的门类字母（A–T）或大类代码（如 C13 或 13）`
            : `「${attr.label}」的取值「${unknown.join('、') || valueText}」不在词表中，可选：${Object.values(VALUES[attr.key] ?? {}).join('、')}`,
        );
      }
      return ok([...new Set(keys as string[])].join(','));
    }
  }
}
