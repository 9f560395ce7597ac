// The objects the matching resolvers hand to their field resolvers (codegen's mappers): their own
// module, so the generated resolver types import them without importing the resolvers.
import type { MatchVerdict, PolicyMatch } from '@zone/schemas';
import type { StoredProfile } from '../profile-store.ts';
import type { MatchNoticePayload } from '../push/notice-payload.ts';

export type NoticeDelivery = 'PENDING' | 'DELIVERED' | 'PARKED';
export type EnterpriseProfileParent = StoredProfile;
export interface PolicyMatchListParent {
  matches: PolicyMatch[];
  counts: Record<MatchVerdict, number>;
}
export interface MatchNoticeParent {
  id: string;
  payload: MatchNoticePayload;
  createdAt: string;
  status: 'pending' | 'delivered' | 'parked';
  deliveredAt: string | null;
}
