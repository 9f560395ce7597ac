// The body of a match notice as the platform receives it (JSON, signed; see webhook.ts).
import type { PolicyMatch } from '@zone/schemas';

export interface MatchNoticePayload {
  type: 'policy_match';
  noticeId: string;
  uscc: string;
  matchedAt: string;
  verdict: 'ELIGIBLE';
  item: {
    documentId: string;
    itemCode: string | null;
    title: string;
    departmentCode: string | null;
    departmentName: string | null;
    maxAmount: number | null;
    applicationStart: string | null;
    applicationEnd: string | null;
  };
  /** Every condition with the clause it quotes, so the enterprise sees why it fits. */
  conditions: Array<{ description: string; clause: string | null; result: string }>;
}

export function noticePayload(noticeId: string, uscc: string, match: PolicyMatch, matchedAt: string): MatchNoticePayload {
  const i = match.item;
  return {
    type: 'policy_match',
    noticeId,
    uscc,
    matchedAt,
    verdict: 'ELIGIBLE',
    item: {
      documentId: i.documentId,
      itemCode: i.itemCode,
      title: i.title,
      departmentCode: i.departmentCode,
      departmentName: i.departmentName,
      maxAmount: i.maxAmount,
      applicationStart: i.applicationStart,
      applicationEnd: i.applicationEnd,
    },
    conditions: match.conditions.map((c) => ({ description: c.description, clause: c.clause, result: c.result })),
  };
}
