// Applies the index settings kept as data in @zone/schemas (plus the synonym dictionary) to an
// index, creating it with primary key `id` when it does not exist yet.
import { SEARCH_INDEX_SETTINGS } from '@zone/schemas';
import { MeilisearchApiError, type Settings } from 'meilisearch';
import type { MeiliConnection } from './client.ts';

export async function ensureIndex(meili: MeiliConnection, indexUid: string): Promise<void> {
  const exists = await meili.call(`get index ${indexUid}`, async (c) => {
    try {
      await c.getIndex(indexUid);
      return true;
    } catch (error) {
      if (error instanceof MeilisearchApiError && error.response.status === 404) return false;
      throw error;
    }
  });
  if (!exists) await meili.waitSucceeded(meili.client.createIndex(indexUid, { primaryKey: 'id' }));
}

export async function applySettings(meili: MeiliConnection, indexUid: string, synonyms: Record<string, string[]>): Promise<void> {
  await ensureIndex(meili, indexUid);
  const settings = { ...SEARCH_INDEX_SETTINGS, synonyms } as unknown as Settings;
  await meili.waitSucceeded(meili.client.index(indexUid).updateSettings(settings));
}

export async function applySynonyms(meili: MeiliConnection, indexUid: string, synonyms: Record<string, string[]>): Promise<void> {
  await meili.waitSucceeded(meili.client.index(indexUid).updateSynonyms(synonyms));
}
