// The per-request recorder the search resolvers call (ApiContext.searchGaps): best effort and
// fire-and-forget, so recording a gap never slows or fails a search; a failure is logged, not thrown.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock/clock.ts';
import type { Database } from '../db/schema.ts';
import { callerKeyFromSession } from './caller-key.ts';
import { linkQueryToPetition, recordZeroResultQuery, rememberQueryForCaller } from './gap-store.ts';

export interface SearchGapRecorder {
  /** A search that found nothing. */
  zeroResult(query: string, locale: string): void;
  /** A hotline question whose best answer card is below the confidence threshold: a gap like a zero result. */
  noGoodAnswer(query: string, locale: string): void;
  /** Any search by this caller (remembered 24 hours when the platform sent a session id). */
  searched(query: string, locale: string): void;
  /** This caller filed a petition: link it to the caller's latest search, if any. */
  petitionFiled(petitionId: string): void;
  /** Resolves when every record started so far has been written (tests, graceful shutdown). */
  settled(): Promise<void>;
}

export function createSearchGapRecorder(opts: {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  /** The raw `x-client-session` header value, if the platform sent one. */
  sessionId: string | string[] | null | undefined;
}): SearchGapRecorder {
  const callerKey = callerKeyFromSession(Array.isArray(opts.sessionId) ? opts.sessionId[0] : opts.sessionId);
  const pending: Promise<unknown>[] = [];
  const run = (what: string, write: () => Promise<unknown>) => {
    pending.push(write().catch((err: unknown) => opts.logger.warn({ err }, `search gaps: could not record ${what}`)));
  };
  return {
    zeroResult: (query, locale) => run('a zero-result query', () => recordZeroResultQuery(opts.db, { query, locale, at: opts.clock.now() })),
    // Counted with the zero-result queries: the monthly report's knowledge gaps list both.
    noGoodAnswer: (query, locale) => run('a question without a good answer', () => recordZeroResultQuery(opts.db, { query, locale, at: opts.clock.now() })),
    searched: (query, locale) => {
      if (callerKey !== null) run('a search', () => rememberQueryForCaller(opts.db, { callerKey, query, locale, at: opts.clock.now() }));
    },
    petitionFiled: (petitionId) => {
      if (callerKey !== null) run('a search→petition link', () => linkQueryToPetition(opts.db, { callerKey, petitionId, at: opts.clock.now() }));
    },
    settled: async () => {
      await Promise.all(pending);
    },
  };
}

// Registers this feature's member of the request context (see graphql/context.ts).
declare module '../graphql/context.ts' {
  interface ApiContext {
    /** Knowledge-base gap records (zero-result queries, query → petition): anonymous, never fails a request. */
    searchGaps: SearchGapRecorder;
  }
}
