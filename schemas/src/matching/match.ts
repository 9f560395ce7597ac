// 政策找企业: which current policy items an enterprise is eligible for, and why. A pure function
// of the items, the profile and today's date; every verdict carries each condition's result, the
// clause of 申报条件 it quotes, and the facts still missing to decide.
import type { SearchDocument } from '../search/search-document.ts';
import { describeCondition, parseCondition, type Condition, type StoredCondition } from './conditions.ts';
import type { EnterpriseProfile } from './profile.ts';
import { ATTRIBUTE_VALUES, INDUSTRY_SECTION_OF_DIVISION, MATCH_ATTRIBUTES, industryLabel, type MatchAttribute } from './vocabulary.ts';

export const MATCH_VERDICTS = ['ELIGIBLE', 'POSSIBLY_ELIGIBLE', 'NOT_ELIGIBLE'] as const;
export type MatchVerdict = (typeof MATCH_VERDICTS)[number];
export type ConditionResult = 'MET' | 'NOT_MET' | 'UNKNOWN';
/** EXPIRED: the item is no longer in force; CLOSED: its application window has ended. */
export type WindowStatus = 'OPEN' | 'UPCOMING' | 'CLOSED' | 'EXPIRED';

/** What matching needs of an item: the fields of its zh-Hans search document. */
export type MatchableItem = Pick<
  SearchDocument,
  'documentId' | 'itemCode' | 'title' | 'departmentCode' | 'departmentName' | 'maxAmount' | 'applicationStart' | 'applicationEnd' | 'effectiveUntil' | 'validity' | 'updatedAtTs'
> & { conditions: StoredCondition[] };

interface PreparedCondition {
  stored: StoredCondition;
  condition: Condition | null;
  description: string;
  /** Why a stored condition could not be read (bad data in the CMS), else null. */
  invalid: string | null;
}

/** An item with its conditions parsed once; the api caches these between index loads. */
export interface PreparedItem {
  item: MatchableItem;
  conditions: PreparedCondition[];
}

export interface ConditionVerdict {
  attribute: string;
  operator: string;
  value: string;
  /** The condition in words, e.g. 员工人数 ≥ 50 人. */
  description: string;
  /** The clause of 申报条件 the condition quotes. */
  clause: string | null;
  result: ConditionResult;
  /** Why, in Chinese, e.g. 员工人数为 30 人，不满足 ≥ 50 人. */
  reason: string;
}

export interface PolicyMatch {
  item: MatchableItem;
  verdict: MatchVerdict;
  window: WindowStatus;
  conditions: ConditionVerdict[];
  /** Attributes whose facts the profile lacks and that would decide an UNKNOWN condition. */
  unknownAttributes: MatchAttribute[];
}

export interface MatchOptions {
  /** Today in Asia/Shanghai, YYYY-MM-DD: decides expired and closed items. */
  today: string;
  /** Keep expired and closed items, marked by `window`; by default they are left out. */
  includeClosed?: boolean;
}

export function prepareItem(item: MatchableItem): PreparedItem {
  return {
    item,
    conditions: item.conditions.map((stored) => {
      const parsed = parseCondition(stored);
      if (parsed.ok) return { stored, condition: parsed.condition, description: describeCondition(parsed.condition), invalid: null };
      return { stored, condition: null, description: `${stored.attribute} ${stored.operator} ${stored.value}`, invalid: parsed.reason };
    }),
  };
}

/** Prepared items in the order matching returns them (closing soonest first, then item code). */
export function prepareItems(items: readonly MatchableItem[]): PreparedItem[] {
  return items.map(prepareItem).sort((a, b) => compareItems(a.item, b.item));
}

