// The answer card's citations and 待复核 warning (review/cited-items.ts), one call per set of cards.
import type { SearchLocale } from '@zone/schemas';
import { STAFF_ROLES } from '../auth/issuers.ts';
import type { ApiContext } from '../graphql/context.ts';
import { reviewsOf, type CitedItemView, type EntryReviewView } from '../review/cited-items.ts';
import type { SearchDocumentHit } from './search-index.ts';

export async function answerCardReviews(ctx: ApiContext, hits: readonly SearchDocumentHit[], locale: SearchLocale): Promise<(hit: SearchDocumentHit) => { citations: CitedItemView[]; review: EntryReviewView | null }> {
  // The card is public; who confirmed the 口径 is a staff member's name and e-mail address: staff only.
  const staff = ctx.actor !== null && (STAFF_ROLES as readonly string[]).includes(ctx.actor.role);
  const views = (await reviewsOf(ctx.services.search, hits, locale)).map((v) => (staff || !v.review ? v : { ...v, review: { ...v.review, reviewedBy: null } }));
  const byHit = new Map(hits.map((h, i) => [h, views[i]!]));
  return (hit) => byHit.get(hit) ?? { citations: [], review: null };
}
