// npm run bench:matching — not a test. 政策找企业 at the target scale:
//   1. matchPolicies over 2,000 prepared items (3–4 conditions each, every attribute type), for
//      3 rounds of 3,000 calls with varied profiles: p99 per call (target ≤ 50 ms).
//   2. One publish against 10,000 saved profiles: the publish watcher's scan (watermarks, profiles,
//      matching, notices recorded in the outbox, one transaction), 5 publishes, the slowest counted
//      (target ≤ 2 s).
// Items come from an in-memory source here (the index read is search-sync/Meilisearch's latency,
// measured by bench:sync). Runs on a throwaway SQLite file, or a throwaway schema when DATABASE_URL is set.
// The last line printed is one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
// The options are parsed before the api's modules load (await import below): a wrong option is answered at once.
import { parseCommandLine } from '@zone/schemas/cli';
import type { EnterpriseProfile, StoredCondition } from '@zone/schemas';
import type { ApiDatabase } from '../src/db/database.ts';
import type { IndexedItem, LoadedItems, MatchItemSource } from '../src/matching/item-source.ts';

parseCommandLine({
  command: 'npm run bench:matching',
  usage: '用法：npm run bench:matching   2,000 个条目上 matchPolicies 的 p99，以及一次发布对 10,000 个已存画像的匹配与通知记录耗时',
  options: {},
});
const { INDUSTRY_SECTIONS, QUALIFICATION_KEYS, TAX_CREDIT_RATING_KEYS, matchPolicies, prepareItems } = await import('@zone/schemas');
const { dropPostgresSchema, openDatabase } = await import('../src/db/database.ts');
const { loadEnv } = await import('../src/env.ts');
const { scanPublishes } = await import('../src/matching/push/watch-publishes.ts');
const { nearestRank } = await import('../src/report/compute/percentile.ts');

const ITEMS = 2000;
const PROFILES = 10_000;
const ROUNDS = 3;
const CALLS_PER_ROUND = 3000;
const PUBLISHES = 5;
const TODAY = '2026-11-27';
const NOW = new Date('2026-11-27T10:00:00+08:00');

