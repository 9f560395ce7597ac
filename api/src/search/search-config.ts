// Where the api finds Meilisearch. The api holds only the search-only key: in production
// MEILI_SEARCH_KEY; in development the key file search-sync writes when it provisions the keys
// (<DATA_DIR>/meili-search-key.json), re-read until it appears, because the api may start first.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { SEARCH_INDEX_UID } from '@zone/schemas';

export interface SearchTarget {
  host: string;
  searchKey: string;
  indexUid: string;
}

export interface SearchConfig {
  timeoutMs: number;
  /** Resolves the target, or undefined while the development key file does not exist yet. */
  target(): SearchTarget | undefined;
}

const keyFileSchema = z.object({ host: z.string().url(), searchKey: z.string().min(1), indexUid: z.string().min(1) });

export function searchConfig(opts: {
  host: string | undefined;
  searchKey: string | undefined;
  indexPrefix: string;
  keyFile: string;
  timeoutMs: number;
}): SearchConfig {
  if (opts.searchKey) {
    const fixed: SearchTarget = { host: opts.host ?? 'http://127.0.0.1:7700', searchKey: opts.searchKey, indexUid: `${opts.indexPrefix}${SEARCH_INDEX_UID}` };
    return { timeoutMs: opts.timeoutMs, target: () => fixed };
  }
  let cached: SearchTarget | undefined;
  return {
    timeoutMs: opts.timeoutMs,
    target() {
      if (cached) return cached;
      if (!existsSync(opts.keyFile)) return undefined;
      const parsed = keyFileSchema.safeParse(JSON.parse(readFileSync(opts.keyFile, 'utf8')));
      if (!parsed.success) return undefined;
      cached = { host: opts.host ?? parsed.data.host, searchKey: parsed.data.searchKey, indexUid: parsed.data.indexUid };
      return cached;
    },
  };
}
