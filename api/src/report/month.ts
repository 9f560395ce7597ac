// A report month: YYYY-MM of the Asia/Shanghai calendar, its day range and instant range.
import { z } from 'zod';
import { startOfShanghaiDay } from '../calendar/shanghai-time.ts';
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

export function parseMonth(raw: unknown, path: (string | number)[] = ['month']): ReportMonth {
  const parsed = MonthSchema.safeParse(raw);
  if (!parsed.success) throw BadUserInputError.fromZod(parsed.error, path);
  return reportMonth(parsed.data);
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
