// The api's one door to Meilisearch: every call has a timeout, and every failure (down, slow,
// refused key, missing index) becomes SEARCH_UNAVAILABLE, so a caller never waits on a hang.
import { Meilisearch, type SearchParams, type SearchResponse } from 'meilisearch';
import { MEILI_REQUEST_INIT, type SearchDocument } from '@zone/schemas';
import { SearchUnavailableError } from '../errors/index.ts';
import { meiliHttpClient } from './meili-http.ts';
import type { SearchConfig, SearchTarget } from './search-config.ts';

export type SearchDocumentHit = SearchDocument & {
  _formatted?: Partial<Record<keyof SearchDocument, unknown>>;
  /** Meilisearch's ranking score (0–1), when the search asked for it (showRankingScore). */
  _rankingScore?: number;
};

export interface SearchIndex {
  search(query: string, params: SearchParams): Promise<SearchResponse<SearchDocumentHit>>;
  /** Several searches in one round trip (Meilisearch multi-search). */
  multiSearch(queries: Array<{ q: string } & SearchParams>): Promise<Array<SearchResponse<SearchDocumentHit>>>;
  /** Readiness: Meilisearch answers, the key works and the index exists. */
  check(): Promise<{ ok: true } | { ok: false; reason: string }>;
}

export function createSearchIndex(config: SearchConfig): SearchIndex {
  // node:http with a connection per request (meili-http.ts: cheaper than fetch, and no delayed-ACK stall).
  const httpClient = meiliHttpClient();
  let client: { target: SearchTarget; meili: Meilisearch } | undefined;
  const connect = () => {
    const target = config.target();
    if (!target) throw new SearchUnavailableError('搜索服务尚未就绪：search-sync 还没有创建搜索密钥 (the search key is not provisioned yet)');
    if (!client || client.target !== target) {
      client = { target, meili: new Meilisearch({ host: target.host, apiKey: target.searchKey, timeout: config.timeoutMs, requestInit: MEILI_REQUEST_INIT, httpClient }) };
    }
    return client;
  };
  const guarded = async <T>(call: () => Promise<T>): Promise<T> => {
    // The client's own timeout covers the request; this bound also covers DNS and connect hangs.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SearchUnavailableError(`搜索服务超时 (Meilisearch did not answer within ${config.timeoutMs} ms)`)), config.timeoutMs);
    });
    try {
      return await Promise.race([call(), deadline]);
    } catch (error) {
      if (error instanceof SearchUnavailableError) throw error;
      throw new SearchUnavailableError('搜索服务暂不可用，请稍后再试 (search is unavailable)', { cause: error });
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    search(query, params) {
      return guarded(async () => {
        const { meili, target } = connect();
        return meili.index<SearchDocumentHit>(target.indexUid).search(query, params);
      });
    },
    multiSearch(queries) {
      return guarded(async () => {
        const { meili, target } = connect();
        const res = await meili.multiSearch({ queries: queries.map((q) => ({ indexUid: target.indexUid, ...q })) });
        return res.results as unknown as Array<SearchResponse<SearchDocumentHit>>;
      });
    },
    async check() {
      try {
        await guarded(async () => {
          const { meili, target } = connect();
          await meili.index(target.indexUid).search('', { limit: 0 });
        });
        return { ok: true };
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        return { ok: false, reason: `${(error as Error).message}${cause instanceof Error ? `: ${cause.message}` : ''}` };
      }
    },
  };
}

// Registers this feature's member of the request context (see graphql/context.ts).
declare module '../graphql/context.ts' {
  interface ApiServices {
    /** Meilisearch through the search-only key (policy search and detail reads). */
    search: SearchIndex;
  }
}
