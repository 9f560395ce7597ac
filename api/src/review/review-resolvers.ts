// GraphQL for 待复核 (schemas/graphql/review.graphql).
import type { Resolvers } from '../graphql/generated/resolvers-types.ts';
import { localeOf } from '../search/search-input.ts';
import { knowledgeReview } from '../report/compute/knowledge-review.ts';
import { reviewQueue } from './review-queue.ts';

export const reviewResolvers = {
  Query: {
    reviewQueue: (_parent, args, ctx) => reviewQueue(ctx, { department: args.department, withinWorkingDays: args.withinWorkingDays, locale: localeOf(args.locale) }),
  },
  // The report's knowledge section is resolved from the index only when asked for (the parent already passed the role check).
  LeadingGroupReport: {
    knowledgeReview: (parent, _args, ctx) => knowledgeReview(ctx.services.search, parent.month),
  },
} satisfies Resolvers;
