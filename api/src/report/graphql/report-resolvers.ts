// GraphQL resolvers of the monthly report (schemas/graphql/report.graphql).
import type { ApiContext } from '../../graphql/context.ts';
import type { Resolvers } from '../../graphql/generated/resolvers-types.ts';
import { monthlyReportFor } from '../compute/monthly-report.ts';

export const reportResolvers = {
  Query: {
    monthlyReport: (_: unknown, a: { month: string }, ctx: ApiContext) => monthlyReportFor(ctx.services.petitions, ctx.actor, a.month, { matchItems: async () => (await ctx.services.matching.source.current()).prepared }),
  },
} satisfies Resolvers;
