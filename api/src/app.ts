// Wires the api from its env: database, clock, token verifier and services.
import path from 'node:path';
import pino from 'pino';
import type { ApiEnv } from './env.ts';
import { createIssuerVerifier, type TokenVerifier } from './auth/verify-token.ts';
import { systemClock, type Clock } from './clock/clock.ts';
import { openDatabase, type ApiDatabase, type DatabaseConfig } from './db/database.ts';
import type { ApiServices } from './graphql/context.ts';
import { petitionDeps } from './petitions/deps.ts';
import { createMatchingService, type MatchingConfig } from './matching/matching-service.ts';
import { createNotificationService, type NotificationService } from './notifications/notification-service.ts';
import { FixedWindowLimiter } from './rate-limit/fixed-window.ts';
import { trustProxies } from './rate-limit/client-address.ts';
import { TokenBucketLimiter } from './rate-limit/token-bucket.ts';
import { DepartmentDirectory } from './search/department-directory.ts';
import { searchConfig } from './search/search-config.ts';
import { createSearchIndex } from './search/search-index.ts';

export function databaseConfig(env: ApiEnv): DatabaseConfig {
  return env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA }
    : { kind: 'sqlite', file: path.join(env.DATA_DIR, 'api.sqlite') };
}

export interface App {
  database: ApiDatabase;
  services: ApiServices;
  verifier: TokenVerifier;
  /** The notification outbox's dispatcher (main.ts runs its loop). */
  notifications: NotificationService;
}

/** Submissions per actor per minute before RATE_LIMITED. */
const SUBMITS_PER_MINUTE = 30;

export async function createApp(env: ApiEnv, opts: { clock?: Clock; database?: ApiDatabase } = {}): Promise<App> {
  const clock = opts.clock ?? systemClock;
  const logger = pino({ level: env.LOG_LEVEL, base: { service: 'api' } });
  const database = opts.database ?? (await openDatabase(databaseConfig(env)));
  const search = createSearchIndex(
    searchConfig({ host: env.MEILI_HOST, searchKey: env.MEILI_SEARCH_KEY, indexPrefix: env.MEILI_INDEX_PREFIX, keyFile: env.searchKeyFile, timeoutMs: env.MEILI_TIMEOUT_MS }),
  );
  const matching: MatchingConfig = {
    cacheTtlMs: env.MATCH_CACHE_TTL_MS,
    scanIntervalMs: env.MATCH_SCAN_INTERVAL_MS,
    webhook: env.platformWebhook,
    delivery: { maxAttempts: env.PLATFORM_WEBHOOK_MAX_ATTEMPTS, backoffBaseMs: env.PLATFORM_WEBHOOK_BACKOFF_MS, backoffMaxMs: 3_600_000, leaseMs: 60_000, batchSize: 50 },
  };
  const notifications = createNotificationService(env, { db: database.db, clock, logger });
  const services: ApiServices = {
    db: database.db,
    petitions: petitionDeps(database.db, database.dialect, clock, notifications.targets),
    clock,
    logger,
    submitLimiter: new FixedWindowLimiter(clock, SUBMITS_PER_MINUTE, 60_000),
    search,
    departments: new DepartmentDirectory(search, clock),
    searchLimiter: new TokenBucketLimiter(clock, { perMinute: env.SEARCH_RATE_PER_MINUTE, maxKeys: env.SEARCH_RATE_MAX_KEYS }),
    staffSearchLimiter: new TokenBucketLimiter(clock, { perMinute: env.SEARCH_RATE_PER_MINUTE, maxKeys: env.SEARCH_RATE_MAX_KEYS }),
    trustProxy: trustProxies(env.TRUSTED_PROXIES),
    matching: createMatchingService({ db: database.db, search, clock, logger, config: matching }),
    reportPdf: { chromiumPath: env.CHROMIUM_PATH, timeoutMs: env.REPORT_PDF_TIMEOUT_MS },
  };
  const verifier = createIssuerVerifier(env.issuers, { audience: env.API_JWT_AUDIENCE, jwksTimeoutMs: env.API_JWKS_TIMEOUT_MS });
  return { database, services, verifier, notifications };
}
