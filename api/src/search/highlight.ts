// Meilisearch marks matches inside the stored plain text, which can itself contain "<" or "&"
// (a policy may quote "<script>" as text). So matches are marked with control characters that
// never occur in indexed text, the whole string is HTML-escaped, and only then do the markers
// become <mark>…</mark>: a client can put the snippet into HTML safely.
export const MATCH_START = '\u0002';
export const MATCH_END = '\u0003';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function toSafeHighlight(marked: string): string {
  return escapeHtml(marked).replaceAll(MATCH_START, '<mark>').replaceAll(MATCH_END, '</mark>');
}

export const HIGHLIGHT_PARAMS = {
  highlightPreTag: MATCH_START,
  highlightPostTag: MATCH_END,
  cropMarker: '…',
} as const;
