// The override table (office-managed) and loading a WorkingCalendar that includes it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { WorkingCalendar } from './working-calendar.ts';

export interface CalendarOverride {
  date: string;
  working: boolean;
  note: string;
  updatedAt: string;
  updatedBy: string;
}

export async function loadCalendar(db: Kysely<Database>): Promise<WorkingCalendar> {
  const rows = await db.selectFrom('calendar_overrides').select(['date', 'working']).execute();
  return new WorkingCalendar(new Map(rows.map((r) => [r.date, r.working === 1])));
}

export async function listOverrides(db: Kysely<Database>, from?: string, to?: string): Promise<CalendarOverride[]> {
  let q = db.selectFrom('calendar_overrides').selectAll().orderBy('date');
  if (from) q = q.where('date', '>=', from);
  if (to) q = q.where('date', '<=', to);
  const rows = await q.execute();
  return rows.map((r) => ({
    date: r.date,
    working: r.working === 1,
    note: r.note,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }));
}

export async function setOverride(db: Kysely<Database>, o: CalendarOverride): Promise<CalendarOverride> {
  const row = { date: o.date, working: o.working ? 1 : 0, note: o.note, updated_at: o.updatedAt, updated_by: o.updatedBy };
  await db
    .insertInto('calendar_overrides')
    .values(row)
    .onConflict((oc) => oc.column('date').doUpdateSet({ working: row.working, note: row.note, updated_at: row.updated_at, updated_by: row.updated_by }))
    .execute();
  return o;
}

/** Many overrides in one transaction: all are stored, or none. */
export async function setOverrides(db: Kysely<Database>, list: CalendarOverride[]): Promise<CalendarOverride[]> {
  await db.transaction().execute(async (trx) => {
    for (const o of list) await setOverride(trx, o);
  });
  return list;
}

export type CoverageSource = 'STATE_COUNCIL_DATASET' | 'OFFICE_OVERRIDES' | 'NONE';

/**
 * Whether each year's holiday schedule is known: listed by the bundled dataset, or entered by the
 * office. A 国办 notice always gives days off (元旦 at least), so a year with office days off counts
 * as entered; 调休 working days alone do not.
 */
export async function yearCoverage(db: Kysely<Database>, datasetYears: readonly number[], years: number[]) {
  const first = Math.min(...years);
  const last = Math.max(...years);
  const rows = await db.selectFrom('calendar_overrides').select(['date', 'working']).where('date', '>=', `${first}-01-01`).where('date', '<=', `${last}-12-31`).execute();
  return years.map((year) => {
    const inYear = rows.filter((r) => r.date.startsWith(`${year}-`));
    const holidayOverrides = inYear.filter((r) => r.working !== 1).length;
    const workdayOverrides = inYear.length - holidayOverrides;
    const source: CoverageSource = datasetYears.includes(year) ? 'STATE_COUNCIL_DATASET' : holidayOverrides > 0 ? 'OFFICE_OVERRIDES' : 'NONE';
    return { year, covered: source !== 'NONE', source, holidayOverrides, workdayOverrides };
  });
}

export async function removeOverride(db: Kysely<Database>, date: string): Promise<boolean> {
  const res = await db.deleteFrom('calendar_overrides').where('date', '=', date).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
