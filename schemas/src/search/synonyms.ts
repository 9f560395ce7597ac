// The Chinese policy search profile's dictionary: synonym and abbreviation groups (技改⇄技术改造,
// 高企⇄高新技术企业, …) and common misspellings (技该→技改). The defaults live in
// data/search-synonyms.json (the CommonJS CMS seeds them as content); the office edits them in the
// CMS, and search-sync turns them into Meilisearch's `synonyms` setting.
import defaults from '../../data/search-synonyms.json' with { type: 'json' };

export interface SynonymGroup { terms: string[]; note?: string }
export interface Misspelling { wrong: string; right: string }
export interface SynonymDictionary { groups: SynonymGroup[]; misspellings: Misspelling[] }

export const DEFAULT_SYNONYMS: SynonymDictionary = { groups: defaults.groups, misspellings: defaults.misspellings };

/** Meilisearch `synonyms`: every term of a group maps to the others (multi-way); a misspelling maps one way to the right word and its group. */
export function toMeiliSynonyms(dictionary: SynonymDictionary): Record<string, string[]> {
  const out = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    const key = from.trim();
    const value = to.trim();
    if (!key || !value || key === value) return;
    const set = out.get(key) ?? new Set<string>();
    set.add(value);
    out.set(key, set);
  };
  for (const group of dictionary.groups) {
    const terms = [...new Set(group.terms.map((t) => t.trim()).filter(Boolean))];
    for (const a of terms) for (const b of terms) add(a, b);
  }
  // A misspelling leads to the right word and to everything the right word is a synonym of
  // (Meilisearch does not chain synonyms: 技该 → 技改 alone would not reach 技术改造).
  for (const m of dictionary.misspellings) {
    add(m.wrong, m.right);
    for (const group of dictionary.groups) if (group.terms.some((t) => t.trim() === m.right.trim())) for (const t of group.terms) add(m.wrong, t);
  }
  return Object.fromEntries([...out.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
}
