// The one search path of the `search` and `answers` resolvers (and of `npm run eval:relevance`):
// the query as typed and its subject words with the `frequency` matching strategy, fused by rank
// (the second leg is left out when it would return the first leg's very window); items before the
// documents they belong to when the caller asks how much or how to apply; expired entries after
// current ones (they stay visible, marked by their validity). Only the first leg asks for hits as
// the caller asked (fields, highlights); the later legs ask only for what ranks, and the few hits of
// the page that only they found are then fetched as the caller asked, in a second request.
import type { SearchParams, SearchResponse } from 'meilisearch';
import { SEARCH_INDEX_SETTINGS } from '@zone/schemas';
import { quote } from '../search-filters.ts';
import type { SearchIndex, SearchDocumentHit } from '../search-index.ts';
import { fuseByRank } from './fuse.ts';
import type { QueryPlan } from './query-plan.ts';

/**
 * The fused window: every page within it is cut from the same fused list (so pages never repeat a hit);
 * after it come the original query's other hits, in its order, without those the window showed.
 */
export const FUSION_WINDOW = 20;
/** An item's fused score is multiplied by this when the caller asks how much / how to apply. */
export const ITEM_BOOST_FOR_INTENT = 1.5;
/** Items answer; a policy document is the container they belong to. */
export const ITEM_BOOST = 1.2;
/** Expired and repealed entries rank below current ones of like relevance (their validity marks them). */
export const EXPIRED_FACTOR = 0.6;

export interface RankedResult {
  hits: SearchDocumentHit[];
  totalHits: number;
  facetDistribution?: Record<string, Record<string, number>>;
  processingTimeMs: number;
}

type Params = Omit<SearchParams, 'offset' | 'limit'> & { offset?: number; limit: number };

