// The api operations of the 待复核 screen (schemas/graphql/review.graphql).
export const REVIEW_QUEUE = /* GraphQL */ `
  query ReviewQueue($n: Int) {
    reviewQueue(withinWorkingDays: $n) {
      today until withinWorkingDays
      flagged {
        type documentId title
        department { name }
        review { status reason flaggedAt }
        citations { documentId itemCode title version current }
      }
      expiring { documentId itemCode title department { name } kind date workingDaysLeft }
    }
  }
`;

export interface FlaggedEntry {
  type: 'HOTLINE_ANSWER' | 'INTERPRETATION' | string;
  documentId: string;
  title: string;
  department: { name: string } | null;
  review: { status: string; reason: string | null; flaggedAt: string | null };
  citations: Array<{ documentId: string; itemCode: string | null; title: string | null; version: string | null; current: boolean | null }>;
}

export interface ExpiringItem {
  documentId: string;
  itemCode: string | null;
  title: string;
  department: { name: string } | null;
  kind: 'EFFECTIVE_UNTIL' | 'APPLICATION_END';
  date: string;
  workingDaysLeft: number;
}

export interface ReviewQueueData {
  today: string;
  until: string;
  withinWorkingDays: number;
  flagged: FlaggedEntry[];
  expiring: ExpiringItem[];
}

/** The CMS route that records a review (cms/src/citations/review-routes.ts). */
export const CONFIRM_PATH = '/api-review/confirm';

/** The content-manager edit view of an entry, where the specialist edits it before confirming. */
export function editPath(type: string, documentId: string): string {
  const uid = type === 'INTERPRETATION' ? 'api::interpretation.interpretation' : 'api::hotline-answer.hotline-answer';
  return `/content-manager/collection-types/${uid}/${documentId}`;
}
