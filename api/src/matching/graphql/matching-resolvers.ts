// 政策找企业 over GraphQL. `policyMatches` is open to anyone (nothing is stored); the saved profile,
// its matches and its notices belong to one enterprise, identified by the uscc of its token only, so
// no argument can name another enterprise.
import {
  MATCH_ATTRIBUTES,
  QUALIFICATION_KEYS,
  TAX_CREDIT_RATING_KEYS,
  enterpriseProfileSchema,
  industryLabel,
  matchPolicies,
  type EnterpriseProfile,
  type MatchVerdict,
} from '@zone/schemas';
import { BadUserInputError } from '../../errors/index.ts';
import type { ApiContext } from '../../graphql/context.ts';
import { enumResolver } from '../../graphql/enum-map.ts';
import type { EnterpriseProfileInput, Resolvers } from '../../graphql/generated/resolvers-types.ts';
import { requireActor } from '../../auth/require-actor.ts';
import { getProfile, saveProfile } from '../profile-store.ts';
import type { MatchNoticePayload } from '../push/notice-payload.ts';
import type { PolicyMatchListParent } from './parents.ts';

export type { EnterpriseProfileParent, MatchNoticeParent, NoticeDelivery, PolicyMatchListParent } from './parents.ts';

const NOTICE_PAGE_MAX = 100;

/** GraphQL input → a validated profile; errors name the field (profile.employees …). */
function profileOf(input: EnterpriseProfileInput): EnterpriseProfile {
  return BadUserInputError.parse(enterpriseProfileSchema, input, ['profile']);
}

async function matchList(ctx: ApiContext, profile: EnterpriseProfile, includeClosed: boolean, verdicts: readonly MatchVerdict[] | null | undefined): Promise<PolicyMatchListParent> {
  const { prepared } = await ctx.services.matching.source.current();
  const all = matchPolicies(prepared, profile, { today: ctx.services.matching.today(), includeClosed });
  const counts = { ELIGIBLE: 0, POSSIBLY_ELIGIBLE: 0, NOT_ELIGIBLE: 0 } satisfies Record<MatchVerdict, number>;
  for (const m of all) counts[m.verdict]++;
  const wanted = verdicts && verdicts.length ? new Set(verdicts) : null;
  return { matches: wanted ? all.filter((m) => wanted.has(m.verdict)) : all, counts };
}

const attributeLabel = (key: string) => (MATCH_ATTRIBUTES as Record<string, { label: string } | undefined>)[key]?.label ?? key;

export const matchingResolvers: Resolvers = {
  TaxCreditRating: enumResolver(TAX_CREDIT_RATING_KEYS),
  Qualification: enumResolver(QUALIFICATION_KEYS),
  Query: {
    async policyMatches(_parent, args, ctx) {
      // One unit: matching runs over the cached items in memory, without an index lookup per call.
      ctx.rateLimit(1);
      return matchList(ctx, profileOf(args.profile), args.includeClosed ?? false, args.verdicts);
    },
    async myEnterpriseProfile(_parent, _args, ctx) {
      const actor = requireActor(ctx.actor, ['enterprise'] as const);
      return getProfile(ctx.services.db, actor.uscc);
    },
    async myPolicyMatches(_parent, args, ctx) {
      const actor = requireActor(ctx.actor, ['enterprise'] as const);
      const stored = await getProfile(ctx.services.db, actor.uscc);
      return matchList(ctx, stored?.profile ?? {}, args.includeClosed ?? false, args.verdicts);
    },
    async myMatchNotices(_parent, args, ctx) {
      const actor = requireActor(ctx.actor, ['enterprise'] as const);
      const first = args.first ?? 20;
      if (!Number.isInteger(first) || first < 1 || first > NOTICE_PAGE_MAX) throw BadUserInputError.single(['first'], 'too_big', `first 应在 1–${NOTICE_PAGE_MAX} 之间`);
      const rows = await ctx.services.db
        .selectFrom('policy_match_notices')
        .select(['id', 'payload', 'created_at', 'status', 'delivered_at'])
        .where('uscc', '=', actor.uscc)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(first)
        .execute();
      return rows.map((r) => ({ id: r.id, payload: JSON.parse(r.payload) as MatchNoticePayload, createdAt: r.created_at, status: r.status, deliveredAt: r.delivered_at }));
    },
  },
  Mutation: {
    async saveEnterpriseProfile(_parent, args, ctx) {
      const actor = requireActor(ctx.actor, ['enterprise'] as const);
      const profile = profileOf(args.profile);
      return saveProfile(ctx.services.db, actor.uscc, actor.id, profile, ctx.services.clock.now().toISOString());
    },
  },
  EnterpriseProfile: {
    uscc: (p) => p.uscc,
    subjectType: (p) => p.profile.subjectType ?? null,
    registeredInZone: (p) => p.profile.registeredInZone ?? null,
    industry: (p) => p.profile.industry ?? null,
    industryLabel: (p) => (p.profile.industry ? industryLabel(p.profile.industry) : null),
    yearsEstablished: (p) => p.profile.yearsEstablished ?? null,
    annualRevenue: (p) => p.profile.annualRevenue ?? null,
    annualTaxPaid: (p) => p.profile.annualTaxPaid ?? null,
    employees: (p) => p.profile.employees ?? null,
    rdExpenseRatio: (p) => p.profile.rdExpenseRatio ?? null,
    taxCreditRating: (p) => p.profile.taxCreditRating ?? null,
    qualifications: (p) => p.profile.qualifications ?? null,
    projectInvestment: (p) => p.profile.projectInvestment ?? null,
    updatedAt: (p) => p.updatedAt,
  },
  PolicyMatchList: {
    eligibleCount: (p) => p.counts.ELIGIBLE,
    possiblyEligibleCount: (p) => p.counts.POSSIBLY_ELIGIBLE,
    notEligibleCount: (p) => p.counts.NOT_ELIGIBLE,
    matches: (p) => p.matches,
  },
  PolicyMatch: {
    item: (m) => m.item,
    verdict: (m) => m.verdict,
    window: (m) => m.window,
    conditions: (m) => m.conditions,
    missingFacts: (m) => m.unknownAttributes.map((a) => ({ attribute: a, label: MATCH_ATTRIBUTES[a].label })),
    failingConditions: (m) => m.conditions.filter((c) => c.result === 'NOT_MET'),
  },
  ConditionVerdict: {
    attributeLabel: (c) => attributeLabel(c.attribute),
  },
  MatchNotice: {
    id: (n) => n.id,
    item: (n) => ({ ...n.payload.item, effectiveUntil: null }),
    createdAt: (n) => n.createdAt,
    delivery: (n) => (n.status === 'delivered' ? 'DELIVERED' : n.status === 'parked' ? 'PARKED' : 'PENDING'),
    deliveredAt: (n) => n.deliveredAt,
  },
};
