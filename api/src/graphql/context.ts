// The per-request context: who is calling, and the services a resolver may use.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import type { Clock } from '../clock/clock.ts';
import type { Database } from '../db/schema.ts';
import type { PetitionDeps } from '../petitions/deps.ts';
import type { PdfOptions } from '../report/export/report-pdf.ts';
import type { MatchingService } from '../matching/matching-service.ts';
import type { FixedWindowLimiter } from '../rate-limit/fixed-window.ts';
import type { TrustProxy } from '../rate-limit/client-address.ts';
import type { TokenBucketLimiter } from '../rate-limit/token-bucket.ts';
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
  /** Per-client budget of search units for the public, keyed by address. */
  searchLimiter: TokenBucketLimiter;
  /** The same budget per staff member, keyed by token: a flood of addresses never crowds staff out of the key store. */
  staffSearchLimiter: TokenBucketLimiter;
  /** Which peers' X-Forwarded-For is believed (TRUSTED_PROXIES). */
  trustProxy: TrustProxy;
  /** 政策找企业: items from the index (cached), the publish watcher and the webhook outbox. */
  matching: MatchingService;
  /** The monthly report as PDF: headless Chromium (CHROMIUM_PATH) and the render's timeout. */
  reportPdf: PdfOptions;
}


export interface RequestInfo {
  /** x-request-id of the request (given by the caller or generated). */
  requestId: string;
  /** The platform's anonymous per-browser-session id (x-client-session), if sent. */
  sessionId?: string | string[] | undefined;
  /** Who to rate-limit: a staff member's token subject, else the client address (rateLimitKey). */
  clientId: string;
  /** Whether `clientId` is a staff member (charged to the staff limiter). */
  staff?: boolean;
  logger: Logger;
}

export interface ApiContext {
  actor: Actor | null;
  services: ApiServices;
  /** The calendar with overrides, loaded at most once per request. */
  calendar(): Promise<WorkingCalendar>;
  request: RequestInfo;
  /** Charges an operation's lookups (search units) to the caller's budget; throws RATE_LIMITED past it. */
  rateLimit(cost: number): void;
  /** Knowledge-base gap records (zero-result queries, query → petition): anonymous, never fails a request. */
  searchGaps: SearchGapRecorder;
}

/**
 * Staff share no budget with anyone: keyed by their token (a call centre behind one address is many
 * clients). Everyone else by address: public accounts are self-registered, so one person can hold many.
 */
const STAFF_ROLES: ReadonlySet<Actor['role']> = new Set(['office', 'department', 'hotline', 'leader']);

export function rateLimitKey(actor: Actor | null, addressKey: string): { clientId: string; staff: boolean } {
  return actor && STAFF_ROLES.has(actor.role) ? { clientId: `staff:${actor.role}:${actor.id}`, staff: true } : { clientId: addressKey, staff: false };
}

export function buildContext(services: ApiServices, actor: Actor | null, request?: Partial<RequestInfo>): ApiContext {
  let calendar: Promise<WorkingCalendar> | undefined;
  const info: RequestInfo = {
    requestId: request?.requestId ?? 'internal',
    clientId: request?.clientId ?? 'internal',
    staff: request?.staff ?? false,
    logger: request?.logger ?? services.logger,
  };
  return {
    actor,
    services,
    calendar: () => (calendar ??= services.petitions.calendar()),
    request: info,
    rateLimit: (cost) => (info.staff ? services.staffSearchLimiter : services.searchLimiter).take(info.clientId, cost),
    searchGaps: createSearchGapRecorder({ db: services.db, clock: services.clock, logger: info.logger, sessionId: request?.sessionId }),
  };
}
