// npm run bench:petitions — not a test. Creates 100,000 open petitions whose due dates are spread
// over the last 30 working days (bulk-inserted straight into the projection), times ONE sweeper
// pass, then times 500 submissions through the real intake service. The last line printed is one
// JSON object. Runs on a throwaway SQLite file, or on a throwaway schema when DATABASE_URL is set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
// The options are parsed before the api's modules load (await import below): a wrong option is answered at once.
import { parseCommandLine } from '@zone/schemas/cli';
import type { Clock } from '../src/clock/clock.ts';
import type { ApiDatabase } from '../src/db/database.ts';
import type { PetitionAssignmentsTable, PetitionEventsTable, PetitionStatesTable, PetitionsTable } from '../src/db/schema.ts';

// Expected figures, worked out by hand (the run prints the measured ones):
//   petition i is due on the (i mod 30 + 1)-th working day before today (a working Friday), so with
//   j = i mod 30 + 1 it has min(j, 3) urges due per silent department and is escalated when j ≥ 4.
//   Escalations: 100,000 − 3 × 3,334 (j = 1, 2, 3) = 89,998.
//   Lead urges: 3,334×1 + 3,334×2 + 93,332×3 = 289,998. Every 5th petition has a co-department:
//   3,334 of those have j = 1 (1 urge), the other 16,666 have j ≥ 6 (3 urges): 53,332.
//   Urges in total: 343,330.
const OPEN_PETITIONS = 100_000;
const WORKING_DAYS_BACK = 30;
const SUBMISSIONS = 500;
const BATCH = 500;
const NOW = new Date('2025-11-28T10:00:00+08:00'); // a Friday
const DEPARTMENTS = ['economy-commerce', 'development-reform', 'natural-resources', 'tax', 'market-regulation', 'construction-transport'];

const { values: cli } = parseCommandLine({
  command: 'npm run bench:petitions',
  usage: '用法：npm run bench:petitions -- [--profile]   10 万件在办诉求的催办扫描与提交耗时（最后一行是 JSON）；--profile 列出最慢的查询',
  options: { profile: { type: 'boolean', default: false } },
});
const { endOfShanghaiDay, shanghaiDate } = await import('../src/clock/shanghai-time.ts');
const { WorkingCalendar } = await import('../src/calendar/working-calendar.ts');
const { dropPostgresSchema, openDatabase } = await import('../src/db/database.ts');
const { loadEnv } = await import('../src/env.ts');
const { petitionDeps } = await import('../src/petitions/deps.ts');
const { submitPetition } = await import('../src/petitions/intake/submit-petition.ts');
const { newPetitionId } = await import('../src/petitions/intake/petition-id.ts');
const { sweep } = await import('../src/petitions/urging/sweeper.ts');
const env = loadEnv();
const profile = cli.profile;
const queryTimes = new Map<string, { ms: number; n: number }>();
let profiling = false;
const onQuery = profile
  ? (text: string, ms: number) => {
      if (!profiling) return;
      const key = text.replace(/\s+/g, ' ').slice(0, 110);
      const t = queryTimes.get(key) ?? { ms: 0, n: 0 };
      queryTimes.set(key, { ms: t.ms + ms, n: t.n + 1 });
    }
  : undefined;
