// The api's ranked search as it was before issue 16's third pass (every leg asked for highlighted,
// cropped, full hits): kept only as the reference `meili-probe.ts --part cost,same` measures and
// compares the api's current ranked-search.ts against (same hits, same order, same highlights).
import type { SearchParams } from 'meilisearch';
import type { SearchIndex, SearchDocumentHit } from '../../api/src/search/search-index.ts';
import { fuseByRank } from '../../api/src/search/ranking/fuse.ts';
import type { QueryPlan } from '../../api/src/search/ranking/query-plan.ts';
import { EXPIRED_FACTOR, FUSION_WINDOW, ITEM_BOOST, ITEM_BOOST_FOR_INTENT, type RankedResult } from '../../api/src/search/ranking/ranked-search.ts';

type Params = Omit<SearchParams, 'offset' | 'limit'> & { offset?: number; limit: number };

export async function legacyRankedSearch(index: SearchIndex, plan: QueryPlan, params: Params): Promise<RankedResult> {
  const offset = params.offset ?? 0;
  const end = offset + params.limit;
  // Always the same window, whatever the page: the fused order must not depend on the page size.
  const window = end <= FUSION_WINDOW ? FUSION_WINDOW : end;
  const sorted = params.sort !== undefined && params.sort.length > 0;
  const queries = [plan.original, ...(plan.rewritten && window <= FUSION_WINDOW && !sorted ? [plan.rewritten] : [])];
  if (queries.length === 1 && (sorted || window > FUSION_WINDOW)) {
    const res = await index.search(plan.original, { ...params, offset, limit: params.limit });
    return { hits: res.hits, totalHits: res.estimatedTotalHits ?? res.totalHits ?? res.hits.length, facetDistribution: res.facetDistribution, processingTimeMs: res.processingTimeMs };
  }
  // Each text is searched with Meilisearch's default matching strategy (drop words from the end);
  // the subject words are also searched dropping the most frequent words first, so a rare subject
  // term (上市, 稳岗) is the last to go when not every word matches.
  const subject = queries.at(-1)!;
  const requests = [
    ...queries.map((q) => ({ ...params, q, offset: 0, limit: window })),
    ...(window <= FUSION_WINDOW && !sorted ? [{ ...params, q: subject, offset: 0, limit: window, matchingStrategy: 'frequency' as const }] : []),
  ];
  // Facet counts are Meilisearch's largest share of a search: they are asked of the first leg only,
  // and of a later leg only when the first found nothing (the facets shown are the first non-empty leg's).
  const results = await index.multiSearch(requests.map((r, i) => (i === 0 ? r : { ...r, facets: undefined })));
  const lists = results.map((r) => ({ hits: r.hits, weight: 1 }));
  const typeBoost = (h: SearchDocumentHit) => {
    // A 文号 names the document: the items that carry it come after it.
    if (plan.intent === 'document') return h.type === 'policy' ? ITEM_BOOST_FOR_INTENT : 1;
    return h.type === 'policy_item' ? (plan.intent !== null ? ITEM_BOOST_FOR_INTENT : ITEM_BOOST) : 1;
  };
  const boost = (h: SearchDocumentHit) => typeBoost(h) * (h.validity === 'valid' ? 1 : EXPIRED_FACTOR);
  // A hit's ranking score is its best across the searches (the rewrite may match far better).
  const best = new Map<string, number>();
  for (const r of results) for (const h of r.hits) if (typeof h._rankingScore === 'number') best.set(h.id, Math.max(best.get(h.id) ?? 0, h._rankingScore));
  const ordered = fuseByRank(lists, (h) => h.id, boost).map((h) => (best.has(h.id) ? { ...h, _rankingScore: best.get(h.id) } : h));
  const total = Math.max(...results.map((r) => r.estimatedTotalHits ?? r.totalHits ?? r.hits.length));
  const found = (r: (typeof results)[number]) => (r.estimatedTotalHits ?? r.hits.length) > 0;
  const facetLeg = found(results[0]!) ? -1 : results.findIndex(found);
  const facetDistribution = facetLeg > 0 && params.facets?.length ? (await index.search(requests[facetLeg]!.q, { ...requests[facetLeg]!, limit: 0 })).facetDistribution : results[0]?.facetDistribution;
  return {
    hits: ordered.slice(offset, end),
    totalHits: Math.max(total, ordered.length),
    facetDistribution,
    processingTimeMs: Math.max(...results.map((r) => r.processingTimeMs)),
  };
}