export async function rankedSearch(index: SearchIndex, plan: QueryPlan, params: Params): Promise<RankedResult> {
  const offset = params.offset ?? 0;
  const end = offset + params.limit;
  const sorted = params.sort !== undefined && params.sort.length > 0;
  if (sorted) {
    const res = await index.search(plan.original, { ...params, offset, limit: params.limit });
    return { hits: res.hits, totalHits: res.estimatedTotalHits ?? res.totalHits ?? res.hits.length, facetDistribution: res.facetDistribution, processingTimeMs: res.processingTimeMs };
  }
  // Always the same window, whatever the page: the fused order must not depend on the page size.
  const window = FUSION_WINDOW;
  // Two legs, fused by rank: the query as typed with Meilisearch's default matching strategy (drop
  // words from the end), and its subject words (the rewrite without generic question words, else the
  // query itself) dropping the most frequent words first, so a rare subject term (上市, 稳岗) is the last
  // to go when not every word matches. (A third leg, the rewrite with the default strategy, was
  // dropped: dev nDCG@10 0.907–0.909 with it, 0.916–0.919 without; README "Fifth pass".)
  const original: Leg = { ...params, q: plan.original, offset: 0, limit: window };
  const frequency: Leg = { ...params, q: plan.rewritten ?? plan.original, offset: 0, limit: window, matchingStrategy: 'frequency' };
  // The later leg only ranks: it asks for the ids, what the boost reads and the ranking score, without
  // highlighting or cropping (Meilisearch's largest cost per hit: it segments every highlighted text of
  // every hit) and without the long texts. Most pages are the first leg's hits, which it returns as the
  // caller asked; a separate request for the page alone would cost Meilisearch more (its fixed cost per
  // request) than highlighting the first leg's window. Facet counts are asked of the first leg only, and
  // of the later leg only when the first found nothing (the facets shown are the first non-empty leg's).
  const rankingLeg = { ...rankingOnly(frequency), facets: undefined };
  let requests: Leg[];
  let results: Array<SearchResponse<SearchDocumentHit>>;
  let legsMs: number;
  if (plan.rewritten) {
    requests = [original, frequency];
    results = await index.multiSearch([original, rankingLeg]);
    legsMs = Math.max(...results.map((r) => r.processingTimeMs));
  } else {
    // The same text twice: the first leg also says how many of the query's words each hit matched, and
    // when the frequency leg would return the very same window it is not sent (frequencyLegIsRedundant).
    const first = await index.search(original.q, { ...withoutQ(original), showRankingScoreDetails: true });
    const redundant = frequencyLegIsRedundant(first, original.q, window);
    for (const h of first.hits) delete (h as { _rankingScoreDetails?: unknown })._rankingScoreDetails;
    requests = redundant ? [original] : [original, frequency];
    results = redundant ? [first] : [first, await index.search(rankingLeg.q, withoutQ(rankingLeg))];
    // One request after the other.
    legsMs = results.reduce((sum, r) => sum + r.processingTimeMs, 0);
  }
  const lists = results.map((r) => ({ hits: r.hits, weight: 1 }));
  const typeBoost = (h: SearchDocumentHit) => {
    // A 文号 names the document: the items that carry it come after it.
    if (plan.intent === 'document') return h.type === 'policy' ? ITEM_BOOST_FOR_INTENT : 1;
    return h.type === 'policy_item' ? (plan.intent !== null ? ITEM_BOOST_FOR_INTENT : ITEM_BOOST) : 1;
  };
  const boost = (h: SearchDocumentHit) => typeBoost(h) * (h.validity === 'valid' ? 1 : EXPIRED_FACTOR);
  // A hit's ranking score is its best across the legs (the subject words may match far better).
  const best = new Map<string, number>();
  for (const r of results) for (const h of r.hits) if (typeof h._rankingScore === 'number') best.set(h.id, Math.max(best.get(h.id) ?? 0, h._rankingScore));
  const ordered = fuseByRank(lists, (h) => h.id, boost);
  const found = (r: (typeof results)[number]) => (r.estimatedTotalHits ?? r.hits.length) > 0;
  const facetLeg = found(results[0]!) ? -1 : results.findIndex(found);
  // The window is the fused list's first hits; a page past it continues with the original query's
  // hits in its order, leaving out those the window showed (so no hit is shown twice or skipped).
  const fused = ordered.slice(0, window);
  const page = fused.slice(offset, end);
  // What paging reaches, estimated within the window: the original query's estimate (past the window
  // only its hits follow) plus the window's hits it did not return (the subject leg's). Not the largest
  // leg's estimate: Meilisearch picks the words the frequency strategy keeps by their frequency in the
  // whole index, whatever the filter, so that leg may count far more than any page shows. The same
  // figure whether or not the subject leg was sent (it is left out only when it would add no hit).
  const firstHits = new Set(results[0]!.hits.map((h) => h.id));
  const total = (results[0]!.estimatedTotalHits ?? results[0]!.totalHits ?? results[0]!.hits.length) + fused.filter((h) => !firstHits.has(h.id)).length;
  // A window not full means every leg, the original included, returned all it found: nothing follows.
  // A page that reaches the window's end also asks how many follow (limit 0 at the end of the window),
  // so its total is what paging on can reach and hasNextPage never promises an empty page.
  const rest = end >= window && fused.length === window ? restOfOriginal(index, requests[0]!, fused, Math.max(0, offset - window), end - Math.max(offset, window)) : undefined;
  const [facetDistribution, fetched, after] = await Promise.all([
    facetLeg > 0 && params.facets?.length ? index.search(requests[facetLeg]!.q, { ...rankingOnly(requests[facetLeg]!), limit: 0 }).then((r) => r.facetDistribution) : results[0]?.facetDistribution,
    fetchPage(index, requests, results, page),
    rest,
  ]);
  // A hit deleted between the two requests is left out (it is no longer published).
  const hits = page.flatMap((h) => fetched.hits.get(h.id) ?? []).map((h) => (best.has(h.id) ? { ...h, _rankingScore: best.get(h.id) } : h));
  return {
    hits: [...hits, ...(after?.hits ?? [])],
    // Within the window, the estimate above; from its end on, exactly what paging reaches (the hits
    // only the subject leg found past the window are on no page).
    totalHits: after ? fused.length + (after.estimatedTotalHits ?? after.totalHits ?? after.hits.length) : total,
    facetDistribution,
    processingTimeMs: legsMs + Math.max(fetched.processingTimeMs, after?.processingTimeMs ?? 0),
  };
}

/** The original query's hits after the fused window: its own order, without the window's hits. */
function restOfOriginal(index: SearchIndex, original: Leg, fused: SearchDocumentHit[], offset: number, limit: number) {
  const { facets: _f, q, ...request } = original;
  const filter = fused.length ? [...asArray(request.filter), `id NOT IN [${fused.map((h) => quote(h.id)).join(', ')}]`] : request.filter;
  return index.search(q, { ...request, filter, offset, limit });
}

type Leg = Params & { q: string; offset: number };

