// The calendar over GraphQL: public queries (the hotline tells a caller the answer date), and the
// office-only override mutations, so a new year's schedule needs no release.
import { requireActor } from '../auth/require-actor.ts';
import { BadUserInputError } from '../errors/index.ts';
import type { Resolvers } from '../graphql/generated/resolvers-types.ts';
import { listOverrides, removeOverride, setOverride, setOverrides, yearCoverage } from './calendar-store.ts';
import { shanghaiDate } from '../clock/shanghai-time.ts';
import { singleLine } from '../petitions/validation/text-fields.ts';
import { calendarDate, calendarInstant, workingDayCount } from './calendar-input.ts';

/** A 国办 notice lists about 30 dates a year; 100 leaves room and bounds the transaction. */
const MAX_BULK_OVERRIDES = 100;

export type { CalendarParent } from './calendar-parent.ts';

export const calendarResolvers = {
  Query: {
    calendar: () => ({}),
  },
  Calendar: {
    isWorkingDay: async (_parent, a, ctx) => (await ctx.calendar()).isWorkingDay(calendarDate(a.date, 'date')),
    addWorkingDays: async (_parent, a, ctx) => {
      const from = calendarDate(a.from, 'from');
      const days = workingDayCount(a.days, 'days');
      return (await ctx.calendar()).addWorkingDays(from, days);
    },
    workingDaysBetween: async (_parent, a, ctx) => {
      calendarDate(a.a, 'a');
      calendarDate(a.b, 'b');
      if (Math.abs(Date.parse(a.a) - Date.parse(a.b)) > 10 * 366 * 86_400_000) {
        throw BadUserInputError.single(['b'], 'range_too_long', '日期区间不能超过 10 年 (range longer than 10 years)');
      }
      return (await ctx.calendar()).workingDaysBetween(a.a, a.b);
    },
    deadline: async (_parent, a, ctx) => {
      const receivedAt = calendarInstant(a.receivedAt, 'receivedAt');
      const days = workingDayCount(a.days, 'days');
      return (await ctx.calendar()).deadline(receivedAt, days).toISOString();
    },
    coveredYears: async (_parent, _args, ctx) => [...(await ctx.calendar()).coveredYears],
    overrides: (_parent, a, ctx) => listOverrides(ctx.services.db, a.from ?? undefined, a.to ?? undefined),
    coverage: async (_parent, _args, ctx) => {
      const year = Number(shanghaiDate(ctx.services.clock.now()).slice(0, 4));
      return yearCoverage(ctx.services.db, (await ctx.calendar()).coveredYears, [year, year + 1]);
    },
  },
  Mutation: {
    setCalendarOverride: async (_parent, a, ctx) => {
      const actor = requireActor(ctx.actor, ['office'] as const);
      calendarDate(a.date, 'date');
      const note = BadUserInputError.parse(singleLine('说明', 200), a.note, ['note']);
      return setOverride(ctx.services.db, {
        date: a.date,
        working: a.working,
        note,
        updatedAt: ctx.services.clock.now().toISOString(),
        updatedBy: actor.id,
      });
    },
    setCalendarOverrides: async (_parent, a, ctx) => {
      const actor = requireActor(ctx.actor, ['office'] as const);
      if (a.overrides.length === 0 || a.overrides.length > MAX_BULK_OVERRIDES) {
        throw BadUserInputError.single(['overrides'], 'count', `一次须录入 1 至 ${MAX_BULK_OVERRIDES} 个日期 (1–${MAX_BULK_OVERRIDES} dates)`);
      }
      const seen = new Set<string>();
      a.overrides.forEach((o, i) => {
        calendarDate(o.date, `overrides.${i}.date`);
        if (seen.has(o.date)) throw BadUserInputError.single(['overrides', String(i), 'date'], 'duplicate', `日期 ${o.date} 重复 (date listed twice)`);
        seen.add(o.date);
      });
      const note = BadUserInputError.parse(singleLine('说明', 200), a.note, ['note']);
      const updatedAt = ctx.services.clock.now().toISOString();
      return setOverrides(
        ctx.services.db,
        a.overrides.map((o) => ({ date: o.date, working: o.working, note, updatedAt, updatedBy: actor.id })),
      );
    },
    removeCalendarOverride: (_parent, a, ctx) => {
      requireActor(ctx.actor, ['office'] as const);
      return removeOverride(ctx.services.db, a.date);
    },
  },
} satisfies Resolvers;
