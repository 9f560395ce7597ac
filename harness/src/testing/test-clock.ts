// The injected clock for tests, moved in the domain's terms (Asia/Shanghai dates, working days).
import type { Clock, WorkingCalendar } from '@zone/api';

export class TestClock implements Clock {
  #now: Date;
  constructor(start: string | Date = '2025-09-01T10:00:00+08:00') {
    this.#now = new Date(start);
  }
  now(): Date {
    return new Date(this.#now.getTime());
  }
  /** Jump to an instant, e.g. '2025-09-26T16:00:00+08:00'. */
  set(iso: string): void {
    this.#now = new Date(iso);
  }
  /** Jump to a Shanghai date at a local time (default 10:00). */
  setShanghai(date: string, time = '10:00:00'): void {
    this.#now = new Date(`${date}T${time}+08:00`);
  }
  advanceMs(ms: number): void {
    this.#now = new Date(this.#now.getTime() + ms);
  }
  /** Today's date in Asia/Shanghai. */
  today(): string {
    return new Date(this.#now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  }
  /** Move to the same local time on the Nth working day after today. */
  advanceWorkingDays(n: number, calendar: WorkingCalendar): void {
    const time = new Date(this.#now.getTime() + 8 * 3_600_000).toISOString().slice(11, 19);
    this.setShanghai(calendar.addWorkingDays(this.today(), n), time);
  }
}