/** A leg's parameters for `SearchIndex.search`, which takes the text apart. */
function withoutQ<T extends { q: string }>(leg: T): Omit<T, 'q'> {
  const { q: _q, ...rest } = leg;
  return rest;
}

interface WordsDetail { matchingWords: number; maxMatchingWords: number }

/** The rule frequencyLegIsRedundant rests on; should the index settings ever rank otherwise, the leg is always sent. */
const WORDS_RULE_FIRST = SEARCH_INDEX_SETTINGS.rankingRules[0] === 'words';

/**
 * Whether the frequency leg would return exactly this leg's window. Both legs rank by the same rules
 * (`words` first, SEARCH_INDEX_SETTINGS.rankingRules); the matching strategy decides only which words
 * are dropped once fewer hits than asked match them all. So the two windows are the same hits in the
 * same order when the query has at most one word (nothing to drop), or when the window is full and its
 * last hit (hence every hit before it) matched every word. An empty text matches everything alike.
 */
function frequencyLegIsRedundant(res: { hits: SearchDocumentHit[] }, q: string, window: number): boolean {
  if (!WORDS_RULE_FIRST) return false;
  if (q.trim() === '') return true;
  const last = res.hits.at(-1) as (SearchDocumentHit & { _rankingScoreDetails?: { words?: WordsDetail } }) | undefined;
  const words = last?._rankingScoreDetails?.words;
  if (!words) return false;
  return words.maxMatchingWords <= 1 || (res.hits.length >= window && words.matchingWords === words.maxMatchingWords);
}

/** Only what fusion reads: the id, the boost's fields and the ranking score. */
const RANKING_FIELDS = ['id', 'type', 'validity'];

function rankingOnly(leg: Leg): Leg {
  const { attributesToHighlight: _h, attributesToCrop: _c, cropLength: _l, cropMarker: _m, highlightPreTag: _pre, highlightPostTag: _post, showMatchesPosition: _pos, ...rest } = leg;
  return { ...rest, attributesToRetrieve: RANKING_FIELDS };
}

/** A filter as clauses to AND (Meilisearch takes an array as AND). */
function asArray(filter: SearchParams['filter']): NonNullable<Extract<SearchParams['filter'], unknown[]>> {
  return filter === undefined || filter === null ? [] : Array.isArray(filter) ? filter : [filter];
}

/** A Meilisearch filter narrowed to some documents (an array filter's clauses are ANDed). */
function narrowed(filter: SearchParams['filter'], ids: string[]): NonNullable<SearchParams['filter']> {
  return [...asArray(filter), `id IN [${ids.map(quote).join(', ')}]`];
}

/**
 * The page's hits as the caller asked for them (fields, highlighting, cropping): the first leg's as
 * it returned them; the others in one multi-search, each from the leg that ranked it first (its
 * highlights are that leg's query's, as when every leg highlighted), narrowed to those ids.
 * Meilisearch finds each again: the same query and matching strategy under a narrower filter.
 */
async function fetchPage(index: SearchIndex, requests: Leg[], results: Array<{ hits: SearchDocumentHit[] }>, page: SearchDocumentHit[]) {
  const hits = new Map<string, SearchDocumentHit>();
  for (const h of results[0]!.hits) hits.set(h.id, h);
  const formats = requests[0]!.attributesToHighlight?.length || requests[0]!.attributesToCrop?.length || requests[0]!.showMatchesPosition;
  // Without highlighting the query text changes nothing in a hit: one lookup by id.
  const groups = new Map<number, string[]>();
  for (const h of page) {
    if (hits.has(h.id)) continue;
    const leg = formats ? results.findIndex((r) => r.hits.some((x) => x.id === h.id)) : 1;
    groups.set(leg, [...(groups.get(leg) ?? []), h.id]);
  }
  if (groups.size === 0) return { hits, processingTimeMs: 0 };
  const legs = [...groups].map(([leg, ids]) => {
    const { showRankingScore: _s, facets: _f, ...request } = requests[leg]!;
    const fields = request.attributesToRetrieve;
    return {
      ...request,
      q: formats ? request.q : '',
      filter: narrowed(request.filter, ids),
      offset: 0,
      limit: ids.length,
      ...(fields && !fields.includes('id') && !fields.includes('*') ? { attributesToRetrieve: [...fields, 'id'] } : {}),
    };
  });
  const res = await index.multiSearch(legs);
  for (const r of res) for (const h of r.hits) hits.set(h.id, h);
  return { hits, processingTimeMs: Math.max(...res.map((r) => r.processingTimeMs)) };
}
