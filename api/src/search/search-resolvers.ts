// Policy search, suggestions, the hotline answer card and detail reads, all served from the
// Meilisearch index (search-only key). Detail reads never touch the CMS: search-sync keeps the
// published content, markdown sources included, in the index within a second of publishing, so the
// index is the read model and its freshness is the sync's freshness.
import { z } from 'zod';
import { SEARCH_FACETS, SUBJECTS, TOPICS, VALIDITY, type SearchDocument, type SearchDocumentType, type SearchLocale } from '@zone/schemas';
import { BadUserInputError, NotFoundError } from '../errors/index.ts';
import type { ApiContext } from '../graphql/context.ts';
import { enumResolver } from '../graphql/enum-map.ts';
import type { Resolvers } from '../graphql/generated/resolvers-types.ts';
import { shanghaiDate } from '../clock/shanghai-time.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { DepartmentRef } from './department-directory.ts';
import { HIGHLIGHT_PARAMS, MATCH_START, toSafeHighlight } from './highlight.ts';
import { renderMarkdown } from './rich-text.ts';
import { SEARCH_LIMITS, SORTS, buildFilter, filterSchema, localeOf, pageSize, parseOrThrow, queryText } from './search-input.ts';
import type { SearchDocumentHit } from './search-index.ts';
import { planQuery } from './ranking/query-plan.ts';
import { rankedSearch } from './ranking/ranked-search.ts';
import { answerCardReviews } from './answer-review.ts';
import { ANSWER_CONFIDENCE_THRESHOLD, confidenceLevel, mentionsAmount, type AnswerState } from './ranking/answer-confidence.ts';

const TYPE_LABELS: Record<SearchDocumentType, string> = {
  policy_item: '政策条目',
  interpretation: '政策解读',
  hotline_answer: '热线口径',
  policy: '政策文件',
};

// Strapi documentIds are short lower-case alphanumerics; anything else cannot exist.
const documentIdSchema = z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'id 格式不正确 (id is not a document id)');

function department(doc: SearchDocument): DepartmentRef | null {
  if (!doc.departmentCode) return null;
  return { code: doc.departmentCode, name: doc.departmentName ?? doc.departmentCode, shortName: doc.departmentShortName, phone: doc.departmentPhone };
}

function formatted(hit: SearchDocumentHit, field: keyof SearchDocument): string | undefined {
  const value = hit._formatted?.[field];
  return typeof value === 'string' ? value : undefined;
}

/** The passage to show under a hit: where the query matched, else the summary's start. */
function snippet(hit: SearchDocumentHit): string {
  const order: Array<keyof SearchDocument> = hit.type === 'hotline_answer' ? ['shortAnswer', 'summary', 'body'] : ['summary', 'body', 'shortAnswer'];
  const texts = order.map((f) => formatted(hit, f)).filter((t): t is string => Boolean(t));
  const matched = texts.find((t) => t.includes(MATCH_START));
  return toSafeHighlight(matched ?? texts[0] ?? '');
}

function toHit(hit: SearchDocumentHit) {
  return {
    id: hit.id,
    documentId: hit.documentId,
    type: hit.type,
    locale: hit.locale,
    title: hit.title,
    highlightedTitle: toSafeHighlight(formatted(hit, 'title') ?? hit.title),
    snippet: snippet(hit),
    department: department(hit),
    validity: hit.validity,
    maxAmount: hit.maxAmount,
    applicationStart: hit.applicationStart,
    applicationEnd: hit.applicationEnd,
    itemCode: hit.itemCode,
    docNumber: hit.docNumber,
    policyTitle: hit.policyTitle,
    policyDocumentId: hit.policyDocumentId,
    shortAnswer: hit.shortAnswer,
  };
}

function sourceLink(doc: Pick<SearchDocument, 'type' | 'documentId' | 'title' | 'itemCode'>) {
  return { type: doc.type, documentId: doc.documentId, title: doc.title, itemCode: doc.itemCode };
}

