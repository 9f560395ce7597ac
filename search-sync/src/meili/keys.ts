// Keys: the master key only provisions two API keys. search-sync works with an admin key limited to
// this deployment's indexes; the api gets a search-only key for the live index, written to a file
// in the data directory (or MEILI_SEARCH_KEY in production). The api never sees the master key.
// Key uids are derived from the index prefix, so re-provisioning finds the same keys.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Meilisearch, MeilisearchApiError } from 'meilisearch';
import { SEARCH_INDEX_UID } from '@zone/schemas';
import { mapMeiliError } from './client.ts';

/** A stable UUID v4-shaped uid for a key purpose. */
function keyUid(purpose: string, prefix: string): string {
  const h = createHash('sha256').update(`zone-search:${purpose}:${prefix}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function ensureKey(client: Meilisearch, uid: string, spec: { name: string; description: string; actions: string[]; indexes: string[] }): Promise<string> {
  try {
    return (await client.getKey(uid)).key;
  } catch (error) {
    if (!(error instanceof MeilisearchApiError && error.response.status === 404)) throw error;
  }
  const created = await client.createKey({ uid, expiresAt: null, ...spec } as Parameters<Meilisearch['createKey']>[0]);
  return created.key;
}

export interface ProvisionedKeys { adminKey: string; searchKey: string; indexUid: string }

export async function provisionKeys(options: { host: string; masterKey: string; indexPrefix: string; timeoutMs: number }): Promise<ProvisionedKeys> {
  const master = new Meilisearch({ host: options.host, apiKey: options.masterKey, timeout: options.timeoutMs });
  const indexUid = `${options.indexPrefix}${SEARCH_INDEX_UID}`;
  try {
    // All indexes, not `${prefix}*`: Meilisearch hides a task that has no single index (swap-indexes)
    // from an index-scoped key, and the reindex must wait for its swap to succeed.
    const adminKey = await ensureKey(master, keyUid('admin-all-indexes', options.indexPrefix), {
      name: `search-sync admin (${options.indexPrefix || 'default'})`,
      description: 'search-sync: documents, settings, shadow indexes and swaps',
      actions: ['*'],
      indexes: ['*'],
    });
    const searchKey = await ensureKey(master, keyUid('search', options.indexPrefix), {
      name: `api search-only (${options.indexPrefix || 'default'})`,
      description: 'the api: search on the live index only',
      actions: ['search'],
      indexes: [indexUid],
    });
    return { adminKey, searchKey, indexUid };
  } catch (error) {
    throw mapMeiliError('provisioning keys', error);
  }
}

/** The file the api reads in development (`MEILI_SEARCH_KEY_FILE`); production passes MEILI_SEARCH_KEY instead. */
export function writeSearchKeyFile(file: string, content: { host: string; searchKey: string; indexUid: string }): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify({ ...content, writtenAt: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // a file written before keeps its old mode otherwise
}
