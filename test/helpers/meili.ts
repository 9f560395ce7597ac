// The harness is shared with the root benchmarks; see harness/src/testing/.
import { randomBytes } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { SEARCH_INDEX_SETTINGS, SEARCH_INDEX_UID } from '@zone/schemas';
import type { MeiliUnderTest } from '@zone/harness/testing';
export { freePort, startHangingServer, startMeili, type MeiliUnderTest } from '@zone/harness/testing';

/**
 * A fresh index with the product's settings under a random prefix, holding exactly these documents
 * (for suites that write the documents themselves instead of running search-sync).
 */
export async function indexDocuments(meili: MeiliUnderTest, documents: object[]): Promise<{ prefix: string; uid: string; client: Meilisearch }> {
  const prefix = `t${randomBytes(4).toString('hex')}_`;
  const uid = `${prefix}${SEARCH_INDEX_UID}`;
  const client = new Meilisearch({ host: meili.host, apiKey: meili.masterKey });
  await client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
  await client.index(uid).updateSettings(SEARCH_INDEX_SETTINGS as never).waitTask({ timeout: 60_000 });
  const task = await client.index(uid).addDocuments(documents).waitTask({ timeout: 60_000 });
  if (task.status !== 'succeeded') throw new Error(`indexing the test documents ${task.status}: ${JSON.stringify(task.error)}`);
  return { prefix, uid, client };
}
