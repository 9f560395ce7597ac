// The console's lists: my queue, overdue, by department, by category, by status — with cursor
// pagination and a maximum page size; and the 第十二条 monthly report.
import { PETITION_LIMITS } from '@zone/schemas';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestApi } from '../helpers/api/test-api.ts';
import { ENTERPRISE_USCC, PetitionClient, enterpriseInput, must } from '../helpers/api/petition-client.ts';

describeEachDialect('console lists', (api) => {
  async function seed(a: TestApi) {
    const enterprise = new PetitionClient(await a.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    const office = new PetitionClient(await a.as({ role: 'office', sub: 'o' }));
    const econ = new PetitionClient(await a.as({ role: 'department', sub: 'd1', department: 'economy-commerce' }));
    a.clock.set('2025-09-26T16:00:00+08:00');
    const received = await enterprise.submit(enterpriseInput({ title: 'received' }));
    const consult = await enterprise.submit(enterpriseInput({ title: 'consultation' }));
    must(await office.accept(consult.id, 'CONSULTATION')); // due Sun 9/28
    const prof = await enterprise.submit(enterpriseInput({ title: 'professional' }));
    must(await office.accept(prof.id, 'PROFESSIONAL')); // due 10/10
    must(await office.assign(prof.id, 'economy-commerce', ['tax']));
    const answeredByEcon = await enterprise.submit(enterpriseInput({ title: 'answered by econ' }));
    must(await office.accept(answeredByEcon.id, 'COMPREHENSIVE'));
    must(await office.assign(answeredByEcon.id, 'economy-commerce'));
    must(await econ.departmentAnswer(answeredByEcon.id));
    const refused = await enterprise.submit(enterpriseInput({ title: 'refused' }));
    must(await office.refuse(refused.id, 'JUDICIAL'));
    return { enterprise, office, econ, ids: { received: received.id, consult: consult.id, prof: prof.id, answeredByEcon: answeredByEcon.id, refused: refused.id } };
  }
  const idsOf = (r: { data: { r: { edges: { node: { id: string } }[] } } | null }) => (r.data?.r.edges ?? []).map((e) => e.node.id).sort();

  it('filters by status, category, department and overdue', async () => {
    const a = api();
    const { office, ids } = await seed(a);
    a.clock.set('2025-09-29T09:00:00+08:00'); // the consultation (due 9/28) is now overdue
    expect(idsOf(await office.list({ status: ['RECEIVED'] }))).toEqual([ids.received]);
    expect(idsOf(await office.list({ status: ['REFUSED', 'RECEIVED'] }))).toEqual([ids.received, ids.refused].sort());
    expect(idsOf(await office.list({ category: 'PROFESSIONAL' }))).toEqual([ids.prof]);
    expect(idsOf(await office.list({ department: 'tax' }))).toEqual([ids.prof]);
    expect(idsOf(await office.list({ department: 'economy-commerce' }))).toEqual([ids.prof, ids.answeredByEcon].sort());
    expect(idsOf(await office.list({ overdue: true }))).toEqual([ids.consult]);
    expect(idsOf(await office.list({ overdue: false }))).not.toContain(ids.consult);
  });

  it("my queue depends on who asks", async () => {
    const a = api();
    const { office, econ, enterprise, ids } = await seed(a);
    // Office: triage and consolidation (not the refused one).
    expect(idsOf(await office.list({ queue: 'MINE' }))).toEqual([ids.received, ids.consult, ids.prof, ids.answeredByEcon].sort());
    // Department: assigned and not yet answered by it.
    expect(idsOf(await econ.list({ queue: 'MINE' }))).toEqual([ids.prof]);
    // Enterprise: nothing to rate or supply yet.
    expect(idsOf(await enterprise.list({ queue: 'MINE' }))).toEqual([]);
    must(await office.requestMaterials(ids.received));
    expect(idsOf(await enterprise.list({ queue: 'MINE' }))).toEqual([ids.received]);
  });

  it('pages with an opaque cursor, newest first, at most the maximum page size', async () => {
    const a = api();
    const { office } = await seed(a);
    const first = await office.list({}, 2);
    expect(first.data?.r.edges.map((e) => e.node.title)).toEqual(['refused', 'answered by econ']);
    expect(first.data?.r.pageInfo.hasNextPage).toBe(true);
    const second = await office.list({}, 2, first.data?.r.pageInfo.endCursor ?? undefined);
    expect(second.data?.r.edges.map((e) => e.node.title)).toEqual(['professional', 'consultation']);
    const third = await office.list({}, 2, second.data?.r.pageInfo.endCursor ?? undefined);
    expect(third.data?.r.edges.map((e) => e.node.title)).toEqual(['received']);
    expect(third.data?.r.pageInfo.hasNextPage).toBe(false);
    expect((await office.list({}, PETITION_LIMITS.pageSizeMax + 1)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('第十二条 monthly report for the leading group', async () => {
    const a = api();
    const { office, ids } = await seed(a);
    a.clock.set('2025-09-30T10:00:00+08:00');
    must(await office.finalAnswer(ids.consult)); // due 9/28: late
    const leader = await a.as({ role: 'leader', sub: 'l' });
    // The deprecated petitionMonthlyReport is gone; monthlyReport (report.graphql) carries the same
    // figures: 5 received in September, 1 answered (late), and 3 still open (2 in handling, 1 received).
    // The running month is taken as of now, exclusive, so the report is read a minute after the answer.
    a.clock.set('2025-09-30T10:01:00+08:00');
    const q = `query($m: String!) { monthlyReport(month: $m) { month received { value }
      resolution { answered { value } answeredOnTime { value } openAtMonthEnd { value } } } }`;
    const r = await leader.ok<{ monthlyReport: Record<string, unknown> }>(q, { m: '2025-09' });
    expect(r.monthlyReport).toMatchObject({
      month: '2025-09',
      received: { value: 5 },
      resolution: { answered: { value: 1 }, answeredOnTime: { value: 0 }, openAtMonthEnd: { value: 3 } },
    });
    const enterprise = await a.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC });
    expect(await enterprise.errorCode(q, { m: '2025-09' })).toBe('FORBIDDEN');
  });
});
