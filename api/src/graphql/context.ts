// The per-request context: who is calling, and the services a resolver may use.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { Clock } from '../clock/clock.ts';
import type { Database } from '../db/schema.ts';
import type { PetitionDeps } from '../petitions/deps.ts';
import type { FixedWindowLimiter } from '../rate-limit/fixed-window.ts';

export interface ApiServices {
  db: Kysely<Database>;
  petitions: PetitionDeps;
  clock: Clock;
  logger: Logger;
  submitLimiter: FixedWindowLimiter;
}

export interface ApiContext {
  actor: Actor | null;
  services: ApiServices;
  /** The calendar with overrides, loaded at most once per request. */
  calendar(): Promise<WorkingCalendar>;
}

export function buildContext(services: ApiServices, actor: Actor | null): ApiContext {
  let calendar: Promise<WorkingCalendar> | undefined;
  return {
    actor,
    services,
    calendar: () => (calendar ??= services.petitions.calendar()),
  };
}
