// An eligibility condition as the CMS stores it (the `matching.condition` component: attribute,
// operator, value as a canonical string, the quoted clause of 申报条件) and as matching uses it
// (typed, values parsed). search-sync copies the stored form into the item's search document;
// the api parses it once per index load.
import { z } from 'zod';
import {
  ATTRIBUTE_VALUES,
  MATCH_ATTRIBUTES,
  MATCH_ATTRIBUTE_TYPES,
  MATCH_OPERATORS,
  canonicalIndustryCode,
  industryLabel,
  type EnumAttribute,
  type ListOperator,
  type MatchAttribute,
  type NumberAttribute,
  type NumberOperator,
  type SetOperator,
} from './vocabulary.ts';

/**
 * Stored form. `value` is canonical: a number ('50'), a range ('10,100' for between), keys or codes
 * separated by commas ('industrial,producer_services', 'C,13'), 'true' / 'false'.
 */
export const storedConditionSchema = z.object({
  attribute: z.string(),
  operator: z.string(),
  value: z.string(),
  clause: z.string().nullable(),
});
export type StoredCondition = z.infer<typeof storedConditionSchema>;

interface Base {
  clause: string | null;
}
export type Condition = Base &
  (
    | { attribute: NumberAttribute; operator: Exclude<NumberOperator, 'between'>; value: number }
    | { attribute: NumberAttribute; operator: 'between'; min: number; max: number }
    | { attribute: EnumAttribute; operator: ListOperator; values: string[] }
    | { attribute: 'industry'; operator: ListOperator; codes: string[] }
    | { attribute: 'registeredInZone'; operator: 'is'; value: boolean }
    | { attribute: 'qualifications'; operator: SetOperator; values: string[] }
  );

export type ParsedCondition = { ok: true; condition: Condition } | { ok: false; reason: string };

const listOf = (value: string) =>
  value
    .split(/[,，、]/)
    .map((v) => v.trim())
    .filter(Boolean);

function toNumber(s: string | undefined): number | null {
  if (s === undefined || s.trim() === '') return null;
  const n = Number(s.trim());
  return Number.isFinite(n) ? n : null;
}

/** Parses a stored condition; a bad one is reported with a reason in Chinese, never thrown. */
export function parseCondition(stored: StoredCondition): ParsedCondition {
  const clause = stored.clause?.trim() ? stored.clause.trim() : null;
  if (!(stored.attribute in MATCH_ATTRIBUTE_TYPES)) return { ok: false, reason: `未知的条件属性「${stored.attribute}」` };
  const attribute = stored.attribute as MatchAttribute;
  const type = MATCH_ATTRIBUTE_TYPES[attribute];
  const label = MATCH_ATTRIBUTES[attribute].label;
  if (!(stored.operator in MATCH_OPERATORS[type])) return { ok: false, reason: `「${label}」不能使用运算符「${stored.operator}」` };
  switch (type) {
    case 'number': {
      const attr = attribute as NumberAttribute;
      if (stored.operator === 'between') {
        const parts = stored.value.split(/[,，~～]/);
        const min = toNumber(parts[0]);
        const max = toNumber(parts[1]);
        if (parts.length !== 2 || min === null || max === null || min > max) return { ok: false, reason: `「${label}」介于的取值应为“下限,上限”，如 10,100` };
        return { ok: true, condition: { attribute: attr, operator: 'between', min, max, clause } };
      }
      const value = toNumber(stored.value);
      if (value === null) return { ok: false, reason: `「${label}」的取值应为数字` };
      return { ok: true, condition: { attribute: attr, operator: stored.operator as Exclude<NumberOperator, 'between'>, value, clause } };
    }
    case 'enum':
    case 'set': {
      const allowed = ATTRIBUTE_VALUES[attribute as EnumAttribute | 'qualifications'];
      const values = listOf(stored.value);
      const bad = values.find((v) => !(v in allowed));
      if (values.length === 0 || bad !== undefined) return { ok: false, reason: `「${label}」的取值「${bad ?? ''}」不在词表中` };
      if (type === 'set') return { ok: true, condition: { attribute: 'qualifications', operator: stored.operator as SetOperator, values, clause } };
      return { ok: true, condition: { attribute: attribute as EnumAttribute, operator: stored.operator as ListOperator, values, clause } };
    }
    case 'industry': {
      const written = listOf(stored.value);
      const codes = written.map(canonicalIndustryCode);
      const bad = written.find((_, i) => codes[i] === null);
      if (written.length === 0 || bad !== undefined) return { ok: false, reason: `「${label}」的取值「${bad ?? ''}」不是 GB/T 4754-2017 的门类或大类代码` };
      return { ok: true, condition: { attribute: 'industry', operator: stored.operator as ListOperator, codes: codes as string[], clause } };
    }
    case 'boolean': {
      if (stored.value !== 'true' && stored.value !== 'false') return { ok: false, reason: `「${label}」的取值应为 true 或 false` };
      return { ok: true, condition: { attribute: 'registeredInZone', operator: 'is', value: stored.value === 'true', clause } };
    }
  }
}

const valueLabel = (attribute: EnumAttribute | 'qualifications', v: string) => ATTRIBUTE_VALUES[attribute][v] ?? v;

/** The condition in words, e.g. 员工人数 ≥ 50 人, 行业 属于 C13 农副食品加工业、C14 食品制造业. */
export function describeCondition(c: Condition): string {
  const def = MATCH_ATTRIBUTES[c.attribute];
  const unit = def.unit ? ` ${def.unit}` : '';
  switch (c.attribute) {
    case 'registeredInZone':
      return `${def.label}：${c.value ? '是' : '否'}`;
    case 'industry':
      return `${def.label} ${MATCH_OPERATORS.industry[c.operator]} ${c.codes.map(industryLabel).join('、')}`;
    case 'qualifications':
      return `${def.label} ${MATCH_OPERATORS.set[c.operator]} ${c.values.map((v) => valueLabel('qualifications', v)).join('、')}`;
    case 'subjectType':
    case 'taxCreditRating':
      return `${def.label} ${MATCH_OPERATORS.enum[c.operator]} ${c.values.map((v) => valueLabel(c.attribute as EnumAttribute, v)).join('、')}`;
    default:
      if (c.operator === 'between') return `${def.label} 介于 ${c.min}–${c.max}${unit}`;
      return `${def.label} ${{ gte: '≥', gt: '>', lte: '≤', lt: '<', eq: '=' }[c.operator]} ${c.value}${unit}`;
  }
}
