// The synonym dictionary as the office keeps it in the CMS (检索同义词), read straight from the
// table, turned into Meilisearch's `synonyms` setting. Before the CMS has created the table (first
// start) the defaults in @zone/schemas apply; an empty table means the office removed them all.
import { DEFAULT_SYNONYMS, toMeiliSynonyms, type SynonymDictionary } from '@zone/schemas';
import type { CmsDb } from '../cms-db/index.ts';
import { withPinyinSynonyms } from '../documents/pinyin.ts';

function terms(raw: string | null): string[] {
  return (raw ?? '').split(/[,，、;；|\n]+/).map((t) => t.trim()).filter(Boolean);
}

export async function readSynonymDictionary(db: CmsDb): Promise<SynonymDictionary> {
  let rows: Array<{ kind: string | null; terms: string | null; note: string | null }>;
  try {
    rows = await db.selectFrom('search_synonyms').select(['kind', 'terms', 'note']).orderBy('id').execute();
  } catch {
    return DEFAULT_SYNONYMS;
  }
  const dictionary: SynonymDictionary = { groups: [], misspellings: [] };
  for (const row of rows) {
    const list = terms(row.terms);
    if (row.kind === 'misspelling') {
      const [wrong, right] = list;
      if (wrong && right) dictionary.misspellings.push({ wrong, right });
    } else if (list.length >= 2) dictionary.groups.push({ terms: list, ...(row.note ? { note: row.note } : {}) });
  }
  return dictionary;
}

export async function readMeiliSynonyms(db: CmsDb): Promise<Record<string, string[]>> {
  return withPinyinSynonyms(toMeiliSynonyms(await readSynonymDictionary(db)));
}
