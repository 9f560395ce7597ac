// How the api learns that an item was published or revised: it watches the index, the read model it
// already trusts. Each scan reloads the items (which also refreshes matching's cache) and compares each
// item's contentHash with the hash it last saw (policy_match_watermarks). A new or changed item is
// matched against every saved profile; an ELIGIBLE verdict records a notice, once per (uscc, item):
// the unique key ignores revisions, so a revision that still matches never notifies again.
// Durable without coupling search-sync to the api: the watermarks advance in the same transaction that
// records the notices, so a crash re-scans the item and the unique key absorbs the repeat, and an api
// that was down catches up on its first scan. The first scan ever only takes a baseline.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { matchItem, verdictOf, windowStatus, type EnterpriseProfile } from '@zone/schemas';
import type { Database } from '../../db/schema.ts';
import type { IndexedItem, MatchItemSource } from '../item-source.ts';
import { allProfiles } from '../profile-store.ts';
import { noticePayload } from './notice-payload.ts';

export interface ScanResult {
  baseline: boolean;
  changedItems: number;
  noticesRecorded: number;
}

export interface WatchDeps {
  db: Kysely<Database>;
  source: MatchItemSource;
  now: () => Date;
  today: () => string;
  /** Profiles to match against; defaults to every saved profile (a test or bench may pass its own). */
  profiles?: () => Promise<Array<{ uscc: string; profile: EnterpriseProfile }>>;
}

const CHUNK = 500;

export async function scanPublishes(deps: WatchDeps): Promise<ScanResult> {
  const { db } = deps;
  const loaded = await deps.source.refresh();
  const seen = new Map((await db.selectFrom('policy_match_watermarks').select(['document_id', 'content_hash']).execute()).map((r) => [r.document_id, r.content_hash]));
  const changed: IndexedItem[] = loaded.items.filter((i) => seen.get(i.documentId) !== i.contentHash);
  const at = deps.now().toISOString();
  if (changed.length === 0) return { baseline: false, changedItems: 0, noticesRecorded: 0 };

  const baseline = (await db.selectFrom('policy_match_scan').select('id').where('id', '=', 1).executeTakeFirst()) === undefined;
  const notices: Array<{ id: string; uscc: string; item_document_id: string; payload: string; created_at: string; status: 'pending'; next_attempt_at: string }> = [];
  if (!baseline) {
    const today = deps.today();
    const profiles = await (deps.profiles ?? (() => allProfiles(db)))();
    const preparedById = new Map(loaded.prepared.map((p) => [p.item.documentId, p]));
    for (const item of changed) {
      const window = windowStatus(item, today);
      // Only what an enterprise can still apply for is news.
      if (window === 'CLOSED' || window === 'EXPIRED') continue;
      const prepared = preparedById.get(item.documentId);
      if (!prepared || prepared.conditions.length === 0) continue;
      for (const { uscc, profile } of profiles) {
        if (verdictOf(prepared, profile) !== 'ELIGIBLE') continue;
        const match = matchItem(prepared, profile, today);
        const id = randomUUID();
        notices.push({ id, uscc, item_document_id: item.documentId, payload: JSON.stringify(noticePayload(id, uscc, match, at)), created_at: at, status: 'pending', next_attempt_at: at });
      }
    }
  }

  let recorded = 0;
  await db.transaction().execute(async (trx) => {
    if (baseline) await trx.insertInto('policy_match_scan').values({ id: 1, baseline_at: at }).onConflict((oc) => oc.column('id').doNothing()).execute();
    for (let i = 0; i < notices.length; i += CHUNK) {
      const res = await trx
        .insertInto('policy_match_notices')
        .values(notices.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['uscc', 'item_document_id']).doNothing())
        .executeTakeFirst();
      recorded += Number(res.numInsertedOrUpdatedRows ?? 0);
    }
    for (let i = 0; i < changed.length; i += CHUNK) {
      await trx
        .insertInto('policy_match_watermarks')
        .values(changed.slice(i, i + CHUNK).map((item) => ({ document_id: item.documentId, content_hash: item.contentHash, seen_at: at })))
        .onConflict((oc) => oc.column('document_id').doUpdateSet((eb) => ({ content_hash: eb.ref('excluded.content_hash'), seen_at: eb.ref('excluded.seen_at') })))
        .execute();
    }
  });
  return { baseline, changedItems: changed.length, noticesRecorded: recorded };
}
