// 政策找企业: the eligibility condition component (matching.condition) stores vocabulary keys
// (attribute "employees", operator "gte"), and Strapi's enumeration select shows an option through
// the translations with the stored value as the message id (Enumeration input: formatMessage({ id: value })).
// These messages give the select the vocabulary's Chinese labels; the stored keys do not change.
// Attributes come from the one vocabulary in @zone/schemas (data/matching-vocabulary.json).
import vocabulary from '@zone/schemas/data/matching-vocabulary.json';

type Attributes = Record<string, { label: string; type: string; unit?: string }>;

// The operator words of the import syntax (MATCH_OPERATORS) are symbols for numbers; a select reads
// better with the word and the symbol. Checked against the vocabulary below so no operator is missed.
const OPERATOR_WORDS: Record<string, string> = {
  gte: '大于等于（≥）',
  gt: '大于（>）',
  lte: '小于等于（≤）',
  lt: '小于（<）',
  eq: '等于（=）',
  between: '介于（下限,上限）',
  in: '属于',
  not_in: '不属于',
  is: '是 / 否',
  includes_any: '包含任一',
  includes_all: '包含全部',
  includes_none: '不包含',
};

function operatorLabels(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const operators of Object.values(vocabulary.operators as Record<string, Record<string, string>>)) {
    for (const [key, written] of Object.entries(operators)) out[key] = OPERATOR_WORDS[key] ?? written;
  }
  return out;
}

/** zh-Hans messages: attribute key → 员工人数（人）, operator key → 大于等于（≥）. */
export function conditionMessages(): Record<string, string> {
  const attributes = Object.fromEntries(
    Object.entries(vocabulary.attributes as Attributes).map(([key, a]) => [key, a.unit ? `${a.label}（${a.unit}）` : a.label]),
  );
  return { ...attributes, ...operatorLabels() };
}
