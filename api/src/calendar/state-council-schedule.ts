// The State Council (国务院办公厅) holiday schedules, from the maintained `chinese-days` dataset:
// public holidays (放假) and make-up working weekends (调休上班). Read once, kept as sets.
// The dataset's JSON is the package's own published data file (dist/chinese-days.json).
import { createRequire } from 'node:module';
import { z } from 'zod';

const DatasetSchema = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
});

export interface HolidaySchedule {
  /** Dates off work by the schedule (weekdays included). */
  readonly holidays: ReadonlySet<string>;
  /** Weekend dates that are working days (调休). */
  readonly makeUpWorkdays: ReadonlySet<string>;
  /** Years for which the dataset lists a schedule. */
  readonly coveredYears: readonly number[];
}

function load(): HolidaySchedule {
  const require = createRequire(import.meta.url);
  const data = DatasetSchema.parse(require('chinese-days/dist/chinese-days.json'));
  const holidays = new Set(Object.keys(data.holidays));
  const makeUpWorkdays = new Set(Object.keys(data.workdays));
  const years = new Set([...holidays].map((d) => Number(d.slice(0, 4))));
  return { holidays, makeUpWorkdays, coveredYears: [...years].sort((a, b) => a - b) };
}

export const STATE_COUNCIL_SCHEDULE: HolidaySchedule = load();
