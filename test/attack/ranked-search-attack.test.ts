// Attacks on the api's ranked search (api/src/search/ranking/ranked-search.ts) through the real api and
// a real Meilisearch holding hand-made entries. The rules (ranked-search.ts, README "Policy search"):
// the fused order must not depend on the page size, pages never repeat a hit, and paging on with
// `after` reaches every hit the caller's query finds; drafts, other locales and entries out of force
// never come back unless the filter asks.
//
// The entries: a caller asks 请问稳岗补贴怎么申请. Its rewrite is 稳岗补贴 (query-plan.ts drops 请问 and
// 怎么申请). Twenty-five items say 稳岗补贴 without 请问 (only the subject leg, the rewrite searched with the
// `frequency` strategy, finds them); twenty-five say 请问 … 稳岗 (the original query finds them, and only
// them: Meilisearch drops words from the end and keeps the first). Each leg ranks its own group, so the
// fused window takes them in turn (askd00, subj00, askd01, …: on a tie the original query's hit comes
// first), and the rest of what the original query finds comes after it.
import type { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIT_PARAMS } from '../../api/src/search/presenters.ts';
import { planQuery } from '../../api/src/search/ranking/query-plan.ts';
import { rankedSearch } from '../../api/src/search/ranking/ranked-search.ts';
import { buildFilter } from '../../api/src/search/search-filters.ts';
import { createSearchIndex, type SearchIndex } from '../../api/src/search/search-index.ts';
import { startTestApi, stopTestApi, type TestApi } from '../helpers/api/test-api.ts';
import { indexDocuments, startMeili, type MeiliUnderTest } from '../helpers/meili.ts';
import { countingSearchIndex } from '../helpers/ranked-search-index.ts';

const QUERY = '请问稳岗补贴怎么申请';
const SEARCH = /* GraphQL */ `
  query Search($q: String!, $filter: SearchFilter, $first: Int, $after: String) {
    search(query: $q, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id documentId locale validity title } }
    }
  }
`;

interface Page {
  search: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: { id: string; documentId: string; locale: string; validity: string; title: string } }> };
}

const item = (documentId: string, title: string, extra: Record<string, unknown> = {}) => ({
  id: `policy_item-${documentId}-${(extra.locale as string | undefined) ?? 'zh-Hans'}`,
  type: 'policy_item',
  documentId,
  locale: 'zh-Hans',
  title,
  summary: title,
  validity: 'valid',
  relatedItemDocumentIds: [],
  publishedAtTs: Date.parse('2026-09-01T02:00:00Z'),
  ...extra,
});

const n = (i: number) => String(i).padStart(2, '0');
/** Found by the rewrite (稳岗补贴) and the subject leg only. */
const SUBJECT = Array.from({ length: 25 }, (_, i) => item(`subj${n(i)}`, `稳岗补贴 第${n(i)}项 企业稳定就业岗位补贴`));
/** Found by the original query (请问 first) and, lower, by the rewrite. */
const ASKED = Array.from({ length: 25 }, (_, i) => item(`askd${n(i)}`, `请问 稳岗 问答 第${n(i)}条`));
/** Never shown without asking: another locale, an expired entry. */
const HIDDEN = [item('enx', '请问 稳岗补贴 English twin', { locale: 'en' }), item('exp', '请问 稳岗补贴 已失效条目', { validity: 'expired' })];

