// The per-request context: who is calling, and the services a resolver may use. This module names
// only the foundation (auth/, clock/, db/, rate-limit/): each feature adds its own service or
// context member by declaration merging (`declare module '../graphql/context.ts'`, as Fastify's
// plugins decorate FastifyInstance), and the composition root (app.ts, request-context.ts) fills
// them in. So the arrows run from the features to graphql/, never back (README "Architecture").
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.ts';
import type { Clock } from '../clock/clock.ts';
import type { Database } from '../db/schema.ts';
import type { FixedWindowLimiter } from '../rate-limit/fixed-window.ts';
import type { TrustProxy } from '../rate-limit/client-address.ts';
import type { TokenBucketLimiter } from '../rate-limit/token-bucket.ts';

/** The services of the foundation; the features add theirs (petitions, search, departments, matching). */
export interface ApiServices {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  submitLimiter: FixedWindowLimiter;
  /** Per-client budget of search units for the public, keyed by address. */
  searchLimiter: TokenBucketLimiter;
  /** The same budget per staff member, keyed by token: a flood of addresses never crowds staff out of the key store. */
  staffSearchLimiter: TokenBucketLimiter;
  /** Which peers' X-Forwarded-For is believed (TRUSTED_PROXIES). */
  trustProxy: TrustProxy;
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

/** The context of the foundation; the features add theirs (the working calendar, the search-gap recorder). */
export interface ApiContext {
  actor: Actor | null;
  services: ApiServices;
  request: RequestInfo;
  /** Charges an operation's lookups (search units) to the caller's budget; throws RATE_LIMITED past it. */
  rateLimit(cost: number): void;
}

/**
 * Staff share no budget with anyone: keyed by their token (a call centre behind one address is many
 * clients). Everyone else by address: public accounts are self-registered, so one person can hold many.
 */
const STAFF_ROLES: ReadonlySet<Actor['role']> = new Set(['office', 'department', 'hotline', 'leader']);

export function rateLimitKey(actor: Actor | null, addressKey: string): { clientId: string; staff: boolean } {
  return actor && STAFF_ROLES.has(actor.role) ? { clientId: `staff:${actor.role}:${actor.id}`, staff: true } : { clientId: addressKey, staff: false };
}
