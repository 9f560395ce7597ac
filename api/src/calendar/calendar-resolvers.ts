// The calendar over GraphQL: public queries (the hotline tells a caller the answer date), and the
// office-only override mutations, so a new year's schedule needs no release.
import { z } from 'zod';
import { requireActor } from '../petitions/store/run-command.ts';
import { BadUserInputError } from '../errors/index.ts';
import type { ApiContext } from '../graphql/context.ts';
import type { Resolvers } from '../graphql/generated/resolvers-types.ts';
import { listOverrides, removeOverride, setOverride } from './calendar-store.ts';
import { singleLine } from '../petitions/validation/text-fields.ts';

const Days = z.number().int().min(-366, 'days ≥ -366').max(366, 'days ≤ 366');

function days(value: number): number {
  const r = Days.safeParse(value);
  if (!r.success) throw BadUserInputError.fromZod(r.error, ['days']);
  return r.data;
}

/** The Calendar object has no data of its own: its fields read the request's calendar. */
export type CalendarParent = Record<string, never>;

export const calendarResolvers = {
  Query: {
    calendar: () => ({}),
  },
  Calendar: {
    isWorkingDay: async (_: unknown, a: { date: string }, ctx: ApiContext) => (await ctx.calendar()).isWorkingDay(a.date),
    addWorkingDays: async (_: unknown, a: { from: string; days: number }, ctx: ApiContext) => (await ctx.calendar()).addWorkingDays(a.from, days(a.days)),
    workingDaysBetween: async (_: unknown, a: { a: string; b: string }, ctx: ApiContext) => {
      if (Math.abs(Date.parse(a.a) - Date.parse(a.b)) > 10 * 366 * 86_400_000) {
        throw BadUserInputError.single(['b'], 'range_too_long', '日期区间不能超过 10 年 (range longer than 10 years)');
      }
      return (await ctx.calendar()).workingDaysBetween(a.a, a.b);
    },
    deadline: async (_: unknown, a: { receivedAt: string; days: number }, ctx: ApiContext) =>
      (await ctx.calendar()).deadline(new Date(a.receivedAt), Math.max(0, days(a.days))).toISOString(),
    coveredYears: async (_: unknown, __: unknown, ctx: ApiContext) => [...(await ctx.calendar()).coveredYears],
    overrides: (_: unknown, a: { from?: string | null; to?: string | null }, ctx: ApiContext) =>
      listOverrides(ctx.services.db, a.from ?? undefined, a.to ?? undefined),
  },
  Mutation: {
    setCalendarOverride: async (_: unknown, a: { date: string; working: boolean; note: string }, ctx: ApiContext) => {
      const actor = requireActor(ctx.actor, ['office'] as const);
      const note = singleLine('说明', 200).safeParse(a.note);
      if (!note.success) throw BadUserInputError.fromZod(note.error, ['note']);
      return setOverride(ctx.services.db, {
        date: a.date,
        working: a.working,
        note: note.data,
        updatedAt: ctx.services.clock.now().toISOString(),
        updatedBy: actor.id,
      });
    },
    removeCalendarOverride: (_: unknown, a: { date: string }, ctx: ApiContext) => {
      requireActor(ctx.actor, ['office'] as const);
      return removeOverride(ctx.services.db, a.date);
    },
  },
} satisfies Resolvers;
