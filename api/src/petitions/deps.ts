// What the petition module needs from the outside: the database, the clock and the calendar.
import type { Kysely } from 'kysely';
import type { Clock } from '../clock/clock.ts';
import type { DialectName } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { loadCalendar } from '../calendar/calendar-store.ts';
import { NO_EXTERNAL_TARGETS, type NotificationTargets } from '../notifications/targets.ts';

export interface PetitionDeps {
  db: Kysely<Database>;
  dialect: DialectName;
  clock: Clock;
  /** The calendar with the office's overrides, read fresh (the table is small). */
  calendar(): Promise<WorkingCalendar>;
  /** Which channels notifications go to (staff inboxes always; e-mail and webhook when configured). */
  notifications: NotificationTargets;
}

export function petitionDeps(db: Kysely<Database>, dialect: DialectName, clock: Clock, notifications: NotificationTargets = NO_EXTERNAL_TARGETS): PetitionDeps {
  return { db, dialect, clock, calendar: () => loadCalendar(db), notifications };
}

// Registers this feature's member of the request context (see graphql/context.ts).
declare module '../graphql/context.ts' {
  interface ApiServices {
    petitions: PetitionDeps;
  }
}
