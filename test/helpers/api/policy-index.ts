// A real Meilisearch holding a few published policy items, for the suites whose final answers cite
// policy ids (第十条: the api checks every cited id in the index). The index uses the production
// filterable attributes from @zone/schemas; the documents carry only what the check reads (type, documentId, locale).
import { randomBytes } from 'node:crypto';
import { Meilisearch } from 'meilisearch';
import { SEARCH_INDEX_SETTINGS, SEARCH_INDEX_UID } from '@zone/schemas';
import { startMeili, type MeiliUnderTest } from '../meili.ts';

/** When every seeded item was published (its version, as a final answer's citation records it). */
export const SEEDED_PUBLISHED_AT = '2025-09-01T02:00:00.000Z';

export interface PolicyIndex {
  /** The api env that points the search door at this index. */
  env: Record<string, string>;
  meili: MeiliUnderTest;
  /** Republishes a policy item (zh-Hans) as of `publishedAt`, as search-sync does after a revision. */
  republish(documentId: string, publishedAt: string): Promise<void>;
  /** Removes a policy item from the index, as search-sync does when it is withdrawn or expires. */
  withdraw(documentId: string): Promise<void>;
  destroy(): Promise<void>;
}

/** Starts Meilisearch and publishes `documentIds` as policy items (zh-Hans), plus `otherTypes` as policies. */
export async function startPolicyIndex(label: string, documentIds: readonly string[], otherTypes: readonly string[] = []): Promise<PolicyIndex> {
  const meili = await startMeili(label);
  try {
    const prefix = `t${randomBytes(4).toString('hex')}_`;
    const uid = `${prefix}${SEARCH_INDEX_UID}`;
    const client = new Meilisearch({ host: meili.host, apiKey: meili.masterKey });
    const wait = { timeout: 60_000 };
    await client.createIndex(uid, { primaryKey: 'id' }).waitTask(wait);
    // The production filterable attributes (what the check filters on); the ranking settings do not matter here.
    await client.index(uid).updateSettings({ filterableAttributes: SEARCH_INDEX_SETTINGS.filterableAttributes }).waitTask(wait);
    const doc = (type: string, documentId: string, publishedAt = SEEDED_PUBLISHED_AT) => ({
      id: `${type}-${documentId}-zh-Hans`,
      type,
      documentId,
      locale: 'zh-Hans',
      title: documentId,
      publishedAtTs: Date.parse(publishedAt),
    });
    const task = await client
      .index(uid)
      .addDocuments([...documentIds.map((d) => doc('policy_item', d)), ...otherTypes.map((d) => doc('policy', d))])
      .waitTask(wait);
    if (task.status !== 'succeeded') throw new Error(`seeding the policy index failed: ${JSON.stringify(task.error)}`);
    return {
      env: { MEILI_HOST: meili.host, MEILI_SEARCH_KEY: meili.masterKey, MEILI_INDEX_PREFIX: prefix },
      meili,
      republish: async (documentId, publishedAt) => {
        await client.index(uid).addDocuments([doc('policy_item', documentId, publishedAt)]).waitTask(wait);
      },
      withdraw: async (documentId) => {
        await client.index(uid).deleteDocument(`policy_item-${documentId}-zh-Hans`).waitTask(wait);
      },
      destroy: () => meili.destroy(),
    };
  } catch (err) {
    await meili.destroy();
    throw err;
  }
}
