// The GraphQL resolvers of policy search, suggestions, the hotline answer card and detail reads,
// all served from the Meilisearch index (search-only key). Detail reads never touch the CMS:
// search-sync keeps the published content, markdown sources included, in the index within a second
// of publishing, so the index is the read model and its freshness is the sync's freshness.
// What they send is built in search-filters.ts, what they return in presenters.ts, and the answer
// card's policy lives in answer-card.ts.
import { z } from 'zod';
import { SEARCH_FACETS, SUBJECT_KEYS } from '@zone/schemas';
import { BadUserInputError, NotFoundError } from '../errors/index.ts';
import type { ApiContext } from '../graphql/context.ts';
import { enumResolver } from '../graphql/enum-map.ts';
import type { Resolvers } from '../graphql/generated/resolvers-types.ts';
import { answerCards, answerState } from './answer-card.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { HIGHLIGHT_PARAMS } from './highlight.ts';
import { HIT_PARAMS, LIST_FIELDS, presentFacets, presentInterpretation, presentPolicy, presentPolicyItem, toHit, toSuggestion } from './presenters.ts';
import { ANSWER_CONFIDENCE_THRESHOLD } from './ranking/answer-confidence.ts';
import { planQuery } from './ranking/query-plan.ts';
import { rankedSearch } from './ranking/ranked-search.ts';
import { SearchFilter, buildFilter } from './search-filters.ts';
import type { SearchDocumentHit } from './search-index.ts';
import { SEARCH_LIMITS, SORTS, filterSchema, localeOf, pageSize, queryText } from './search-input.ts';

// Strapi documentIds are short lower-case alphanumerics; anything else cannot exist.
const documentIdSchema = z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'id 格式不正确 (id is not a document id)');

async function findOne(ctx: ApiContext, filter: SearchFilter): Promise<SearchDocumentHit | undefined> {
  const res = await ctx.services.search.search('', { filter: filter.build(), limit: 1 });
  return res.hits[0];
}

/**
 * Meilisearch queries each root field makes, at most: what one call costs against the caller's
 * rate limit and the per-request lookup limit (query-limits.ts). Detail reads count like searches.
 * `departments` is served from a cache refreshed once a minute.
 */
export const SEARCH_LOOKUP_COSTS = {
  search: 1,
  suggest: 1,
  answers: 3, // two ranked multi-searches (hotline answers, items), then the related items
  answerSet: 3, // the same cards as answers
  policyItem: 1,
  policy: 3, // one multi-search of three queries
  interpretation: 2, // the interpretation, then its items
  departments: 0,
} as const;