function compareItems(a: MatchableItem, b: MatchableItem): number {
  const ea = a.applicationEnd;
  const eb = b.applicationEnd;
  if (ea !== eb) {
    if (ea === null) return 1;
    if (eb === null) return -1;
    return ea < eb ? -1 : 1;
  }
  const ca = a.itemCode ?? a.documentId;
  const cb = b.itemCode ?? b.documentId;
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

const fmt = (attribute: MatchAttribute, v: number) => `${v}${MATCH_ATTRIBUTES[attribute].unit ? ` ${MATCH_ATTRIBUTES[attribute].unit}` : ''}`;

/** Industry membership: true/false, or null when only the 门类 is known and 大类 inside it decide. */
function industryListed(codes: readonly string[], code: string): boolean | null {
  const division = /^\d{2}$/.test(code) ? code : null;
  const section = division ? INDUSTRY_SECTION_OF_DIVISION.get(division) : code;
  if (division) return codes.includes(division) || (section !== undefined && codes.includes(section));
  if (section && codes.includes(section)) return true;
  // Only the 门类 is known and the condition names 大类 inside it: the 大类 decides.
  if (codes.some((k) => INDUSTRY_SECTION_OF_DIVISION.get(k) === section)) return null;
  return false;
}

const known = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined && (v as unknown) !== '';
const result = (met: boolean): ConditionResult => (met ? 'MET' : 'NOT_MET');

/** One condition against the profile: MET, NOT_MET, or UNKNOWN when the fact is not stated. No strings built. */
export function conditionResult(c: Condition, profile: EnterpriseProfile): ConditionResult {
  switch (c.attribute) {
    case 'registeredInZone': {
      const v = profile.registeredInZone;
      return known(v) ? result(v === c.value) : 'UNKNOWN';
    }
    case 'subjectType':
    case 'taxCreditRating': {
      const v = profile[c.attribute];
      if (!known(v)) return 'UNKNOWN';
      const listed = c.values.includes(v);
      return result(c.operator === 'in' ? listed : !listed);
    }
    case 'qualifications': {
      const held = profile.qualifications as string[] | null | undefined;
      if (!known(held)) return 'UNKNOWN';
      const has = (q: string) => held.includes(q);
      return result(c.operator === 'includes_any' ? c.values.some(has) : c.operator === 'includes_all' ? c.values.every(has) : !c.values.some(has));
    }
    case 'industry': {
      const code = profile.industry;
      if (!known(code)) return 'UNKNOWN';
      const listed = industryListed(c.codes, code);
      return listed === null ? 'UNKNOWN' : result(c.operator === 'in' ? listed : !listed);
    }
    default: {
      const v = profile[c.attribute];
      if (!known(v)) return 'UNKNOWN';
      switch (c.operator) {
        case 'between':
          return result(v >= c.min && v <= c.max);
        case 'gte':
          return result(v >= c.value);
        case 'gt':
          return result(v > c.value);
        case 'lte':
          return result(v <= c.value);
        case 'lt':
          return result(v < c.value);
        case 'eq':
          return result(v === c.value);
      }
    }
  }
}

/** The stated fact in words, for the reason of a verdict. */
function statedFact(c: Condition, profile: EnterpriseProfile): string {
  switch (c.attribute) {
    case 'registeredInZone':
      return profile.registeredInZone ? '是' : '否';
    case 'qualifications':
      return profile.qualifications?.length ? profile.qualifications.map((q) => ATTRIBUTE_VALUES.qualifications[q] ?? q).join('、') : '无';
    case 'subjectType':
    case 'taxCreditRating':
      return ATTRIBUTE_VALUES[c.attribute][String(profile[c.attribute])] ?? String(profile[c.attribute]);
    case 'industry':
      return industryLabel(String(profile.industry));
    default:
      return fmt(c.attribute, profile[c.attribute] as number);
  }
}

/** The result with its reason in Chinese, e.g. 员工人数为 30 人，不满足. */
export function evaluateCondition(c: Condition, profile: EnterpriseProfile): { result: ConditionResult; reason: string } {
  const label = MATCH_ATTRIBUTES[c.attribute].label;
  const r = conditionResult(c, profile);
  if (r === 'UNKNOWN') {
    if (c.attribute === 'industry' && known(profile.industry)) return { result: r, reason: `只填写了门类 ${profile.industry}，需填写行业大类才能判断` };
    return { result: r, reason: `尚未填写「${label}」` };
  }
  return { result: r, reason: `${label}为 ${statedFact(c, profile)}，${r === 'MET' ? '满足' : '不满足'}` };
}

/** The verdict alone, without reasons (the report counts millions of these). */
export function verdictOf(prepared: PreparedItem, profile: EnterpriseProfile): MatchVerdict {
  let unknown = prepared.conditions.length === 0;
  for (const pc of prepared.conditions) {
    if (!pc.condition) {
      unknown = true;
      continue;
    }
    const r = conditionResult(pc.condition, profile);
    if (r === 'NOT_MET') return 'NOT_ELIGIBLE';
    if (r === 'UNKNOWN') unknown = true;
  }
  return unknown ? 'POSSIBLY_ELIGIBLE' : 'ELIGIBLE';
}

export function windowStatus(item: MatchableItem, today: string): WindowStatus {
  if (item.validity !== 'valid' || (item.effectiveUntil !== null && item.effectiveUntil < today)) return 'EXPIRED';
  if (item.applicationEnd !== null && item.applicationEnd < today) return 'CLOSED';
  if (item.applicationStart !== null && item.applicationStart > today) return 'UPCOMING';
  return 'OPEN';
}

/** Every condition's verdict with its reason, and the facts missing (built when first read). */
function details(prepared: PreparedItem, profile: EnterpriseProfile): { conditions: ConditionVerdict[]; unknownAttributes: MatchAttribute[] } {
  const conditions: ConditionVerdict[] = [];
  const unknownAttributes = new Set<MatchAttribute>();
  for (const pc of prepared.conditions) {
    const { result, reason } = pc.condition
      ? evaluateCondition(pc.condition, profile)
      : { result: 'UNKNOWN' as const, reason: `条件录入有误，无法自动判断：${pc.invalid ?? ''}` };
    if (result === 'UNKNOWN' && pc.condition) unknownAttributes.add(pc.condition.attribute);
    conditions.push({ attribute: pc.stored.attribute, operator: pc.stored.operator, value: pc.stored.value, description: pc.description, clause: pc.condition?.clause ?? pc.stored.clause, result, reason });
  }
  return { conditions, unknownAttributes: [...unknownAttributes] };
}

/**
 * A verdict whose per-condition reasons are worked out when first read: matching 2,000 items costs
 * only the comparisons, and the reasons are built for the items a caller actually shows.
 */
class ItemMatch implements PolicyMatch {
  #details: ReturnType<typeof details> | undefined;
  readonly item: MatchableItem;
  constructor(
    private readonly prepared: PreparedItem,
    private readonly profile: EnterpriseProfile,
    readonly verdict: MatchVerdict,
    readonly window: WindowStatus,
  ) {
    this.item = prepared.item;
  }
  get conditions(): ConditionVerdict[] {
    return (this.#details ??= details(this.prepared, this.profile)).conditions;
  }
  get unknownAttributes(): MatchAttribute[] {
    return (this.#details ??= details(this.prepared, this.profile)).unknownAttributes;
  }
}

/** One item's verdict for one profile (the window is reported, not applied). */
export function matchItem(prepared: PreparedItem, profile: EnterpriseProfile, today: string): PolicyMatch {
  // A copy: the reasons are built later and must describe the profile as it was matched.
  const frozen = { ...profile };
  return new ItemMatch(prepared, frozen, verdictOf(prepared, frozen), windowStatus(prepared.item, today));
}

const VERDICT_ORDER: Record<MatchVerdict, number> = { ELIGIBLE: 0, POSSIBLY_ELIGIBLE: 1, NOT_ELIGIBLE: 2 };

/** Closing soonest first (no end date last), then eligible before possibly before not, then item code. */
export function compareMatches(a: PolicyMatch, b: PolicyMatch): number {
  const ea = a.item.applicationEnd;
  const eb = b.item.applicationEnd;
  if (ea !== eb) return compareItems(a.item, b.item);
  const v = VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict];
  return v !== 0 ? v : compareItems(a.item, b.item);
}

/** Matches already in item order → the order of compareMatches, without a sort: within each run of
 * one closing date, eligible first, then possibly, then not (each kept in item-code order). */
function orderByVerdictWithinDate(matches: PolicyMatch[]): PolicyMatch[] {
  const out: PolicyMatch[] = [];
  const buckets: [PolicyMatch[], PolicyMatch[], PolicyMatch[]] = [[], [], []];
  let runEnd: string | null | undefined;
  const flush = () => {
    for (const b of buckets) {
      for (const m of b) out.push(m);
      b.length = 0;
    }
  };
  for (const m of matches) {
    if (m.item.applicationEnd !== runEnd) {
      flush();
      runEnd = m.item.applicationEnd;
    }
    buckets[VERDICT_ORDER[m.verdict]]!.push(m);
  }
  flush();
  return out;
}

/**
 * Every current item with its verdict for the profile, closing soonest first. Items no longer in
 * force (EXPIRED) or whose window has ended (CLOSED) are left out unless `includeClosed` asks for them.
 */
export function matchPolicies(items: readonly PreparedItem[], profile: EnterpriseProfile, options: MatchOptions): PolicyMatch[] {
  const out: PolicyMatch[] = [];
  const frozen = { ...profile };
  for (const prepared of items) {
    const window = windowStatus(prepared.item, options.today);
    if ((window === 'EXPIRED' || window === 'CLOSED') && !options.includeClosed) continue;
    out.push(new ItemMatch(prepared, frozen, verdictOf(prepared, frozen), window));
  }
  // Items prepared by prepareItems are already in item order (the api's cache is); others are sorted here.
  let inOrder = true;
  for (let i = 1; i < items.length && inOrder; i++) inOrder = compareItems(items[i - 1]!.item, items[i]!.item) <= 0;
  return inOrder ? orderByVerdictWithinDate(out) : out.sort(compareMatches);
}
