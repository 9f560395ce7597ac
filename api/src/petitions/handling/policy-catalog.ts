// 第十条: a final answer cites policy items of the knowledge base by id. The ids are checked against
// what the api itself serves (the Meilisearch index, as `policyItem(id:)` reads it): an id that is
// not a published policy item is refused, and when the index cannot answer the answer is refused
// with the retryable SEARCH_UNAVAILABLE — an id is never accepted unchecked.
import { SEARCH_LOCALES } from '@zone/schemas';
import type { SearchIndex } from '../../search/search-index.ts';

export interface PolicyCatalog {
  /** The ids among `ids` that are not published policy items. Throws SearchUnavailableError. */
  unknownIds(ids: readonly string[]): Promise<string[]>;
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}


export function searchPolicyCatalog(search: SearchIndex): PolicyCatalog {
  return {
    async unknownIds(ids) {
      if (ids.length === 0) return [];
      const res = await search.search('', {
        filter: ['type = "policy_item"', `documentId IN [${ids.map(quote).join(', ')}]`],
        attributesToRetrieve: ['documentId'],
        // One document per locale an item is published in: room for every locale of every cited id.
        limit: ids.length * SEARCH_LOCALES.length,
      });
      const found = new Set(res.hits.map((h) => h.documentId));
      return ids.filter((id) => !found.has(id));
    },
  };
}
