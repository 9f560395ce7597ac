// The per-request context: who is calling, and the services a resolver may use.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { Clock } from '../clock/clock.ts';
import type { Database } from '../db/schema.ts';
import type { PetitionDeps } from '../petitions/deps.ts';
import type { MatchingService } from '../matching/matching-service.ts';
import type { FixedWindowLimiter } from '../rate-limit/fixed-window.ts';
import type { DepartmentDirectory } from '../search/department-directory.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { createSearchGapRecorder, type SearchGapRecorder } from '../search-gaps/index.ts';

export interface ApiServices {
  db: Kysely<Database>;
  petitions: PetitionDeps;
  clock: Clock;
  logger: Logger;
  submitLimiter: FixedWindowLimiter;
  /** Meilisearch through the search-only key (policy search and detail reads). */
  search: SearchIndex;
  departments: DepartmentDirectory;
  /** Per-client limit on search calls (anonymous callers are keyed by address). */
  searchLimiter: FixedWindowLimiter;
  /** 政策找企业: items from the index (cached), the publish watcher and the webhook outbox. */
  matching: MatchingService;
}


export interface RequestInfo {
  /** x-request-id of the request (given by the caller or generated). */
  requestId: string;
  /** The platform's anonymous per-browser-session id (x-client-session), if sent. */
  sessionId?: string | string[] | undefined;
  /** Who to rate-limit: the token subject, else the client address. */
  clientId: string;
  logger: Logger;
}

export interface ApiContext {
  actor: Actor | null;
  services: ApiServices;
  /** The calendar with overrides, loaded at most once per request. */
  calendar(): Promise<WorkingCalendar>;
  request: RequestInfo;
  /** Counts one search call against the caller's limit; throws RATE_LIMITED past it. */
  rateLimit(): void;
  /** Knowledge-base gap records (zero-result queries, query → petition): anonymous, never fails a request. */
  searchGaps: SearchGapRecorder;
}

export function buildContext(services: ApiServices, actor: Actor | null, request?: Partial<RequestInfo>): ApiContext {
  let calendar: Promise<WorkingCalendar> | undefined;
  const info: RequestInfo = {
    requestId: request?.requestId ?? 'internal',
    clientId: request?.clientId ?? 'internal',
    logger: request?.logger ?? services.logger,
  };
  return {
    actor,
    services,
    calendar: () => (calendar ??= services.petitions.calendar()),
    request: info,
    rateLimit: () => services.searchLimiter.hit(info.clientId),
    searchGaps: createSearchGapRecorder({ db: services.db, clock: services.clock, logger: info.logger, sessionId: request?.sessionId }),
  };
}