/** A small deterministic generator, so every run measures the same data. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const rand = rng(42);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const divisions = INDUSTRY_SECTIONS.flatMap((s) => s.divisions.map((d) => d.code));
const sections = INDUSTRY_SECTIONS.map((s) => s.code);

function conditionsFor(n: number): StoredCondition[] {
  const all: StoredCondition[] = [
    { attribute: 'registeredInZone', operator: 'is', value: 'true', clause: '在经开区注册并纳税' },
    { attribute: 'subjectType', operator: 'in', value: pick(['industrial', 'industrial,producer_services', 'producer_services']), clause: '适用对象' },
    { attribute: 'employees', operator: pick(['gte', 'lte', 'between']) as string, value: '', clause: '从业人数' },
    { attribute: 'annualRevenue', operator: 'gte', value: String(Math.floor(rand() * 5000)), clause: '上年度营业收入' },
    { attribute: 'industry', operator: pick(['in', 'not_in']), value: [pick(sections), pick(divisions), pick(divisions)].join(','), clause: '所属行业' },
    { attribute: 'qualifications', operator: pick(['includes_any', 'includes_all']), value: [pick(QUALIFICATION_KEYS), pick(QUALIFICATION_KEYS)].join(','), clause: '资质' },
    { attribute: 'taxCreditRating', operator: 'in', value: 'A,B', clause: '纳税信用 A、B 级' },
    { attribute: 'rdExpenseRatio', operator: 'gte', value: String(1 + Math.floor(rand() * 5)), clause: '研发费用占比' },
    { attribute: 'projectInvestment', operator: 'gte', value: String(100 * (1 + Math.floor(rand() * 20))), clause: '项目投资额' },
  ];
  for (const c of all) if (c.attribute === 'employees') c.value = c.operator === 'between' ? '20,300' : String(10 + Math.floor(rand() * 300));
  const count = 3 + (n % 2);
  const chosen = [all[0]!];
  while (chosen.length < count) {
    const c = pick(all.slice(1));
    if (!chosen.includes(c)) chosen.push(c);
  }
  return chosen;
}

function item(n: number, conditions = conditionsFor(n)): IndexedItem {
  // Most items current (1,880 of 2,000): a few closed windows and expired items, as in a real list.
  const end = n % 5 === 0 ? null : n % 20 === 1 ? '2026-10-31' : `2027-${String(1 + (n % 12)).padStart(2, '0')}-28`;
  return {
    documentId: `bench${String(n).padStart(18, '0')}`,
    itemCode: `B-${n}`,
    title: `基准条目 ${n}`,
    departmentCode: 'economy-commerce',
    departmentName: '经信商务局',
    maxAmount: 10 + (n % 100),
    applicationStart: null,
    applicationEnd: end,
    effectiveUntil: null,
    validity: n % 50 === 0 ? 'expired' : 'valid',
    updatedAtTs: 0,
    conditions,
    contentHash: `h${n}`,
  };
}

function profile(): EnterpriseProfile {
  const p: EnterpriseProfile = {};
  // Each fact stated with some probability: real profiles are incomplete.
  if (rand() < 0.9) p.registeredInZone = rand() < 0.85;
  if (rand() < 0.9) p.subjectType = pick(['industrial', 'producer_services', 'startup_individual'] as const);
  if (rand() < 0.8) p.employees = Math.floor(rand() * 500);
  if (rand() < 0.7) p.annualRevenue = Math.floor(rand() * 8000);
  if (rand() < 0.7) p.industry = rand() < 0.8 ? pick(divisions) : pick(sections);
  if (rand() < 0.7) p.qualifications = QUALIFICATION_KEYS.filter(() => rand() < 0.25);
  if (rand() < 0.6) p.taxCreditRating = pick(TAX_CREDIT_RATING_KEYS);
  if (rand() < 0.5) p.rdExpenseRatio = Math.round(rand() * 80) / 10;
  if (rand() < 0.3) p.projectInvestment = Math.floor(rand() * 3000);
  return p;
}

const items = Array.from({ length: ITEMS }, (_, i) => item(i + 1));
const prepared = prepareItems(items);
const profiles = Array.from({ length: PROFILES }, profile);

// 1. matchPolicies p99.
const roundP99: number[] = [];
const allTimes: number[] = [];
let checksum = 0;
for (let round = 0; round < ROUNDS; round++) {
  const times: number[] = [];
  for (let i = 0; i < CALLS_PER_ROUND; i++) {
    const p = profiles[(round * CALLS_PER_ROUND + i) % PROFILES]!;
    const t0 = performance.now();
    const result = matchPolicies(prepared, p, { today: TODAY });
    const ms = performance.now() - t0;
    times.push(ms);
    allTimes.push(ms);
    checksum += result.length;
  }
  const p99 = nearestRank(times, 0.99)!;
  roundP99.push(p99);
  console.log(`matchPolicies round ${round + 1}: ${CALLS_PER_ROUND} calls over ${ITEMS} items, p50 ${nearestRank(times, 0.5)!.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
}

// 2. One publish against 10,000 saved profiles.
const env = loadEnv();
let database: ApiDatabase;
let cleanup: () => Promise<void>;
if (env.DATABASE_URL) {
  const schema = `bench_match_${randomBytes(4).toString('hex')}`;
  const url = env.DATABASE_URL;
  database = await openDatabase({ kind: 'postgres', url, schema });
  cleanup = async () => {
    await database.destroy();
    await dropPostgresSchema(url, schema);
  };
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-matching-'));
  database = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'api.sqlite') });
  cleanup = async () => {
    await database.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
const { db } = database;
try {
  const at = NOW.toISOString();
  for (let i = 0; i < PROFILES; i += 500) {
    await db
      .insertInto('enterprise_profiles')
      .values(profiles.slice(i, i + 500).map((p, k) => ({ uscc: `BENCH${String(i + k).padStart(13, '0')}`, profile: JSON.stringify(p), saved_by: 'bench', created_at: at, updated_at: at })))
      .execute();
  }
  let current: IndexedItem[] = items;
  const source: MatchItemSource = {
    refresh: async (): Promise<LoadedItems> => ({ items: current, prepared: prepareItems(current), loadedAt: Date.now() }),
    current: async () => ({ items: current, prepared: prepareItems(current), loadedAt: Date.now() }),
  };
  const deps = { db, source, now: () => NOW, today: () => TODAY };
  await scanPublishes(deps); // the baseline
  const publishTimes: number[] = [];
  let notices = 0;
  for (let k = 1; k <= PUBLISHES; k++) {
    // A broad item (in the zone, 10+ employees, industrial or producer services), open until 2026-12-31.
    const published = {
      ...item(ITEMS + k, [
        { attribute: 'registeredInZone', operator: 'is', value: 'true', clause: '在经开区注册' },
        { attribute: 'employees', operator: 'gte', value: String(5 * k), clause: '从业人数' },
        { attribute: 'subjectType', operator: 'in', value: 'industrial,producer_services', clause: '工业企业或生产性服务业企业' },
      ]),
      applicationEnd: '2026-12-31',
    };
    current = [...current, published];
    const t0 = performance.now();
    const r = await scanPublishes(deps);
    const s = (performance.now() - t0) / 1000;
    publishTimes.push(s);
    notices += r.noticesRecorded;
    console.log(`publish ${k}: matched against ${PROFILES} profiles, ${r.noticesRecorded} notices recorded in ${s.toFixed(3)} s`);
  }
  const recorded = await db.selectFrom('policy_match_notices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(recorded.n) !== notices) throw new Error(`notices in the outbox (${recorded.n}) differ from those reported (${notices})`);
  console.log(`database: ${database.dialect}; ${checksum / (ROUNDS * CALLS_PER_ROUND)} current items per call`);
  const result = {
    items: ITEMS,
    profiles: PROFILES,
    // p99 over every call of every round (9,000 samples); each round's own p99 is printed above.
    match_p99_ms: Math.round(nearestRank(allTimes, 0.99)! * 100) / 100,
    push_on_publish_s: Math.round(Math.max(...publishTimes) * 1000) / 1000,
  };
  console.log(JSON.stringify(result));
} finally {
  await cleanup();
}
