// The working-day calendar and THE convention for counting (DESIGN.md "The petition rules"):
//   - 次日起算: the receipt day is not counted; day 1 is the first working day after the receipt date.
//   - A receipt on a non-working day: the next working day is day 1 (the same rule, stated for clarity).
//   - The deadline is the end (23:59:59.999 Asia/Shanghai) of the Nth working day.
// Every SLA, urge and rating window in the api is computed through this class.
import { addCalendarDays, endOfShanghaiDay, shanghaiDate, weekday } from '../clock/shanghai-time.ts';
import { STATE_COUNCIL_SCHEDULE, type HolidaySchedule } from './state-council-schedule.ts';

/** Guards loops against a calendar overridden into having no working days at all. */
const MAX_SCAN_DAYS = 3660;

export class WorkingCalendar {
  readonly #overrides: ReadonlyMap<string, boolean>;
  readonly #schedule: HolidaySchedule;

  constructor(overrides: ReadonlyMap<string, boolean> = new Map(), schedule: HolidaySchedule = STATE_COUNCIL_SCHEDULE) {
    this.#overrides = overrides;
    this.#schedule = schedule;
  }

  get coveredYears(): readonly number[] {
    return this.#schedule.coveredYears;
  }

  /** Override (office) > State Council schedule (holiday / 调休 workday) > Monday–Friday. */
  isWorkingDay(date: string): boolean {
    const override = this.#overrides.get(date);
    if (override !== undefined) return override;
    if (this.#schedule.makeUpWorkdays.has(date)) return true;
    if (this.#schedule.holidays.has(date)) return false;
    const wd = weekday(date);
    return wd !== 0 && wd !== 6;
  }

  /** The Nth working day after `from` (次日起算: `from` itself never counts). n = 0 returns `from`. */
  addWorkingDays(from: string, n: number): string {
    if (n < 0) return this.subtractWorkingDays(from, -n);
    let date = from;
    let counted = 0;
    for (let scanned = 0; counted < n; scanned++) {
      if (scanned > MAX_SCAN_DAYS) throw new RangeError('calendar has no working days in range');
      date = addCalendarDays(date, 1);
      if (this.isWorkingDay(date)) counted++;
    }
    return date;
  }

  /** The Nth working day before `from` (`from` itself never counts). */
  subtractWorkingDays(from: string, n: number): string {
    let date = from;
    let counted = 0;
    for (let scanned = 0; counted < n; scanned++) {
      if (scanned > MAX_SCAN_DAYS) throw new RangeError('calendar has no working days in range');
      date = addCalendarDays(date, -1);
      if (this.isWorkingDay(date)) counted++;
    }
    return date;
  }

  /** Working days d with a < d ≤ b; negative (−count of b < d ≤ a) when b is before a. */
  workingDaysBetween(a: string, b: string): number {
    if (a === b) return 0;
    const [lo, hi, sign] = a < b ? [a, b, 1] : [b, a, -1];
    let count = 0;
    for (let d = addCalendarDays(lo, 1), scanned = 0; d <= hi; d = addCalendarDays(d, 1), scanned++) {
      if (scanned > MAX_SCAN_DAYS * 3) throw new RangeError('date range too long');
      if (this.isWorkingDay(d)) count++;
    }
    return sign * count;
  }

  /** The date of the deadline for an answer within `workingDays` of a receipt at `receivedAt`. */
  dueDate(receivedAt: Date, workingDays: number): string {
    return this.addWorkingDays(shanghaiDate(receivedAt), workingDays);
  }

  /** The deadline instant: the end of the Nth working day after the receipt date. */
  deadline(receivedAt: Date, workingDays: number): Date {
    return endOfShanghaiDay(this.dueDate(receivedAt, workingDays));
  }
}

// Registers this feature's member of the request context (see graphql/context.ts).
declare module '../graphql/context.ts' {
  interface ApiContext {
    /** The calendar with overrides, loaded at most once per request. */
    calendar(): Promise<WorkingCalendar>;
  }
}
