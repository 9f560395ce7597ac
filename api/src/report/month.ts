// A report month: YYYY-MM of the Asia/Shanghai calendar, its day range and instant range.
import { CALENDAR_RANGE } from '@zone/schemas';
import { z } from 'zod';
import { shanghaiDate, startOfShanghaiDay } from '../clock/shanghai-time.ts';
import { BadUserInputError } from '../errors/index.ts';

export interface ReportMonth {
  /** "2026-10" */
  key: string;
  /** First Shanghai date of the month, "2026-10-01". */
  firstDay: string;
  /** First Shanghai date of the next month (exclusive bound), "2026-11-01". */
  nextFirstDay: string;
  /** Instants [from, to) as ISO UTC text, comparable with the stored timestamps. */
  fromIso: string;
  toIso: string;
}

const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM (month must be YYYY-MM)');

const LAST_MONTH = CALENDAR_RANGE.lastDate.slice(0, 7);

/**
 * A report month: YYYY-MM from the mechanism's first month (2020-03) on, and — given `now` — not
 * after the current Shanghai month (a month that has not begun has nothing to report).
 */
export function parseMonth(raw: unknown, path: (string | number)[] = ['month'], now?: Date): ReportMonth {
  const latest = now ? shanghaiDate(now).slice(0, 7) : LAST_MONTH;
  const schema = MonthSchema.refine(
    (m) => m >= CALENDAR_RANGE.firstReportMonth && m <= latest && m <= LAST_MONTH,
    `月份须在 ${CALENDAR_RANGE.firstReportMonth} 至 ${latest < LAST_MONTH ? latest : LAST_MONTH} 之间 (no report for a month before the mechanism or after the current month)`,
  );
  return reportMonth(BadUserInputError.parse(schema, raw, path));
}

export function reportMonth(key: string): ReportMonth {
  const firstDay = `${key}-01`;
  const nextFirstDay = `${shiftMonth(key, 1)}-01`;
  return {
    key,
    firstDay,
    nextFirstDay,
    fromIso: startOfShanghaiDay(firstDay).toISOString(),
    toIso: startOfShanghaiDay(nextFirstDay).toISOString(),
  };
}

/** The month `n` months after `key` (negative goes back). */
export function shiftMonth(key: string, n: number): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The `count` months ending with `key`, oldest first. */
export function monthsEndingWith(key: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(key, i - count + 1));
}

/** "2026年10月" */
export function monthLabel(key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return `${y}年${m}月`;
}
