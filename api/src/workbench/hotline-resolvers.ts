// The 96871 agent tells the caller when the answer will come (第七、十条). Until the office
// classifies the petition it is a consultation (咨询类), which the office answers directly; the
// date comes from the api's working-day calendar, never from the agent's browser.
import { PETITION_CATEGORIES } from '@zone/schemas';
import { shanghaiDate } from '../clock/shanghai-time.ts';
import type { Resolvers } from '../graphql/generated/resolvers-types.ts';

const HOTLINE_CATEGORY = 'consultation' as const;

export const hotlineResolvers = {
  Petition: {
    hotlineReplyPromise: async (p, _args, ctx) => {
      if (p.channel !== 'hotline_96871') return null;
      const workingDays = PETITION_CATEGORIES[HOTLINE_CATEGORY].workingDays;
      const dueAt = (await ctx.calendar()).deadline(new Date(p.receivedAt), workingDays);
      return { category: HOTLINE_CATEGORY, workingDays, dueAt: dueAt.toISOString(), dueDate: shanghaiDate(dueAt) };
    },
  },
} satisfies Resolvers;
