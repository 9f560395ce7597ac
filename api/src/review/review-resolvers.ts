// GraphQL for 待复核 (schemas/graphql/review.graphql).
import type { Resolvers } from '../graphql/generated/resolvers-types.ts';
import { localeOf } from '../search/search-input.ts';
import { reviewQueue } from './review-queue.ts';

export const reviewResolvers = {
  Query: {
    reviewQueue: (_parent, args, ctx) => reviewQueue(ctx, { department: args.department, withinWorkingDays: args.withinWorkingDays, locale: localeOf(args.locale) }),
  },
} satisfies Resolvers;
