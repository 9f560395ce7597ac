// How a search query is stored for the knowledge-base gap report: normalized so that "增容 " and
// "增容" count as one, and scrubbed so that nothing a caller typed about a person is kept.
// Phone and ID numbers, e-mail addresses and 统一社会信用代码 are replaced by a placeholder.

/** Longest query kept (characters); a longer one is cut. Search boxes send short phrases. */
export const MAX_STORED_QUERY_CHARS = 100;

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/gu;
/** 18-character 统一社会信用代码 (GB 32100-2015) or 身份证号: digits and upper-case letters, at least 10 digits. */
const CODE18 = /\b(?=(?:[0-9A-Z]*[0-9]){10})[0-9A-Z]{18}\b/gu;
/** Six or more digits in a row: phone numbers, ID numbers, bank accounts. */
const LONG_DIGITS = /\d[\d\s-]{4,}\d/gu;
const EDGE_PUNCTUATION = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu;

/**
 * The stored form of a query, or null when nothing is left to store. NFKC folds full-width forms
 * (“ＡＢＣ１２” → “abc12”), case is folded, runs of white space become one space.
 */
export function normalizeQuery(raw: string): string | null {
  let q = raw.normalize('NFKC').toUpperCase().replace(/\s+/gu, ' ').replace(EDGE_PUNCTUATION, '');
  if (q === '') return null;
  // Placeholders last, so their brackets are never taken for edge punctuation.
  q = q.replace(EMAIL, '〈邮箱〉').replace(CODE18, '〈代码〉');
  q = q.replace(LONG_DIGITS, (m) => (m.replace(/\D/g, '').length >= 6 ? '〈号码〉' : m));
  q = q.toLowerCase();
  return [...q].slice(0, MAX_STORED_QUERY_CHARS).join('');
}

/** Locale as stored: a short BCP 47 tag ("zh-CN", "en"); anything else is kept as "und". */
export function normalizeLocale(raw: string | null | undefined): string {
  const l = (raw ?? '').trim();
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(l) ? l : 'und';
}
