// The calendar's inputs, checked before any counting: a date within CALENDAR_RANGE and a count of
// working days in [1, 366]. Outside them the api answers BAD_USER_INPUT naming the field, never a
// scan over centuries (a 500) or a date in year 0 or 10000.
import { CALENDAR_RANGE as R } from '@zone/schemas';
import { z } from 'zod';
import { BadUserInputError } from '../errors/index.ts';
import { shanghaiDate } from '../clock/shanghai-time.ts';

const outOfRange = `日期须在 ${R.firstDate} 至 ${R.lastDate} 之间 (the calendar covers ${R.firstDate} to ${R.lastDate})`;

const CalendarDate = z.string().refine((d) => d >= R.firstDate && d <= R.lastDate, outOfRange);

const WorkingDays = z
  .number()
  .int('工作日数须为整数 (whole working days)')
  .min(R.minWorkingDays, `工作日数至少为 ${R.minWorkingDays} (days ≥ ${R.minWorkingDays})`)
  .max(R.maxWorkingDays, `工作日数至多为 ${R.maxWorkingDays} (days ≤ ${R.maxWorkingDays})`);

/** A Shanghai date (already a real YYYY-MM-DD, from the Date scalar) within the calendar's range. */
export function calendarDate(value: string, field: string): string {
  return BadUserInputError.parse(CalendarDate, value, [field]);
}

/** An instant (from the DateTime scalar) whose Shanghai date is within the calendar's range. */
export function calendarInstant(value: string, field: string): Date {
  const instant = new Date(value);
  BadUserInputError.parse(CalendarDate, Number.isNaN(instant.getTime()) ? '' : shanghaiDate(instant), [field]);
  return instant;
}

/** A count of working days, 1–366: "within 0 working days" is no deadline. */
export function workingDayCount(value: unknown, field: string): number {
  return BadUserInputError.parse(WorkingDays, value, [field]);
}
