// The one vocabulary of 政策找企业: the attributes an item's eligibility conditions are written in
// and an enterprise's profile is stated in, with the operators each attribute type allows. The
// labels and value lists are JSON (data/matching-vocabulary.json, data/industry-gbt4754.json) so
// the CommonJS CMS reads the very same lists for its admin component and its import column.
import vocabulary from '../../data/matching-vocabulary.json' with { type: 'json' };
import industryData from '../../data/industry-gbt4754.json' with { type: 'json' };
import { SUBJECTS } from '../taxonomy.ts';

/** How an attribute is compared; decides its operators and how a profile states it. */
export type AttributeType = 'number' | 'enum' | 'industry' | 'boolean' | 'set';

/** Attribute key → type. The JSON carries the labels; the types are fixed here and checked against it. */
export const MATCH_ATTRIBUTE_TYPES = {
  subjectType: 'enum',
  registeredInZone: 'boolean',
  industry: 'industry',
  yearsEstablished: 'number',
  annualRevenue: 'number',
  annualTaxPaid: 'number',
  employees: 'number',
  rdExpenseRatio: 'number',
  taxCreditRating: 'enum',
  qualifications: 'set',
  projectInvestment: 'number',
} as const satisfies Record<string, AttributeType>;

export type MatchAttribute = keyof typeof MATCH_ATTRIBUTE_TYPES;
export const MATCH_ATTRIBUTE_KEYS = Object.keys(MATCH_ATTRIBUTE_TYPES) as MatchAttribute[];
type OfType<T extends AttributeType> = { [K in MatchAttribute]: (typeof MATCH_ATTRIBUTE_TYPES)[K] extends T ? K : never }[MatchAttribute];
export type NumberAttribute = OfType<'number'>;
export type EnumAttribute = OfType<'enum'>;

export interface AttributeDefinition {
  key: MatchAttribute;
  label: string;
  type: AttributeType;
  unit: string | null;
  hint: string | null;
}

const rawAttributes = vocabulary.attributes as Record<string, { label: string; type: string; unit?: string; hint?: string }>;

export const MATCH_ATTRIBUTES: Record<MatchAttribute, AttributeDefinition> = Object.fromEntries(
  MATCH_ATTRIBUTE_KEYS.map((key) => {
    const raw = rawAttributes[key];
    if (!raw || raw.type !== MATCH_ATTRIBUTE_TYPES[key]) throw new Error(`matching-vocabulary.json: attribute ${key} is missing or has another type`);
    return [key, { key, label: raw.label, type: MATCH_ATTRIBUTE_TYPES[key], unit: raw.unit ?? null, hint: raw.hint ?? null }];
  }),
) as Record<MatchAttribute, AttributeDefinition>;

/** Operators per attribute type, key → how it is written in the import syntax / shown. */
export const MATCH_OPERATORS = {
  number: { gte: '>=', gt: '>', lte: '<=', lt: '<', eq: '=', between: '介于' },
  enum: { in: '属于', not_in: '不属于' },
  industry: { in: '属于', not_in: '不属于' },
  boolean: { is: '=' },
  set: { includes_any: '包含任一', includes_all: '包含全部', includes_none: '不包含' },
} as const satisfies Record<AttributeType, Record<string, string>>;
export type NumberOperator = keyof typeof MATCH_OPERATORS.number;
export type ListOperator = keyof typeof MATCH_OPERATORS.enum;
export type SetOperator = keyof typeof MATCH_OPERATORS.set;
export type MatchOperator = NumberOperator | ListOperator | 'is' | SetOperator;
export const MATCH_OPERATOR_KEYS = [...new Set(Object.values(MATCH_OPERATORS).flatMap((ops) => Object.keys(ops)))] as MatchOperator[];

/** Tax credit ratings (纳税信用等级) A/B/M/C/D. */
export const TAX_CREDIT_RATINGS = vocabulary.TAX_CREDIT_RATINGS;
export type TaxCreditRating = keyof typeof TAX_CREDIT_RATINGS;
export const TAX_CREDIT_RATING_KEYS = Object.keys(TAX_CREDIT_RATINGS) as TaxCreditRating[];

/** Qualifications an enterprise holds (资质): 高新技术企业, 专精特新中小企业, … */
export const QUALIFICATIONS = vocabulary.QUALIFICATIONS;
export type Qualification = keyof typeof QUALIFICATIONS;
export const QUALIFICATION_KEYS = Object.keys(QUALIFICATIONS) as Qualification[];

/** The values an enum or set attribute takes, key → Chinese label. */
export const ATTRIBUTE_VALUES: Record<'subjectType' | 'taxCreditRating' | 'qualifications', Record<string, string>> = {
  subjectType: SUBJECTS,
  taxCreditRating: TAX_CREDIT_RATINGS,
  qualifications: QUALIFICATIONS,
};

/** GB/T 4754-2017 门类 (A–T) with their 大类 (two-digit codes 01–97). */
export interface IndustrySection {
  code: string;
  name: string;
  divisions: Array<{ code: string; name: string }>;
}
export const INDUSTRY_SECTIONS: IndustrySection[] = industryData.sections;

/** 大类 code → its 门类 letter, e.g. '13' → 'C'. */
export const INDUSTRY_SECTION_OF_DIVISION: ReadonlyMap<string, string> = new Map(INDUSTRY_SECTIONS.flatMap((s) => s.divisions.map((d) => [d.code, s.code] as const)));
/** Code (门类 letter or 大类 two digits) → its name. */
export const INDUSTRY_NAMES: ReadonlyMap<string, string> = new Map(
  INDUSTRY_SECTIONS.flatMap((s) => [[s.code, s.name] as const, ...s.divisions.map((d) => [d.code, d.name] as const)]),
);

/**
 * A written industry code in its canonical form: a 门类 letter ('C') or a 大类 two-digit code
 * ('13'); 'C13' and 'c13' are accepted for a 大类 when the letter is its 门类. Null if it is no code.
 */
export function canonicalIndustryCode(written: string): string | null {
  const s = written.trim().toUpperCase();
  if (/^[A-T]$/.test(s)) return INDUSTRY_NAMES.has(s) ? s : null;
  const m = /^([A-T])?(\d{2})$/.exec(s);
  if (!m) return null;
  const division = m[2]!;
  const section = INDUSTRY_SECTION_OF_DIVISION.get(division);
  if (!section || (m[1] && m[1] !== section)) return null;
  return division;
}

/** 'C13 农副食品加工业' style label of a canonical code. */
export function industryLabel(code: string): string {
  const section = INDUSTRY_SECTION_OF_DIVISION.get(code);
  return `${section ?? ''}${code} ${INDUSTRY_NAMES.get(code) ?? ''}`.trim();
}
