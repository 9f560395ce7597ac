// Where matching gets its items: the zh-Hans policy-item documents of the search index (the read
// model search-sync keeps), never the CMS. Loaded whole (a few thousand items) and prepared once,
// then cached for a short TTL; the publish watcher refreshes the cache on each of its scans, so a
// publish is visible to matching within the scan interval.
import { prepareItems, type MatchableItem, type PreparedItem, type SearchDocument } from '@zone/schemas';
import type { SearchIndex } from '../search/search-index.ts';

/** The fields matching and the watcher read; `sections`, `body` and the rest stay in the index. */
const FIELDS = [
  'documentId',
  'itemCode',
  'title',
  'departmentCode',
  'departmentName',
  'maxAmount',
  'applicationStart',
  'applicationEnd',
  'effectiveUntil',
  'validity',
  'updatedAtTs',
  'conditions',
  'contentHash',
] as const satisfies ReadonlyArray<keyof SearchDocument>;

export type IndexedItem = MatchableItem & { contentHash: string };

export interface LoadedItems {
  items: IndexedItem[];
  prepared: PreparedItem[];
  loadedAt: number;
}

/** Meilisearch returns at most `pagination.maxTotalHits` (5,000) hits for one query; pages of 1,000 up to it. */
const PAGE = 1000;
const MAX_ITEMS = 5000;

export interface MatchItemSource {
  /** The cached items, reloaded when older than the TTL. */
  current(): Promise<LoadedItems>;
  /** Reloads now (the watcher's scans), and serves the result to matching too. */
  refresh(): Promise<LoadedItems>;
}

export function createMatchItemSource(search: SearchIndex, opts: { ttlMs: number; now?: () => number }): MatchItemSource {
  const now = opts.now ?? Date.now;
  let cached: LoadedItems | undefined;
  let loading: Promise<LoadedItems> | undefined;

  const load = (): Promise<LoadedItems> => {
    loading ??= (async () => {
      const items: IndexedItem[] = [];
      for (let offset = 0; offset < MAX_ITEMS; offset += PAGE) {
        const res = await search.search('', {
          filter: 'type = "policy_item" AND locale = "zh-Hans"',
          attributesToRetrieve: [...FIELDS],
          limit: PAGE,
          offset,
        });
        for (const hit of res.hits) items.push({ ...(hit as IndexedItem), conditions: Array.isArray(hit.conditions) ? hit.conditions : [] });
        if (res.hits.length < PAGE) break;
      }
      const loaded = { items, prepared: prepareItems(items), loadedAt: now() };
      cached = loaded;
      return loaded;
    })().finally(() => {
      loading = undefined;
    });
    return loading;
  };

  return {
    current() {
      if (cached && now() - cached.loadedAt < opts.ttlMs) return Promise.resolve(cached);
      // Index down: items a little stale beat no answer; with nothing cached, SEARCH_UNAVAILABLE.
      const stale = cached;
      return load().catch((error: unknown) => {
        if (stale) return stale;
        throw error;
      });
    },
    refresh: load,
  };
}