export const searchResolvers: Resolvers = {
  SearchDocumentType: enumResolver(['policy_item', 'interpretation', 'hotline_answer', 'policy'] as const),
  Validity: enumResolver(['valid', 'expired', 'repealed'] as const),
  PolicySubject: enumResolver(SUBJECT_KEYS),
  Locale: { ZH_HANS: 'zh-Hans', EN: 'en' },

  Query: {
    async search(_parent, args, ctx) {
      const query = BadUserInputError.parse(queryText(), args.query, ['query']);
      const filter = BadUserInputError.parse(filterSchema, args.filter ?? {}, ['filter']);
      const first = pageSize(args.first, SEARCH_LIMITS.maxPageSize, 'first', 10);
      const offset = decodeCursor(args.after);
      const locale = localeOf(filter.locale);
      const res = await rankedSearch(ctx.services.search, planQuery(query), {
        filter: buildFilter(filter, locale),
        facets: [...SEARCH_FACETS],
        offset,
        limit: first,
        sort: SORTS[args.sort ?? 'RELEVANCE'],
        ...HIT_PARAMS,
        showRankingScore: true,
      });
      const total = res.totalHits;
      if (query !== '') {
        ctx.searchGaps.searched(query, locale);
        // A knowledge gap: nothing found, or (first page) only hits below the answer threshold.
        if (total === 0) ctx.searchGaps.zeroResult(query, locale);
        else if (offset === 0 && (res.hits[0]?._rankingScore ?? 1) < ANSWER_CONFIDENCE_THRESHOLD) ctx.searchGaps.noGoodAnswer(query, locale);
      }
      const departments = await ctx.services.departments.list(locale);
      return {
        totalCount: total,
        processingTimeMs: res.processingTimeMs,
        edges: res.hits.map((hit, i) => ({ cursor: encodeCursor(offset + i), node: toHit(hit) })),
        pageInfo: {
          hasNextPage: offset + res.hits.length < Math.min(total, SEARCH_LIMITS.maxOffset),
          endCursor: res.hits.length ? encodeCursor(offset + res.hits.length - 1) : null,
        },
        facets: presentFacets(res.facetDistribution ?? {}, departments),
      };
    },

    async suggest(_parent, args, ctx) {
      const prefix = BadUserInputError.parse(queryText(50), args.prefix, ['prefix']);
      const limit = pageSize(args.limit, SEARCH_LIMITS.maxSuggest, 'limit', 6);
      if (prefix === '') return [];
      const locale = localeOf(args.locale);
      const res = await ctx.services.search.search(prefix, {
        filter: SearchFilter.inLocale(locale).current().ofType(['policy_item', 'hotline_answer', 'policy']).build(),
        attributesToSearchOn: ['title', 'itemCode', 'keywords', 'shortAnswer', 'docNumberNormalized', 'docNumber'],
        attributesToRetrieve: ['id', 'documentId', 'type', 'title', 'shortAnswer', 'departmentName'],
        attributesToHighlight: ['title'],
        limit,
        ...HIGHLIGHT_PARAMS,
      });
      return res.hits.map(toSuggestion);
    },

    async answers(_parent, args, ctx) {
      return (await answerCards(ctx, args)).cards;
    },

    async answerSet(_parent, args, ctx) {
      const { cards, confidence } = await answerCards(ctx, args);
      return { state: answerState(confidence), confidence, threshold: ANSWER_CONFIDENCE_THRESHOLD, cards };
    },

    async policyItem(_parent, args, ctx) {
      const filter = SearchFilter.inLocale(localeOf(args.locale)).ofType('policy_item');
      if (args.id != null) {
        filter.is('documentId', BadUserInputError.parse(documentIdSchema, args.id, ['id']));
      } else if (args.department != null && args.code != null) {
        const dept = BadUserInputError.parse(queryText(40), args.department, ['department']);
        const code = BadUserInputError.parse(queryText(40), args.code, ['code']);
        filter.is('departmentCode', dept).is('itemCode', code);
      } else {
        throw BadUserInputError.single(['id'], 'invalid_arguments', '请提供 id，或同时提供 department 与 code (give id, or department and code)');
      }
      const doc = await findOne(ctx, filter);
      if (!doc) throw new NotFoundError('未找到该政策条目 (no published policy item with that id in this locale)');
      return presentPolicyItem(doc);
    },

    async policy(_parent, args, ctx) {
      const locale = localeOf(args.locale);
      const id = BadUserInputError.parse(documentIdSchema, args.id, ['id']);
      const [policyRes, itemsRes, interpretationsRes] = await ctx.services.search.multiSearch([
        { q: '', filter: SearchFilter.inLocale(locale).ofType('policy').is('documentId', id).build(), limit: 1 },
        { q: '', filter: SearchFilter.inLocale(locale).ofType('policy_item').is('policyDocumentId', id).build(), limit: 200, attributesToRetrieve: [...LIST_FIELDS] },
        { q: '', filter: SearchFilter.inLocale(locale).ofType('interpretation').is('policyDocumentId', id).build(), limit: 100, attributesToRetrieve: [...LIST_FIELDS] },
      ]);
      const doc = policyRes?.hits[0];
      if (!doc) throw new NotFoundError('未找到该政策文件 (no published policy with that id in this locale)');
      return presentPolicy(doc, itemsRes?.hits ?? [], interpretationsRes?.hits ?? []);
    },

    async interpretation(_parent, args, ctx) {
      const locale = localeOf(args.locale);
      const id = BadUserInputError.parse(documentIdSchema, args.id, ['id']);
      const doc = await findOne(ctx, SearchFilter.inLocale(locale).ofType('interpretation').is('documentId', id));
      if (!doc) throw new NotFoundError('未找到该政策解读 (no published interpretation with that id in this locale)');
      const items = doc.relatedItemDocumentIds.length
        ? (
            await ctx.services.search.search('', {
              filter: SearchFilter.inLocale(locale).ofType('policy_item').oneOf('documentId', doc.relatedItemDocumentIds).build(),
              limit: doc.relatedItemDocumentIds.length,
              attributesToRetrieve: [...LIST_FIELDS],
            })
          ).hits
        : [];
      return presentInterpretation(doc, items);
    },

    async departments(_parent, args, ctx) {
      return ctx.services.departments.list(localeOf(args.locale));
    },
  },
};
