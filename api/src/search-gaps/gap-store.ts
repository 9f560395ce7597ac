// The knowledge-base gap records (beyond the mechanism: they show the office what the policy base
// lacks, for the 第十二条 report): zero-result queries counted
// per day, and the query a caller searched last before filing a petition. No personal data: see
// normalize-query.ts and caller-key.ts.
import type { Kysely } from 'kysely';
import { shanghaiDate } from '../clock/shanghai-time.ts';
import type { Database } from '../db/schema.ts';
import { CALLER_MEMORY_HOURS } from './caller-key.ts';
import { normalizeLocale, normalizeQuery } from './normalize-query.ts';

type Db = Kysely<Database>;

/**
 * Counts one search that found nothing. Stored as (Shanghai day, locale, normalized query) -> count,
 * so the table grows with distinct queries, not with traffic. Returns the stored form (null: nothing stored).
 */
export async function recordZeroResultQuery(db: Db, input: { query: string; locale?: string | null; at: Date }): Promise<string | null> {
  const query = normalizeQuery(input.query);
  if (query === null) return null;
  await db
    .insertInto('search_zero_result_queries')
    .values({ day: shanghaiDate(input.at), locale: normalizeLocale(input.locale), query, count: 1 })
    .onConflict((oc) => oc.columns(['day', 'locale', 'query']).doUpdateSet((eb) => ({ count: eb('search_zero_result_queries.count', '+', 1) })))
    .execute();
  return query;
}

/**
 * Remembers a caller's latest query (any result count), for CALLER_MEMORY_HOURS. `callerKey` comes
 * from callerKeyFromSession(); without one nothing is remembered. Expired rows are deleted on the way.
 */
export async function rememberQueryForCaller(db: Db, input: { callerKey: string | null; query: string; locale?: string | null; at: Date }): Promise<void> {
  const query = normalizeQuery(input.query);
  if (input.callerKey === null || query === null) return;
  const at = input.at.toISOString();
  await db.deleteFrom('search_recent_queries').where('searched_at', '<', expiryBefore(input.at)).execute();
  await db
    .insertInto('search_recent_queries')
    .values({ caller_key: input.callerKey, query, locale: normalizeLocale(input.locale), searched_at: at })
    .onConflict((oc) => oc.column('caller_key').doUpdateSet({ query, locale: normalizeLocale(input.locale), searched_at: at }))
    .execute();
}

export interface QueryPetitionLink {
  petitionId: string;
  query: string;
  locale: string;
  searchedAt: string;
  linkedAt: string;
}

/**
 * A petition was filed by a caller: if that caller searched within CALLER_MEMORY_HOURS before, record
 * "this query was followed by this petition" (without the caller key) and forget the caller.
 * Returns the link, or null when the caller had no recent query. One link per petition.
 */
export async function linkQueryToPetition(db: Db, input: { callerKey: string | null; petitionId: string; at: Date }): Promise<QueryPetitionLink | null> {
  if (input.callerKey === null) return null;
  const callerKey = input.callerKey;
  return db.transaction().execute(async (trx) => {
    const recent = await trx
      .selectFrom('search_recent_queries')
      .selectAll()
      .where('caller_key', '=', callerKey)
      .where('searched_at', '>=', expiryBefore(input.at))
      .where('searched_at', '<=', input.at.toISOString())
      .executeTakeFirst();
    await trx.deleteFrom('search_recent_queries').where('caller_key', '=', callerKey).execute();
    if (!recent) return null;
    const link: QueryPetitionLink = {
      petitionId: input.petitionId,
      query: recent.query,
      locale: recent.locale,
      searchedAt: recent.searched_at,
      linkedAt: input.at.toISOString(),
    };
    await trx
      .insertInto('search_query_petitions')
      .values({ petition_id: link.petitionId, query: link.query, locale: link.locale, searched_at: link.searchedAt, linked_at: link.linkedAt, linked_on: shanghaiDate(input.at) })
      .onConflict((oc) => oc.column('petition_id').doNothing())
      .execute();
    return link;
  });
}

function expiryBefore(at: Date): string {
  return new Date(at.getTime() - CALLER_MEMORY_HOURS * 3_600_000).toISOString();
}

export interface QueryCount {
  query: string;
  count: number;
}

/** Zero-result queries of the Shanghai days [fromDay, toDay), most frequent first (all locales together). */
export async function topZeroResultQueries(db: Db, fromDay: string, toDay: string, limit: number): Promise<QueryCount[]> {
  const rows = await db
    .selectFrom('search_zero_result_queries')
    .select(['query', (eb) => eb.fn.sum<string | number>('count').as('n')])
    .where('day', '>=', fromDay)
    .where('day', '<', toDay)
    .groupBy('query')
    .execute();
  return rankCounts(rows.map((r) => ({ query: r.query, count: Number(r.n) })), limit);
}

/** Counts of the given queries in [fromDay, toDay) (for the previous month's comparison). */
export async function zeroResultCounts(db: Db, fromDay: string, toDay: string, queries: string[]): Promise<Map<string, number>> {
  if (queries.length === 0) return new Map();
  const rows = await db
    .selectFrom('search_zero_result_queries')
    .select(['query', (eb) => eb.fn.sum<string | number>('count').as('n')])
    .where('day', '>=', fromDay)
    .where('day', '<', toDay)
    .where('query', 'in', queries)
    .groupBy('query')
    .execute();
  return new Map(rows.map((r) => [r.query, Number(r.n)]));
}

/** Queries that were followed by a petition filed in [fromDay, toDay), by number of petitions. */
export async function topQueriesBeforePetitions(db: Db, fromDay: string, toDay: string, limit: number): Promise<QueryCount[]> {
  const rows = await db
    .selectFrom('search_query_petitions')
    .select(['query', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('linked_on', '>=', fromDay)
    .where('linked_on', '<', toDay)
    .groupBy('query')
    .execute();
  return rankCounts(rows.map((r) => ({ query: r.query, count: Number(r.n) })), limit);
}

function rankCounts(rows: QueryCount[], limit: number): QueryCount[] {
  return rows.sort((a, b) => b.count - a.count || (a.query < b.query ? -1 : a.query > b.query ? 1 : 0)).slice(0, limit);
}
