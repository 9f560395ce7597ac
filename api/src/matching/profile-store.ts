// Saved enterprise profiles, one per 统一社会信用代码. Stored as JSON in the matching vocabulary;
// only the enterprise itself reads or writes its row (the resolvers take the uscc from its token).
import type { Kysely } from 'kysely';
import { compactProfile, enterpriseProfileSchema, type EnterpriseProfile } from '@zone/schemas';
import type { Database } from '../db/schema.ts';

export interface StoredProfile {
  uscc: string;
  profile: EnterpriseProfile;
  updatedAt: string;
}

/** A stored row back to a profile; a row that no longer validates (vocabulary changed) keeps what still does. */
export function parseStoredProfile(json: string): EnterpriseProfile {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const parsed = enterpriseProfileSchema.safeParse(raw);
  if (parsed.success) return compactProfile(parsed.data as EnterpriseProfile);
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  const kept = enterpriseProfileSchema.safeParse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))));
  return kept.success ? compactProfile(kept.data as EnterpriseProfile) : {};
}

export async function saveProfile(db: Kysely<Database>, uscc: string, savedBy: string, profile: EnterpriseProfile, at: string): Promise<StoredProfile> {
  const json = JSON.stringify(compactProfile(profile));
  await db
    .insertInto('enterprise_profiles')
    .values({ uscc, profile: json, saved_by: savedBy, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('uscc').doUpdateSet({ profile: json, saved_by: savedBy, updated_at: at }))
    .execute();
  return { uscc, profile: compactProfile(profile), updatedAt: at };
}

export async function getProfile(db: Kysely<Database>, uscc: string): Promise<StoredProfile | null> {
  const row = await db.selectFrom('enterprise_profiles').select(['uscc', 'profile', 'updated_at']).where('uscc', '=', uscc).executeTakeFirst();
  return row ? { uscc: row.uscc, profile: parseStoredProfile(row.profile), updatedAt: row.updated_at } : null;
}

/** Every saved profile (the publish watcher matches a new item against all of them). */
export async function allProfiles(db: Kysely<Database>): Promise<Array<{ uscc: string; profile: EnterpriseProfile }>> {
  const rows = await db.selectFrom('enterprise_profiles').select(['uscc', 'profile']).orderBy('uscc').execute();
  return rows.map((r) => ({ uscc: r.uscc, profile: parseStoredProfile(r.profile) }));
}