describe('the ranked search pages', () => {
  let meili: MeiliUnderTest;
  let api: TestApi;
  const search = async (variables: Record<string, unknown>) => api.anonymous().ok<Page>(SEARCH, { q: QUERY, ...variables });
  /** Every page of `first` hits, following endCursor until hasNextPage is false (bounded). */
  const pageThrough = async (first: number) => {
    const pages: Page['search'][] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i++) {
      const page: Page['search'] = (await search({ first, after })).search;
      pages.push(page);
      if (!page.pageInfo.hasNextPage || page.edges.length === 0) break;
      after = page.pageInfo.endCursor;
    }
    return pages;
  };

  beforeAll(async () => {
    meili = await startMeili('ranked-attack');
    const { prefix } = await indexDocuments(meili, [...SUBJECT, ...ASKED, ...HIDDEN]);
    api = await startTestApi('sqlite', undefined, { MEILI_HOST: meili.host, MEILI_SEARCH_KEY: meili.masterKey, MEILI_INDEX_PREFIX: prefix, SEARCH_RATE_PER_MINUTE: '100000' });
  }, 120_000);
  afterAll(async () => {
    if (api) await stopTestApi(api);
    await meili?.destroy();
  });

  it('the entries are as described: the subject leg finds the subject items, the original query the asked ones', async () => {
    const first = (await search({ first: 10 })).search.edges.map((e) => e.node.documentId);
    expect(first).toEqual(['askd00', 'subj00', 'askd01', 'subj01', 'askd02', 'subj02', 'askd03', 'subj03', 'askd04', 'subj04']);
  });

  it('paging on with after (10 a page) shows no hit twice and reaches every entry the original query finds', async () => {
    const pages = await pageThrough(10);
    const ids = pages.flatMap((p) => p.edges.map((e) => e.node.documentId));
    expect(ids.length - new Set(ids).size, `repeated: ${ids.filter((d, i) => ids.indexOf(d) !== i)}`).toBe(0);
    const missing = ASKED.map((d) => d.documentId).filter((d) => !ids.includes(d));
    expect(missing, 'found by the original query, on no page').toEqual([]);
    // Nothing a caller may not see, on any page.
    expect(pages.flatMap((p) => p.edges.map((e) => e.node)).filter((node) => node.locale !== 'ZH_HANS' || node.validity !== 'VALID')).toEqual([]);
    // hasNextPage never promises a page that turns out empty.
    expect(pages.map((p) => p.edges.length).filter((l) => l === 0)).toEqual([]);
    expect(pages.at(-1)!.pageInfo.hasNextPage).toBe(false);
    // The total is never below what the pages have shown.
    pages.forEach((p, i) => expect(p.totalCount, `page ${i + 1}`).toBeGreaterThanOrEqual(pages.slice(0, i + 1).reduce((s, q) => s + q.edges.length, 0)));
    // Each edge's cursor is its position: 1-based offsets in order.
    const cursors = pages.flatMap((p) => p.edges.map((e) => Buffer.from(e.cursor, 'base64url').toString()));
    expect(cursors).toEqual(ids.map((_, i) => `o:${i}`));
  });

  it('the order does not depend on the page size: one page of 30 is the first three pages of 10, and a page across the window is their slice', async () => {
    const tens = (await pageThrough(10)).slice(0, 3).flatMap((p) => p.edges.map((e) => e.node.documentId));
    const thirty = (await search({ first: 30 })).search.edges.map((e) => e.node.documentId);
    expect(thirty).toEqual(tens);
    // After the 15th hit (cursor o:14), ten more: hits 16–25.
    const across = (await search({ first: 10, after: Buffer.from('o:14').toString('base64url') })).search.edges.map((e) => e.node.documentId);
    expect(across).toEqual(tens.slice(15, 25));
  });

  it('a deep page asks for nothing it may not show (includeExpired off, zh-Hans only)', async () => {
    const deep = (await search({ first: 50, after: Buffer.from('o:4').toString('base64url') })).search.edges.map((e) => e.node);
    expect(deep.filter((node) => node.locale !== 'ZH_HANS' || node.validity !== 'VALID')).toEqual([]);
  });
});

describe('the search filter values that reach Meilisearch', () => {
  let meili: MeiliUnderTest;
  let api: TestApi;
  const FILTERED = /* GraphQL */ `
    query Filtered($filter: SearchFilter) { search(query: "稳岗", filter: $filter, first: 5) { totalCount edges { node { documentId } } } }
  `;
  beforeAll(async () => {
    meili = await startMeili('ranked-attack-filter');
    const { prefix } = await indexDocuments(meili, [item('cheap', '稳岗补贴 小额', { maxAmount: 0.5, applicationStartTs: Date.parse('2026-03-01T00:00:00Z'), applicationEndTs: Date.parse('2026-04-30T00:00:00Z') })]);
    api = await startTestApi('sqlite', undefined, { MEILI_HOST: meili.host, MEILI_SEARCH_KEY: meili.masterKey, MEILI_INDEX_PREFIX: prefix, SEARCH_RATE_PER_MINUTE: '100000' });
  }, 120_000);
  afterAll(async () => {
    if (api) await stopTestApi(api);
    await meili?.destroy();
  });

  it('a date that is no calendar day (2026-13-45, 2026-02-30) is BAD_USER_INPUT on openOn, not SEARCH_UNAVAILABLE', async () => {
    for (const openOn of ['2026-13-45', '2026-02-30', '0000-00-00']) {
      const r = await api.anonymous().request(FILTERED, { filter: { openOn } });
      expect(r.errors?.[0]?.extensions, openOn).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(JSON.stringify(r.errors?.[0]), openOn).toMatch(/openOn/);
    }
    // A real day inside the item's window finds it.
    const ok = await api.anonymous().ok<{ search: { edges: Array<{ node: { documentId: string } }> } }>(FILTERED, { filter: { openOn: '2026-04-01' } });
    expect(ok.search.edges.map((e) => e.node.documentId)).toEqual(['cheap']);
  });

  it('an amount JavaScript writes with an exponent (1e-7, 5e-7) filters as the number it is', async () => {
    // maxAmount 0.5 (万元) is at least 1e-7 and not at most 5e-7.
    const atLeast = await api.anonymous().request<{ search: { edges: Array<{ node: { documentId: string } }> } }>(FILTERED, { filter: { minAmount: 1e-7 } });
    expect(atLeast.errors).toBeUndefined();
    expect(atLeast.data!.search.edges.map((e) => e.node.documentId)).toEqual(['cheap']);
    const atMost = await api.anonymous().request<{ search: { edges: unknown[] } }>(FILTERED, { filter: { maxAmount: 5e-7 } });
    expect(atMost.errors).toBeUndefined();
    expect(atMost.data!.search.edges).toEqual([]);
  });
});

