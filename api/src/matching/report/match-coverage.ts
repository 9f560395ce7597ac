// The monthly report's 政策找企业 section (knowledge-base value): for every current item, how many saved
// profiles it fits (ELIGIBLE) or may fit (POSSIBLY_ELIGIBLE), and the items that fit no one, which
// are worth a look (conditions too strict, wrongly entered, or a policy nobody in the zone can use).
import type { Kysely } from 'kysely';
import { verdictOf, windowStatus, type PreparedItem } from '@zone/schemas';
import type { Database } from '../../db/schema.ts';
import { allProfiles } from '../profile-store.ts';

export interface ItemCoverage {
  documentId: string;
  itemCode: string | null;
  title: string;
  departmentName: string | null;
  /** The item has no structured conditions: every profile is only POSSIBLY_ELIGIBLE. */
  hasConditions: boolean;
  eligible: number;
  possiblyEligible: number;
}

export interface MatchCoverage {
  /** When the counts were taken (a snapshot at report time, not a monthly flow). */
  asOf: string;
  profiles: number;
  /** Current items, most matched first. */
  items: ItemCoverage[];
  /** Items neither ELIGIBLE nor POSSIBLY_ELIGIBLE for any saved profile. */
  matchingNoOne: ItemCoverage[];
}

export async function computeMatchCoverage(db: Kysely<Database>, items: readonly PreparedItem[], today: string, asOf: string): Promise<MatchCoverage> {
  const profiles = (await allProfiles(db)).map((p) => p.profile);
  const rows: ItemCoverage[] = [];
  for (const prepared of items) {
    const window = windowStatus(prepared.item, today);
    if (window === 'CLOSED' || window === 'EXPIRED') continue;
    let eligible = 0;
    let possiblyEligible = 0;
    for (const profile of profiles) {
      const v = verdictOf(prepared, profile);
      if (v === 'ELIGIBLE') eligible++;
      else if (v === 'POSSIBLY_ELIGIBLE') possiblyEligible++;
    }
    const i = prepared.item;
    rows.push({ documentId: i.documentId, itemCode: i.itemCode, title: i.title, departmentName: i.departmentName, hasConditions: prepared.conditions.length > 0, eligible, possiblyEligible });
  }
  rows.sort((a, b) => b.eligible - a.eligible || b.possiblyEligible - a.possiblyEligible || (a.itemCode ?? '').localeCompare(b.itemCode ?? ''));
  return { asOf, profiles: profiles.length, items: rows, matchingNoOne: rows.filter((r) => r.eligible === 0 && r.possiblyEligible === 0) };
}