let database: ApiDatabase;
let cleanup: () => Promise<void>;
if (env.DATABASE_URL) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const url = env.DATABASE_URL;
  database = await openDatabase({ kind: 'postgres', url, schema, onQuery });
  cleanup = async () => {
    await database.destroy();
    await dropPostgresSchema(url, schema);
  };
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-petitions-'));
  database = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'api.sqlite'), onQuery });
  cleanup = async () => {
    await database.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

try {
  const calendar = new WorkingCalendar();
  const today = shanghaiDate(NOW);
  const dueDates = Array.from({ length: WORKING_DAYS_BACK }, (_, i) => calendar.subtractWorkingDays(today, i + 1));
  console.log(`dialect ${database.dialect}; today ${today}; due dates ${dueDates[dueDates.length - 1]} … ${dueDates[0]}`);

  const setupStart = performance.now();
  const nowIso = NOW.toISOString();
  await database.db.transaction().execute(async (trx) => {
    for (let start = 0; start < OPEN_PETITIONS; start += BATCH) {
      const petitions: Insertable<PetitionsTable>[] = [];
      const states: Insertable<PetitionStatesTable>[] = [];
      const assignments: Insertable<PetitionAssignmentsTable>[] = [];
      const events: Insertable<PetitionEventsTable>[] = [];
      for (let i = start; i < Math.min(start + BATCH, OPEN_PETITIONS); i++) {
        const dueOn = dueDates[i % WORKING_DAYS_BACK] ?? today;
        const receivedOn = calendar.subtractWorkingDays(dueOn, 5);
        const id = newPetitionId(NOW);
        const receivedAt = new Date(`${receivedOn}T09:00:00+08:00`).toISOString();
        petitions.push({
          id, channel: 'website', topic: 'production_operation', submitter_kind: 'enterprise',
          submitter_name: `企业${i}`, submitter_uscc: '91330100799655058B', owner_subject: `bench-${i}`, contact_name: '联系人',
          contact_phone: '0573-82000000', contact_email: null, title: `诉求 ${i}`, content: '基准测试诉求内容，包含企业反映的具体情况与诉求事项。'.repeat(20), attachments: '[]',
          received_at: receivedAt, received_on: receivedOn, recorded_by_role: 'enterprise', recorded_by_id: `bench-${i}`,
          idempotency_scope: 'bench', idempotency_key: `bench-${i}`, request_hash: 'bench',
        });
        states.push({
          petition_id: id, status: 'in_handling', category: 'professional', sla_working_days: 5,
          paused_working_days: 0, paused_at: null, paused_on: null, accepted_at: receivedAt, due_on: dueOn,
          due_at: endOfShanghaiDay(dueOn).toISOString(), escalated_at: null, closed_at: null, refusal_reason: null,
          refusal_explanation: null, market_referral: null, market_explanation: null, expert_opinions: '[]', answer_text: null,
          answer_policy_ids: null, answered_at: null, answer_on_time: null, rating_due_on: null, satisfaction: null, stars_quality: null,
          stars_attitude: null, stars_efficiency: null, rating_comment: null, rating_default: null, rated_at: null, updated_at: nowIso,
        });
        const lead = DEPARTMENTS[i % DEPARTMENTS.length] ?? 'tax';
        assignments.push({ petition_id: id, department: lead, role: 'lead', position: 0, assigned_at: receivedAt, answer_text: null, answered_at: null });
        if (i % 5 === 0) {
          const co = DEPARTMENTS[(i + 1) % DEPARTMENTS.length] ?? 'tax';
          assignments.push({ petition_id: id, department: co, role: 'co', position: 1, assigned_at: receivedAt, answer_text: null, answered_at: null });
        }
        events.push({ petition_id: id, type: 'submitted', actor_role: 'enterprise', actor_id: `bench-${i}`, department: null, occurred_at: receivedAt, due_on: null, dedupe_key: null, payload: '{}' });
      }
      await trx.insertInto('petitions').values(petitions).execute();
      await trx.insertInto('petition_states').values(states).execute();
      await trx.insertInto('petition_assignments').values(assignments).execute();
      await trx.insertInto('petition_events').values(events).execute();
    }
  });
  console.log(`setup: ${OPEN_PETITIONS} open petitions inserted in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);

  const clock: Clock = { now: () => new Date(NOW.getTime()) };
  const deps = petitionDeps(database.db, database.dialect, clock);
  profiling = true;
  const sweepStart = performance.now();
  const result = await sweep(deps);
  const sweepS = (performance.now() - sweepStart) / 1000;
  profiling = false;
  if (profile) {
    for (const [q, t] of [...queryTimes].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8)) console.log(`  ${t.ms.toFixed(0).padStart(6)} ms ×${t.n} ${q}`);
  }
  console.log(`sweep: ${sweepS.toFixed(3)} s, ${result.urgesRecorded} urges, ${result.escalations} escalations`);

  const actor = { role: 'enterprise' as const, id: 'bench-submitter', uscc: '91330100799655058B' };
  const input = {
    channel: 'website', topic: 'production_operation', title: '基准测试提交',
    submitter: { kind: 'enterprise', name: '阿里巴巴（中国）有限公司', uscc: '91330100799655058B' },
    contact: { name: '张经理', phone: '0573-82000000', email: null },
    content: '我司二期厂房投产，需要将用电容量由 800kVA 增至 1600kVA，请协调。', attachments: [],
  };
  for (let i = 0; i < 20; i++) await submitPetition(deps, actor, input, `bench-warmup-${i}`);
  const timings: number[] = [];
  for (let i = 0; i < SUBMISSIONS; i++) {
    const t = performance.now();
    await submitPetition(deps, actor, { ...input, title: `基准测试提交 ${i}` }, `bench-submit-${i}`);
    timings.push(performance.now() - t);
  }
  timings.sort((a, b) => a - b);
  const p99 = timings[Math.ceil(timings.length * 0.99) - 1] ?? Number.NaN;
  console.log(`submit: ${SUBMISSIONS} submissions, p50 ${(timings[Math.floor(timings.length / 2)] ?? 0).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
  console.log(
    JSON.stringify({
      open_petitions: OPEN_PETITIONS,
      sweep_s: Number(sweepS.toFixed(3)),
      urges_recorded: result.urgesRecorded,
      escalations: result.escalations,
      submit_p99_ms: Number(p99.toFixed(2)),
    }),
  );
} finally {
  await cleanup();
}