describe('an entry withdrawn between the ranked search\'s two requests', () => {
  let meili: MeiliUnderTest;
  let client: Meilisearch;
  let uid: string;
  beforeAll(async () => {
    meili = await startMeili('ranked-attack-race');
    ({ uid, client } = await indexDocuments(meili, [...SUBJECT, ...ASKED, ...HIDDEN]));
  }, 120_000);
  afterAll(async () => {
    await meili?.destroy();
  });

  it('is left out of the page; the other hits keep their order, and nothing hidden fills its place', async () => {
    const real = createSearchIndex({ timeoutMs: 10_000, target: () => ({ host: meili.host, searchKey: meili.masterKey, indexUid: uid }) });
    // search-sync withdraws subj03 right after the ranked multi-search, before the page's hits are fetched.
    let calls = 0;
    const racing: SearchIndex = {
      ...real,
      async multiSearch(queries) {
        const res = await real.multiSearch(queries);
        if (calls++ === 0) await client.index(uid).deleteDocument('policy_item-subj03-zh-Hans').waitTask({ timeout: 60_000 });
        return res;
      },
    };
    const params = { filter: buildFilter({}, 'zh-Hans'), offset: 0, limit: 10, ...HIT_PARAMS, showRankingScore: true };
    const res = await rankedSearch(racing, planQuery(QUERY), params);
    // The first page takes the two groups in turn; the subj hits only the subject leg finds are fetched
    // in the second request, by which time subj03 is gone.
    expect(res.hits.map((h) => h.documentId)).toEqual(['askd00', 'subj00', 'askd01', 'subj01', 'askd02', 'subj02', 'askd03', 'askd04', 'subj04']);
    expect(res.hits.every((h) => h.locale === 'zh-Hans' && h.validity === 'valid')).toBe(true);
    // Each hit as a search hit shows it: highlighted, with the hit fields only.
    for (const h of res.hits) {
      expect(String(h._formatted?.title), h.id).toContain('\u0002');
      expect(Object.keys(h).filter((k) => !k.startsWith('_') && !HIT_PARAMS.attributesToRetrieve.includes(k as never)), h.id).toEqual([]);
    }
  });
});

describe('the frequency leg left out when it would return the first leg\'s window', () => {
  let meili: MeiliUnderTest;
  let uid: string;
  beforeAll(async () => {
    meili = await startMeili('ranked-attack-skip');
    ({ uid } = await indexDocuments(meili, [...SUBJECT, ...ASKED, ...HIDDEN]));
  }, 120_000);
  afterAll(async () => {
    await meili?.destroy();
  });

  const counted = (always: boolean) => countingSearchIndex(meili, uid, always);

  // Worked out from the entries: 稳岗补贴 — all 25 subj items hold both words, so the window of 20 matches
  // every word (one request instead of two); 问答 is one word (likewise); 补贴 问答 — no entry holds both,
  // so the window is filled by dropping a word: the leg is sent, and the askd hits only it finds are then
  // fetched as the caller asked (three requests either way).
  it.each([
    ['稳岗补贴', 1, 2],
    ['问答', 1, 2],
    ['补贴 问答', 3, 3],
  ])('%s: %i request(s) (%i when always sent), and the very page, scores and facets', async (q, requests, whenAlways) => {
    expect(planQuery(q).rewritten).toBeNull();
    const params = { filter: buildFilter({}, 'zh-Hans'), facets: ['type', 'validity'], offset: 0, limit: 10, ...HIT_PARAMS, showRankingScore: true };
    const [skipping, always] = [counted(false), counted(true)];
    const [a, b] = await Promise.all([rankedSearch(skipping, planQuery(q), params), rankedSearch(always, planQuery(q), params)]);
    expect(skipping.requests).toBe(requests);
    expect(always.requests).toBe(whenAlways);
    expect(a.hits.length).toBeGreaterThan(0);
    expect(a.hits).toEqual(b.hits);
    expect(a.facetDistribution).toEqual(b.facetDistribution);
    expect(a.hits.some((h) => '_rankingScoreDetails' in h)).toBe(false);
  });
});
