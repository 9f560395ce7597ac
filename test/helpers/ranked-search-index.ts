// The api's SearchIndex over a test index, counting the requests it sends. With `alwaysFrequencyLeg`
// it drops showRankingScoreDetails from every request, so ranked-search.ts never finds its frequency
// leg redundant and always sends it: the reference the attack suites compare the skipping search with.
import { createSearchIndex, type SearchIndex } from '../../api/src/search/search-index.ts';
import type { MeiliUnderTest } from './meili.ts';

export function countingSearchIndex(meili: MeiliUnderTest, indexUid: string, alwaysFrequencyLeg: boolean): SearchIndex & { requests: number } {
  const real = createSearchIndex({ timeoutMs: 10_000, target: () => ({ host: meili.host, searchKey: meili.masterKey, indexUid }) });
  const strip = <T extends object>(p: T): T => (alwaysFrequencyLeg ? { ...p, showRankingScoreDetails: undefined } : p);
  const index: SearchIndex & { requests: number } = {
    requests: 0,
    check: real.check,
    search(q, params) {
      index.requests++;
      return real.search(q, strip(params));
    },
    multiSearch(queries) {
      index.requests++;
      return real.multiSearch(queries.map(strip));
    },
  };
  return index;
}
