// 文号 as written varies: 嘉开管〔2020〕15号, 嘉开管[2020]15号, 嘉开管(2020)15号, 嘉开管（２０２０）１５号.
// The normalized form (the same rule as the CMS's cms/src/validation/doc-number.ts) uses 〔〕, ASCII
// digits and no spaces, so every spelling finds the same policy.
const OPEN = /[[［(（【〔{｛]/g;
const CLOSE = /[\]］)）】〕}｝]/g;

export function normalizeDocNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').replace(OPEN, '〔').replace(CLOSE, '〕');
}

/** Looks like a 文号 (issuer, bracketed year, number 号): the api normalizes such a query before searching. */
export function looksLikeDocNumber(query: string): boolean {
  return /[[［(（【〔{｛]\s*\d{4}\s*[\]］)）】〕}｝]\s*\d+\s*号?/.test(query.normalize('NFKC'));
}

/** Searchable tokens of a 文号: the issuer prefix, the year and the number (嘉开管〔2025〕8号 → 嘉开管, 2025, 8号). */
export function docNumberTokens(raw: string): string[] {
  const n = normalizeDocNumber(raw);
  const m = /^(.*?)〔(\d{4})〕(\d+)号?$/.exec(n);
  if (!m) return [n];
  return [m[1]!, m[2]!, `${m[3]!}号`, `${m[1]!}${m[2]!}${m[3]!}`];
}

/** What the api sends to Meilisearch for a user's query: a 文号 in any bracket style is normalized first. */
export function normalizeSearchQuery(query: string): string {
  const q = query.trim();
  return looksLikeDocNumber(q) ? normalizeDocNumber(q) : q;
}
