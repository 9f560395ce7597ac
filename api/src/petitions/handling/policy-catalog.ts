// 第十条: a final answer cites policy items of the knowledge base by id. The ids are checked against
// what the api itself serves (the Meilisearch index, as `policyItem(id:)` reads it): an id that is
// not a published policy item is refused, and when the index cannot answer the answer is refused
// with the retryable SEARCH_UNAVAILABLE — an id is never accepted unchecked.
import { SEARCH_LOCALES } from '@zone/schemas';
import type { SearchIndex } from '../../search/search-index.ts';

export interface PolicyCatalog {
  /** The ids among `ids` that are not published policy items. Throws SearchUnavailableError. */
  unknownIds(ids: readonly string[]): Promise<string[]>;
  /**
   * The published revision of each id that is a published policy item: the latest publication time
   * (ISO) over its locales — a revision republishes the item, so a new version. Absent ids are not
   * published. Throws SearchUnavailableError.
   */
  versions(ids: readonly string[]): Promise<Map<string, string>>;
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}


export function searchPolicyCatalog(search: SearchIndex): PolicyCatalog {
  async function versions(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (ids.length === 0) return out;
    const res = await search.search('', {
      filter: ['type = "policy_item"', `documentId IN [${ids.map(quote).join(', ')}]`],
      attributesToRetrieve: ['documentId', 'publishedAtTs'],
      // One document per locale an item is published in: room for every locale of every cited id.
      limit: ids.length * SEARCH_LOCALES.length,
    });
    const latest = new Map<string, number>();
    for (const h of res.hits) {
      const ts = typeof h.publishedAtTs === 'number' ? h.publishedAtTs : 0;
      latest.set(h.documentId, Math.max(latest.get(h.documentId) ?? 0, ts));
    }
    for (const [id, ts] of latest) out.set(id, new Date(ts).toISOString());
    return out;
  }
  return {
    versions,
    async unknownIds(ids) {
      const found = await versions(ids);
      return ids.filter((id) => !found.has(id));
    },
  };
}
