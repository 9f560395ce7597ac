// 口径 and interpretations cite policy items at a version (cms/src/citations): the item's published
// revision, its latest publication time over its locales — the definition final petition answers use
// (petitions/handling/policy-catalog.ts). This reads, from the index, which revision each entry relies
// on, whether that is still current, and the 待复核 state the CMS recorded.
import type { SearchDocument, SearchLocale } from '@zone/schemas';
import type { SearchIndex } from '../search/search-index.ts';

export const REVIEW_WARNING = '所引政策条目已变更，口径待复核';

export interface CitedItemView {
  documentId: string;
  title: string | null;
  itemCode: string | null;
  version: string | null;
  current: boolean | null;
}

export type ReviewStatus = 'CURRENT' | 'PENDING';

export interface EntryReviewView {
  status: ReviewStatus;
  warning: string | null;
  reason: string | null;
  flaggedAt: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
}

type CitingDoc = Pick<SearchDocument, 'type' | 'relatedItemDocumentIds'> & Partial<Pick<SearchDocument, 'citedVersions' | 'reviewStatus' | 'reviewReason' | 'flaggedAtTs' | 'reviewedAtTs' | 'reviewedBy'>>;

function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

interface ItemNow { version: string; title: string; itemCode: string | null; inLocale: boolean }

/** The cited items as the index has them now: current revision, and the title in `locale` when published in it. */
async function itemsNow(search: SearchIndex, ids: readonly string[], locale: SearchLocale): Promise<Map<string, ItemNow>> {
  const out = new Map<string, ItemNow>();
  if (ids.length === 0) return out;
  const res = await search.search('', {
    filter: ['type = "policy_item"', `documentId IN [${ids.map(quote).join(', ')}]`],
    attributesToRetrieve: ['documentId', 'title', 'itemCode', 'locale', 'publishedAtTs'],
    limit: ids.length * 2,
  });
  for (const h of res.hits) {
    const iso = new Date(h.publishedAtTs).toISOString();
    const seen = out.get(h.documentId);
    const inLocale = h.locale === locale;
    out.set(h.documentId, {
      version: !seen || iso > seen.version ? iso : seen.version,
      title: !seen || (inLocale && !seen.inLocale) ? h.title : seen.title,
      itemCode: h.itemCode ?? seen?.itemCode ?? null,
      inLocale: inLocale || (seen?.inLocale ?? false),
    });
  }
  return out;
}

const iso = (ts: number | null | undefined) => (typeof ts === 'number' ? new Date(ts).toISOString() : null);

/** Citations and review state of each citing document (items and policies get none). */
export async function reviewsOf(search: SearchIndex, docs: readonly CitingDoc[], locale: SearchLocale): Promise<Array<{ citations: CitedItemView[]; review: EntryReviewView | null }>> {
  const citing = (d: CitingDoc) => d.type === 'hotline_answer' || d.type === 'interpretation';
  const ids = [...new Set(docs.filter(citing).flatMap((d) => d.relatedItemDocumentIds))];
  const now = await itemsNow(search, ids, locale);
  return docs.map((d) => {
    if (!citing(d)) return { citations: [], review: null };
    const citations = d.relatedItemDocumentIds.map((id): CitedItemView => {
      const version = d.citedVersions?.[id] ?? null;
      const item = now.get(id);
      return { documentId: id, title: item?.title ?? null, itemCode: item?.itemCode ?? null, version, current: version === null ? null : item?.version === version };
    });
    const pending = d.reviewStatus === 'pending';
    // Conservative for the hotline: an outdated citation warns even before the flag reaches the index.
    const outdated = citations.some((c) => c.current === false);
    return {
      citations,
      review: {
        status: pending ? 'PENDING' : 'CURRENT',
        warning: pending || outdated ? REVIEW_WARNING : null,
        reason: pending ? (d.reviewReason ?? null) : null,
        flaggedAt: pending ? iso(d.flaggedAtTs) : null,
        reviewedAt: iso(d.reviewedAtTs),
        reviewedBy: d.reviewedBy ?? null,
      },
    };
  });
}