function policyLink(doc: SearchDocument) {
  return doc.policyDocumentId && doc.policyTitle && doc.type !== 'policy'
    ? { type: 'policy' as const, documentId: doc.policyDocumentId, title: doc.policyTitle, itemCode: null }
    : null;
}

/** Markdown source of a section, as search-sync stores it (`sections`), rendered for display. */
function section(doc: SearchDocument, key: string) {
  const sections = (doc as SearchDocument & { sections?: Record<string, string> }).sections;
  return renderMarkdown(sections?.[key]);
}

const LIST_FIELDS = ['type', 'documentId', 'title', 'itemCode', 'order'] as const;

/** What a search hit shows: everything but the long text (only its cropped snippet) and the markdown sources. */
const HIT_FIELDS: Array<keyof SearchDocument> = [
  'id', 'documentId', 'type', 'locale', 'title', 'summary', 'shortAnswer', 'body', 'itemCode',
  'departmentCode', 'departmentName', 'departmentShortName', 'departmentPhone', 'validity', 'maxAmount',
  'applicationStart', 'applicationEnd', 'docNumber', 'policyTitle', 'policyDocumentId', 'relatedItemDocumentIds',
];

async function findOne(ctx: ApiContext, filter: string[]): Promise<SearchDocumentHit | undefined> {
  const res = await ctx.services.search.search('', { filter, limit: 1 });
  return res.hits[0];
}

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function applicationOpen(doc: SearchDocument, today: string): boolean | null {
  if (!doc.applicationStart && !doc.applicationEnd) return null;
  return (!doc.applicationStart || doc.applicationStart <= today) && (!doc.applicationEnd || today <= doc.applicationEnd);
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

/** The hotline's cards for a caller's question (answers and answerSet), on the same ranked path as search. */
async function answerCards(ctx: ApiContext, args: { query: string; locale?: SearchLocale | null; limit?: number | null }) {
  const query = parseOrThrow(queryText(), args.query, ['query']);
  const limit = pageSize(args.limit, SEARCH_LIMITS.maxAnswers, 'limit', 3);
  if (query === '') throw BadUserInputError.single(['query'], 'too_small', '请输入来电问题 (query must not be empty)');
  const locale = localeOf(args.locale);
  const base = [`locale = ${quote(locale)}`, 'validity = "valid"'];
  const plan = planQuery(query);
  // The 口径 written for the hotline first, then the policy items themselves (both searches in parallel).
  const [answersRes, itemsRes] = await Promise.all([
    rankedSearch(ctx.services.search, plan, { filter: [...base, 'type = "hotline_answer"'], limit, showRankingScore: true }),
    rankedSearch(ctx.services.search, plan, { filter: [...base, 'type = "policy_item"'], limit, showRankingScore: true }),
  ]);
  const picked = [...answersRes.hits, ...itemsRes.hits].slice(0, limit);
  const confidence = Math.max(0, ...picked.map((h) => h._rankingScore ?? 0));
  ctx.searchGaps.searched(query, locale);
  // A question without a good answer is a knowledge gap, whether nothing was found or only weak cards.
  if (picked.length === 0) ctx.searchGaps.zeroResult(query, locale);
  else if (confidence < ANSWER_CONFIDENCE_THRESHOLD) ctx.searchGaps.noGoodAnswer(query, locale);
  const relatedIds = [...new Set(picked.flatMap((h) => h.relatedItemDocumentIds))];
  const related = relatedIds.length
    ? (await ctx.services.search.search('', { filter: [`locale = ${quote(locale)}`, 'type = "policy_item"', `documentId IN [${relatedIds.map(quote).join(', ')}]`], limit: relatedIds.length })).hits
    : [];
  const today = shanghaiDate(ctx.services.clock.now());
  const reviews = await answerCardReviews(ctx, picked, locale);
  const cards = picked.map((hit) => {
    const readOut = hit.type === 'hotline_answer' ? (hit.shortAnswer ?? hit.summary) : hit.summary || hit.title;
    const items = hit.type === 'hotline_answer' ? related.filter((r) => hit.relatedItemDocumentIds.includes(r.documentId)) : [hit];
    // The badges come from the item the card cites, never from another item linked to the same
    // answer: the one linked item, or the one whose amount the read-out states. Otherwise none, so a
    // card never reads 30万 under a 100万 badge.
    const cited =
      hit.type !== 'hotline_answer'
        ? hit
        : items.length === 1
          ? items[0]!
          : (items.filter((r) => r.maxAmount != null && mentionsAmount(readOut, r.maxAmount)).sort((a, b) => (a.itemCode ?? '').localeCompare(b.itemCode ?? ''))[0] ?? null);
    const score = hit._rankingScore ?? 0;
    return {
      type: hit.type,
      documentId: hit.documentId,
      title: hit.title,
      readOut,
      department: department(hit),
      badges: {
        maxAmount: cited?.maxAmount ?? null,
        applicationStart: cited?.applicationStart ?? null,
        applicationEnd: cited?.applicationEnd ?? null,
        applicationOpen: cited ? applicationOpen(cited, today) : null,
        validity: (cited ?? hit).validity,
      },
      sourceItems: hit.type === 'hotline_answer' ? [...items].sort((a, b) => (a.itemCode ?? '').localeCompare(b.itemCode ?? '')).map(sourceLink) : [],
      sourcePolicy: policyLink(cited ?? hit),
      badgeItem: cited ? sourceLink(cited) : null,
      confidence: score,
      confidenceLevel: confidenceLevel(score),
      ...reviews(hit),
    };
  });
  return { cards, confidence };
}

export const searchResolvers: Resolvers = {
  SearchDocumentType: enumResolver(['policy_item', 'interpretation', 'hotline_answer', 'policy'] as const),
  Validity: enumResolver(['valid', 'expired', 'repealed'] as const),
  PolicySubject: enumResolver(Object.keys(SUBJECTS) as Array<keyof typeof SUBJECTS>),
  Locale: { ZH_HANS: 'zh-Hans', EN: 'en' },

  Query: {
    async search(_parent, args, ctx) {
      const query = parseOrThrow(queryText(), args.query, ['query']);
      const filter = parseOrThrow(filterSchema, args.filter ?? {}, ['filter']);
      const first = pageSize(args.first, SEARCH_LIMITS.maxPageSize, 'first', 10);
      const offset = decodeCursor(args.after);
      const locale = localeOf(filter.locale);
      const res = await rankedSearch(ctx.services.search, planQuery(query), {
        filter: buildFilter(filter, locale),
        facets: [...SEARCH_FACETS],
        offset,
        limit: first,
        sort: SORTS[args.sort ?? 'RELEVANCE'],
        attributesToRetrieve: HIT_FIELDS,
        attributesToHighlight: ['title', 'summary', 'shortAnswer', 'body'],
        attributesToCrop: ['summary', 'body', 'shortAnswer'],
        cropLength: 40,
        showRankingScore: true,
        ...HIGHLIGHT_PARAMS,
      });
      const total = res.totalHits;
      if (query !== '') {
        ctx.searchGaps.searched(query, locale);
        // A knowledge gap: nothing found, or (first page) only hits below the answer threshold.
        if (total === 0) ctx.searchGaps.zeroResult(query, locale);
        else if (offset === 0 && (res.hits[0]?._rankingScore ?? 1) < ANSWER_CONFIDENCE_THRESHOLD) ctx.searchGaps.noGoodAnswer(query, locale);
      }
      const distribution = res.facetDistribution ?? {};
      const departments = await ctx.services.departments.list(locale);
      // Values are what the filter takes back: enum names (POLICY_ITEM, VALID …), department codes as they are.
      const facet = (attribute: string, label: (value: string) => string, asEnum = true) =>
        Object.entries(distribution[attribute] ?? {})
          .map(([value, count]) => ({ value: asEnum ? value.toUpperCase() : value, label: label(value), count }))
          .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
      return {
        totalCount: total,
        processingTimeMs: res.processingTimeMs,
        edges: res.hits.map((hit, i) => ({ cursor: encodeCursor(offset + i), node: toHit(hit) })),
        pageInfo: {
          hasNextPage: offset + res.hits.length < Math.min(total, SEARCH_LIMITS.maxOffset),
          endCursor: res.hits.length ? encodeCursor(offset + res.hits.length - 1) : null,
        },
        facets: {
          type: facet('type', (v) => TYPE_LABELS[v as SearchDocumentType] ?? v),
          department: facet('departmentCode', (v) => departments.find((d) => d.code === v)?.name ?? v, false),
          topic: facet('topics', (v) => TOPICS[v as keyof typeof TOPICS] ?? v),
          subject: facet('subjects', (v) => SUBJECTS[v as keyof typeof SUBJECTS] ?? v),
          validity: facet('validity', (v) => VALIDITY[v as keyof typeof VALIDITY] ?? v),
        },
      };
    },

    async suggest(_parent, args, ctx) {
      const prefix = parseOrThrow(queryText(50), args.prefix, ['prefix']);
      const limit = pageSize(args.limit, SEARCH_LIMITS.maxSuggest, 'limit', 6);
      if (prefix === '') return [];
      const locale = localeOf(args.locale);
      const res = await ctx.services.search.search(prefix, {
        filter: [`locale = ${quote(locale)}`, 'validity = "valid"', 'type IN ["policy_item", "hotline_answer", "policy"]'],
        attributesToSearchOn: ['title', 'itemCode', 'keywords', 'shortAnswer', 'docNumberNormalized', 'docNumber'],
        attributesToRetrieve: ['id', 'documentId', 'type', 'title', 'shortAnswer', 'departmentName'],
        attributesToHighlight: ['title'],
        limit,
        ...HIGHLIGHT_PARAMS,
      });
      return res.hits.map((hit) => ({
        text: hit.title,
        highlighted: toSafeHighlight(formatted(hit, 'title') ?? hit.title),
        type: hit.type,
        documentId: hit.documentId,
        shortAnswer: hit.shortAnswer ?? null,
        departmentName: hit.departmentName ?? null,
      }));
    },

    async answers(_parent, args, ctx) {
      return (await answerCards(ctx, args)).cards;
    },

    async answerSet(_parent, args, ctx) {
      const { cards, confidence } = await answerCards(ctx, args);
      const state: AnswerState = confidence >= ANSWER_CONFIDENCE_THRESHOLD ? 'ANSWERED' : 'NO_GOOD_ANSWER';
      return { state, confidence, threshold: ANSWER_CONFIDENCE_THRESHOLD, cards };
    },

    async policyItem(_parent, args, ctx) {
      const locale = localeOf(args.locale);
      let filter: string[];
      if (args.id != null) {
        const id = parseOrThrow(documentIdSchema, args.id, ['id']);
        filter = [`documentId = ${quote(id)}`];
      } else if (args.department != null && args.code != null) {
        const dept = parseOrThrow(queryText(40), args.department, ['department']);
        const code = parseOrThrow(queryText(40), args.code, ['code']);
        filter = [`departmentCode = ${quote(dept)}`, `itemCode = ${quote(code)}`];
      } else {
        throw BadUserInputError.single(['id'], 'invalid_arguments', '请提供 id，或同时提供 department 与 code (give id, or department and code)');
      }
      const doc = await findOne(ctx, [`locale = ${quote(locale)}`, 'type = "policy_item"', ...filter]);
      if (!doc) throw new NotFoundError('未找到该政策条目 (no published policy item with that id in this locale)');
      return {
        documentId: doc.documentId,
        locale: doc.locale,
        itemCode: doc.itemCode ?? '',
        title: doc.title,
        summary: doc.summary || null,
        department: department(doc),
        policy: policyLink(doc),
        validity: doc.validity,
        eligibility: section(doc, 'eligibility'),
        supportStandard: section(doc, 'supportStandard'),
        maxAmount: doc.maxAmount,
        requiredMaterials: section(doc, 'requiredMaterials'),
        procedure: section(doc, 'procedure'),
        applicationStart: doc.applicationStart,
        applicationEnd: doc.applicationEnd,
        effectiveUntil: doc.effectiveUntil,
        contact: doc.contact,
        subjects: doc.subjects as Array<keyof typeof SUBJECTS>,
        topics: doc.topics as Array<keyof typeof TOPICS>,
        industries: doc.industries,
        keywords: doc.keywords,
      };
    },

    async policy(_parent, args, ctx) {
      const locale = localeOf(args.locale);
      const id = parseOrThrow(documentIdSchema, args.id, ['id']);
      const inLocale = `locale = ${quote(locale)}`;
      const [policyRes, itemsRes, interpretationsRes] = await ctx.services.search.multiSearch([
        { q: '', filter: [inLocale, 'type = "policy"', `documentId = ${quote(id)}`], limit: 1 },
        { q: '', filter: [inLocale, 'type = "policy_item"', `policyDocumentId = ${quote(id)}`], limit: 200, attributesToRetrieve: [...LIST_FIELDS] },
        { q: '', filter: [inLocale, 'type = "interpretation"', `policyDocumentId = ${quote(id)}`], limit: 100, attributesToRetrieve: [...LIST_FIELDS] },
      ]);
      const doc = policyRes?.hits[0];
      if (!doc) throw new NotFoundError('未找到该政策文件 (no published policy with that id in this locale)');
      return {
        documentId: doc.documentId,
        locale: doc.locale,
        title: doc.title,
        docNumber: doc.docNumber,
        department: department(doc),
        coIssuingDepartments: doc.coDepartmentCodes,
        issueDate: doc.issueDate,
        effectiveFrom: doc.effectiveFrom,
        effectiveUntil: doc.effectiveUntil,
        validity: doc.validity,
        summary: doc.summary || null,
        body: section(doc, 'body'),
        items: (itemsRes?.hits ?? []).map(sourceLink).sort((a, b) => (a.itemCode ?? '').localeCompare(b.itemCode ?? '')),
        interpretations: (interpretationsRes?.hits ?? []).map(sourceLink),
      };
    },

    async interpretation(_parent, args, ctx) {
      const locale = localeOf(args.locale);
      const id = parseOrThrow(documentIdSchema, args.id, ['id']);
      const doc = await findOne(ctx, [`locale = ${quote(locale)}`, 'type = "interpretation"', `documentId = ${quote(id)}`]);
      if (!doc) throw new NotFoundError('未找到该政策解读 (no published interpretation with that id in this locale)');
      const items = doc.relatedItemDocumentIds.length
        ? (
            await ctx.services.search.search('', {
              filter: [`locale = ${quote(locale)}`, 'type = "policy_item"', `documentId IN [${doc.relatedItemDocumentIds.map(quote).join(', ')}]`],
              limit: doc.relatedItemDocumentIds.length,
              attributesToRetrieve: [...LIST_FIELDS],
            })
          ).hits
        : [];
      return {
        documentId: doc.documentId,
        locale: doc.locale,
        title: doc.title,
        department: department(doc),
        policy: policyLink(doc),
        items: items.map(sourceLink),
        body: section(doc, 'body'),
      };
    },

    async departments(_parent, args, ctx) {
      return ctx.services.departments.list(localeOf(args.locale as SearchLocale | null | undefined));
    },
  },
};

