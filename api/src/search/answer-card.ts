// The hotline's answer card (answers, answerSet): which cards a caller's question gets, which item
// each card cites, the badges read from that item alone, and how sure the card is. A wrong first
// answer is read to a caller as the zone's word, so a weak one is said to be weak and recorded.
import type { SearchDocument } from '@zone/schemas';
import { shanghaiDate } from '../clock/shanghai-time.ts';
import { BadUserInputError } from '../errors/index.ts';
import type { ApiContext } from '../graphql/context.ts';
import type { QueryAnswersArgs } from '../graphql/generated/resolvers-types.ts';
import { answerCardReviews } from './answer-review.ts';
import { byItemCode, department, policyLink, sourceLink } from './presenters.ts';
import { ANSWER_CONFIDENCE_THRESHOLD, confidenceLevel, mentionsAmount, type AnswerState } from './ranking/answer-confidence.ts';
import { planQuery } from './ranking/query-plan.ts';
import { rankedSearch } from './ranking/ranked-search.ts';
import { SearchFilter } from './search-filters.ts';
import type { SearchDocumentHit } from './search-index.ts';
import { SEARCH_LIMITS, localeOf, pageSize, queryText } from './search-input.ts';

/** Whether an item's application window is open on `today` (null when it states none). */
function applicationOpen(doc: SearchDocument, today: string): boolean | null {
  if (!doc.applicationStart && !doc.applicationEnd) return null;
  return (!doc.applicationStart || doc.applicationStart <= today) && (!doc.applicationEnd || today <= doc.applicationEnd);
}

const readOutOf = (hit: SearchDocumentHit) => (hit.type === 'hotline_answer' ? (hit.shortAnswer ?? hit.summary) : hit.summary || hit.title);

/**
 * The item a card's badges come from: an item card cites itself; a 口径 cites its one linked item,
 * or the one whose amount the read-out states. Otherwise none, so a card never reads 30万 under a
 * 100万 badge taken from another item linked to the same answer.
 */
function citedItem(hit: SearchDocumentHit, items: readonly SearchDocument[], readOut: string): SearchDocument | null {
  if (hit.type !== 'hotline_answer') return hit;
  if (items.length === 1) return items[0]!;
  return items.filter((r) => r.maxAmount != null && mentionsAmount(readOut, r.maxAmount)).sort(byItemCode)[0] ?? null;
}

function presentCard(hit: SearchDocumentHit, related: readonly SearchDocument[], today: string) {
  const readOut = readOutOf(hit);
  const items = hit.type === 'hotline_answer' ? related.filter((r) => hit.relatedItemDocumentIds.includes(r.documentId)) : [hit];
  const cited = citedItem(hit, items, readOut);
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
    sourceItems: hit.type === 'hotline_answer' ? [...items].sort(byItemCode).map(sourceLink) : [],
    sourcePolicy: policyLink(cited ?? hit),
    badgeItem: cited ? sourceLink(cited) : null,
    confidence: score,
    confidenceLevel: confidenceLevel(score),
  };
}

/**
 * The hotline's cards for a caller's question (answers and answerSet), on the same ranked path as
 * search; both fields take the same arguments in the SDL.
 */
export async function answerCards(ctx: ApiContext, args: QueryAnswersArgs) {
  const query = BadUserInputError.parse(queryText(), args.query, ['query']);
  const limit = pageSize(args.limit, SEARCH_LIMITS.maxAnswers, 'limit', 3);
  if (query === '') throw BadUserInputError.single(['query'], 'too_small', '请输入来电问题 (query must not be empty)');
  const locale = localeOf(args.locale);
  const plan = planQuery(query);
  // The 口径 written for the hotline first, then the policy items themselves (both searches in parallel).
  const [answersRes, itemsRes] = await Promise.all([
    rankedSearch(ctx.services.search, plan, { filter: SearchFilter.inLocale(locale).current().ofType('hotline_answer').build(), limit, showRankingScore: true }),
    rankedSearch(ctx.services.search, plan, { filter: SearchFilter.inLocale(locale).current().ofType('policy_item').build(), limit, showRankingScore: true }),
  ]);
  const picked = [...answersRes.hits, ...itemsRes.hits].slice(0, limit);
  const confidence = Math.max(0, ...picked.map((h) => h._rankingScore ?? 0));
  ctx.searchGaps.searched(query, locale);
  // A question without a good answer is a knowledge gap, whether nothing was found or only weak cards.
  if (picked.length === 0) ctx.searchGaps.zeroResult(query, locale);
  else if (confidence < ANSWER_CONFIDENCE_THRESHOLD) ctx.searchGaps.noGoodAnswer(query, locale);
  const relatedIds = [...new Set(picked.flatMap((h) => h.relatedItemDocumentIds))];
  const related = relatedIds.length
    ? (await ctx.services.search.search('', { filter: SearchFilter.inLocale(locale).ofType('policy_item').oneOf('documentId', relatedIds).build(), limit: relatedIds.length })).hits
    : [];
  const today = shanghaiDate(ctx.services.clock.now());
  // Each card's cited versions and its 待复核 state (the entry's own review flag).
  const reviews = await answerCardReviews(ctx, picked, locale);
  return { cards: picked.map((hit) => ({ ...presentCard(hit, related, today), ...reviews(hit) })), confidence };
}

/** The answer set's state: a card at or above the threshold can be read out; below, there is no good answer. */
export function answerState(confidence: number): AnswerState {
  return confidence >= ANSWER_CONFIDENCE_THRESHOLD ? 'ANSWERED' : 'NO_GOOD_ANSWER';
}
