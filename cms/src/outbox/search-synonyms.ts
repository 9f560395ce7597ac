// The Chinese search profile's dictionary as content the office edits (检索同义词). An entry of kind
// `synonyms` lists equivalent terms ("技改, 技术改造"); an entry of kind `misspelling` maps a wrong
// spelling to the right one ("技该, 技改"). Saving one writes an outbox row like any other change, and
// search-sync updates Meilisearch's synonyms setting: no reindex. The defaults come from
// @zone/schemas/data/search-synonyms.json and are written once, on the first start.
import type { Core } from '@strapi/strapi';
import defaults from '@zone/schemas/data/search-synonyms.json';
import { SYNONYM_UID } from '../content/uids';

const STORE = { type: 'plugin' as const, name: 'zone-search' };

export async function ensureSearchSynonyms(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store(STORE);
  if (await store.get({ key: 'synonyms-seeded' })) return;
  const existing = await strapi.db.query(SYNONYM_UID).count({});
  if (existing === 0) {
    for (const group of defaults.groups) {
      await strapi.documents(SYNONYM_UID).create({ data: { kind: 'synonyms', terms: group.terms.join(', '), note: group.note } as never });
    }
    for (const m of defaults.misspellings) {
      await strapi.documents(SYNONYM_UID).create({ data: { kind: 'misspelling', terms: `${m.wrong}, ${m.right}`, note: '常见错字' } as never });
    }
  }
  await store.set({ key: 'synonyms-seeded', value: { at: new Date().toISOString() } });
}
