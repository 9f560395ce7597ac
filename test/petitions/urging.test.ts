// 第十一条 urging and escalation, and the sweeper's idempotence, concurrency and downtime behaviour.
// Fixture: a 专业类 petition received Fri 2025-09-26, due Fri 2025-10-10 (hand-counted across 国庆).
// Hand-counted schedule: urge 1 on Sat 10/11 (调休 working day), urge 2 on Mon 10/13 (Sun 10/12 is
// off), urge 3 on Tue 10/14; escalation on Wed 10/15, the working day after the 3rd urge.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PETITION_POLICY } from '@zone/schemas';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestApi } from '../helpers/api/test-api.ts';
import { TEST_DATABASE_URL } from '../helpers/api/test-database.ts';
import { PetitionClient, enterpriseInput, must, ENTERPRISE_USCC } from '../helpers/api/petition-client.ts';

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, '../..');

describeEachDialect('urging and escalation', (api) => {
  async function setup(a: TestApi, departments: { lead: string; co?: string[] } = { lead: 'economy-commerce', co: ['natural-resources'] }) {
    const office = new PetitionClient(await a.as({ role: 'office', sub: 'office-1' }));
    const enterprise = new PetitionClient(await a.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    a.clock.set('2025-09-26T16:00:00+08:00');
    const p = await enterprise.submit(enterpriseInput());
    expect(must(await office.accept(p.id, 'PROFESSIONAL')).dueDate).toBe('2025-10-10');
    must(await office.assign(p.id, departments.lead, departments.co ?? []));
    return { office, enterprise, id: p.id };
  }

  it('urges each unanswered department once per working day, then escalates after the 3rd urge', async () => {
    const a = api();
    const { office, id } = await setup(a);
    const leader = new PetitionClient(await a.as({ role: 'leader', sub: 'leader-1' }));
    const resources = new PetitionClient(await a.as({ role: 'department', sub: 'd-res', department: 'natural-resources' }));

    a.clock.set('2025-10-10T18:00:00+08:00'); // the due day itself: not late yet
    expect(await a.sweep()).toMatchObject({ urgesRecorded: 0 });
    a.clock.set('2025-10-11T09:00:00+08:00'); // Sat 调休: first working day after the deadline
    expect(await a.sweep()).toMatchObject({ urgesRecorded: 2 }); // both departments
    let v = await office.view(id);
    expect(v).toMatchObject({ overdue: true, urgeCount: 2, status: 'IN_HANDLING' });
    expect(v.remainingWorkingDays).toBe(-1);

    a.clock.set('2025-10-11T10:00:00+08:00');
    must(await resources.departmentAnswer(id)); // the co-department answers: no more urges for it
    a.clock.set('2025-10-12T09:00:00+08:00'); // Sunday: no urge
    expect(await a.sweep()).toMatchObject({ urgesRecorded: 0 });
    a.clock.set('2025-10-13T09:00:00+08:00');
    expect(await a.sweep()).toMatchObject({ urgesRecorded: 1, escalations: 0 });
    a.clock.set('2025-10-14T09:00:00+08:00');
    expect(await a.sweep()).toMatchObject({ urgesRecorded: 1, escalations: 0 });
    v = await office.view(id);
    expect(v.assignments.map((x) => [x.department, x.urgeCount])).toEqual([
      ['economy-commerce', 3],
      ['natural-resources', 1],
    ]);
    expect(v).toMatchObject({ status: 'IN_HANDLING', urgeCount: 4, escalatedAt: null });
    expect((await leader.get(id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    a.clock.set('2025-10-15T09:00:00+08:00'); // the 3rd urge went unanswered
    expect(await a.sweep()).toMatchObject({ urgesRecorded: 0, escalations: 1 });
    v = await office.view(id);
    expect(v).toMatchObject({ status: 'ESCALATED', escalatedAt: '2025-10-15T01:00:00.000Z' });
    expect((await leader.view(id)).status).toBe('ESCALATED'); // 提交领导小组

    a.clock.set('2025-10-16T09:00:00+08:00'); // the leading group coordinates now: no further urges
    expect(await a.sweep()).toEqual({ urgesRecorded: 0, escalations: 0, defaultRatings: 0 });

    const { r } = await office.timeline(id);
    const urges = r.timeline.filter((e) => e.type === 'urged').map((e) => [e.department, e.dueOn, JSON.parse(e.payload).urgeNumber]);
    expect(urges).toEqual([
      ['economy-commerce', '2025-10-11', 1],
      ['natural-resources', '2025-10-11', 1],
      ['economy-commerce', '2025-10-13', 2],
      ['economy-commerce', '2025-10-14', 3],
    ]);
    expect(r.timeline.filter((e) => e.type === 'escalated').map((e) => [e.dueOn, e.actorRole])).toEqual([['2025-10-15', 'system']]);
    expect(PETITION_POLICY.urgesBeforeEscalation).toBe(3);
  });

  it('a department answering before the deadline is never urged', async () => {
    const a = api();
    const { office, id } = await setup(a, { lead: 'tax' });
    const tax = new PetitionClient(await a.as({ role: 'department', sub: 'd-tax', department: 'tax' }));
    a.clock.set('2025-10-09T09:00:00+08:00');
    must(await tax.departmentAnswer(id));
    a.clock.set('2025-10-20T09:00:00+08:00');
    expect(await a.sweep()).toMatchObject({ urgesRecorded: 0, escalations: 0 });
    expect((await office.view(id)).status).toBe('IN_HANDLING'); // overdue for the office's final answer, but no department to urge
  });

  it('after a week of downtime records each urge that was due, with its due date and the real recording time', async () => {
    const a = api();
    const { office, id } = await setup(a);
    a.clock.set('2025-10-17T10:00:00+08:00'); // first pass since before the deadline
    expect(await a.sweep()).toEqual({ urgesRecorded: 6, escalations: 1, defaultRatings: 0 });
    const { r } = await office.timeline(id);
    const late = r.timeline.filter((e) => e.type === 'urged' || e.type === 'escalated');
    expect(late.map((e) => [e.type, e.department, e.dueOn])).toEqual([
      ['urged', 'economy-commerce', '2025-10-11'],
      ['urged', 'natural-resources', '2025-10-11'],
      ['urged', 'economy-commerce', '2025-10-13'],
      ['urged', 'natural-resources', '2025-10-13'],
      ['urged', 'economy-commerce', '2025-10-14'],
      ['urged', 'natural-resources', '2025-10-14'],
      ['escalated', null, '2025-10-15'],
    ]);
    // No pretending: every one says it was recorded at 10/17 10:00 Shanghai.
    expect(new Set(late.map((e) => e.recordedAt))).toEqual(new Set(['2025-10-17T02:00:00.000Z']));
    // Running again changes nothing (idempotent).
    expect(await a.sweep()).toEqual({ urgesRecorded: 0, escalations: 0, defaultRatings: 0 });
  });

  it('two sweeper processes started at once record no duplicate urges', async () => {
    const a = api();
    const office = new PetitionClient(await a.as({ role: 'office', sub: 'office-1' }));
    const enterprise = new PetitionClient(await a.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    a.clock.set('2025-09-26T16:00:00+08:00');
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const p = await enterprise.submit(enterpriseInput({ title: `并发催办 ${i}` }));
      must(await office.accept(p.id, 'PROFESSIONAL'));
      must(await office.assign(p.id, 'economy-commerce', i % 2 === 0 ? ['tax'] : []));
      ids.push(p.id);
    }
    // Two real processes against the same database, both at 10/17 (3 urges per department due).
    const env: Record<string, string> = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent' } as Record<string, string>;
    if (a.dialect === 'postgres') {
      env['DATABASE_URL'] = TEST_DATABASE_URL ?? '';
      env['DATABASE_SCHEMA'] = await currentSchema(a);
    } else {
      env['DATA_DIR'] = await sqliteDir(a);
      delete env['DATABASE_URL'];
    }
    const tsx = path.join(REPO, 'node_modules/.bin/tsx');
    const script = path.join(REPO, 'api/scripts/sweep-once.ts');
    const results = await Promise.all(
      [0, 1].map(async () => JSON.parse((await run(tsx, [script, '--now', '2025-10-17T10:00:00+08:00'], { env, cwd: REPO })).stdout.trim().split('\n').pop() ?? '{}')),
    );
    // 12 petitions × 3 urges for the lead + 6 co-departments × 3 urges = 54; 12 escalations — split
    // between the two processes, never doubled.
    expect(results[0].urgesRecorded + results[1].urgesRecorded).toBe(54);
    expect(results[0].escalations + results[1].escalations).toBe(12);
    const dupes = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM (SELECT petition_id, dedupe_key FROM petition_events
      WHERE dedupe_key IS NOT NULL GROUP BY petition_id, dedupe_key HAVING COUNT(*) > 1) d`.execute(a.app.database.db);
    expect(Number(dupes.rows[0]?.n)).toBe(0);
    expect((await office.view(ids[0] ?? '')).urgeCount).toBe(6);
  }, 60_000);
});

async function currentSchema(a: TestApi): Promise<string> {
  const r = await sql<{ s: string }>`SELECT current_schema() AS s`.execute(a.app.database.db);
  return r.rows[0]?.s ?? '';
}

async function sqliteDir(a: TestApi): Promise<string> {
  const r = await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(a.app.database.db);
  return path.dirname(r.rows[0]?.file ?? '');
}
