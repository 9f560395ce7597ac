// Role isolation for every role: who sees and does what, and every denial is the same FORBIDDEN —
// identical for a petition that exists and one that does not, so nothing leaks.
import { expect, it } from 'vitest';
import { describeEachDialect, type GqlError, type TestApi } from '../helpers/api/test-api.ts';
import { ENTERPRISE_USCC, PetitionClient, enterpriseInput, must } from '../helpers/api/petition-client.ts';

const OTHER_USCC = '9144030071526726XG';
const MISSING_ID = '01990000-0000-7000-8000-000000000000';

describeEachDialect('role isolation', (api) => {
  async function world(a: TestApi) {
    const c = {
      enterprise: new PetitionClient(await a.as({ role: 'enterprise', sub: 'ent-a', uscc: ENTERPRISE_USCC })),
      otherEnterprise: new PetitionClient(await a.as({ role: 'enterprise', sub: 'ent-b', uscc: OTHER_USCC })),
      individual: new PetitionClient(await a.as({ role: 'individual', sub: 'person-1' })),
      otherIndividual: new PetitionClient(await a.as({ role: 'individual', sub: 'person-2' })),
      hotline: new PetitionClient(await a.as({ role: 'hotline', sub: 'hotline-1' })),
      office: new PetitionClient(await a.as({ role: 'office', sub: 'office-1' })),
      economy: new PetitionClient(await a.as({ role: 'department', sub: 'd-econ', department: 'economy-commerce' })),
      tax: new PetitionClient(await a.as({ role: 'department', sub: 'd-tax', department: 'tax' })),
      leader: new PetitionClient(await a.as({ role: 'leader', sub: 'leader-1' })),
      anonymous: new PetitionClient(a.anonymous()),
    };
    a.clock.set('2025-09-26T16:00:00+08:00');
    const p = await c.enterprise.submit(enterpriseInput());
    must(await c.office.accept(p.id, 'PROFESSIONAL'));
    must(await c.office.assign(p.id, 'economy-commerce'));
    const ip = await c.individual.submit(enterpriseInput({ submitter: { kind: 'INDIVIDUAL', name: '李四' }, title: '创业咨询' }));
    return { c, id: p.id, individualId: ip.id };
  }

  const firstError = (r: { errors?: GqlError[] }) => r.errors?.[0];
  const denial = (r: { errors?: GqlError[]; data: unknown }) => ({ message: firstError(r)?.message, code: firstError(r)?.extensions?.code, data: r.data });

  it('enterprise: sees and rates only its own petitions', async () => {
    const { c, id } = await world(api());
    expect((await c.enterprise.view(id)).id).toBe(id);
    const hidden = await c.otherEnterprise.get(id);
    const missing = await c.otherEnterprise.get(MISSING_ID);
    expect(denial(hidden)).toEqual({ message: '无权访问 (forbidden)', code: 'FORBIDDEN', data: null });
    expect(denial(missing)).toEqual(denial(hidden)); // no difference between hidden and absent
    expect((await c.otherEnterprise.list()).data?.r.edges).toEqual([]);
    expect(denial(await c.otherEnterprise.rate(id))).toEqual(denial(hidden));
    // Petitioning in another enterprise's name is denied as well.
    const impersonation = await c.otherEnterprise.submitRaw(enterpriseInput());
    expect(firstError(impersonation)?.extensions?.code).toBe('FORBIDDEN');
    expect(firstError(await c.enterprise.accept(id, 'COMMON'))?.extensions?.code).toBe('FORBIDDEN');
  });

  it('individual: sees only what it submitted', async () => {
    const { c, id, individualId } = await world(api());
    expect((await c.individual.view(individualId)).submitter.kind).toBe('INDIVIDUAL');
    expect(denial(await c.otherIndividual.get(individualId))).toEqual(denial(await c.otherIndividual.get(MISSING_ID)));
    expect(firstError(await c.individual.get(id))?.extensions?.code).toBe('FORBIDDEN');
    expect((await c.individual.list()).data?.r.edges.map((e) => e.node.id)).toEqual([individualId]);
  });

  it('department: sees only assigned petitions and answers only for itself', async () => {
    const { c, id } = await world(api());
    expect((await c.economy.view(id)).status).toBe('IN_HANDLING');
    expect(denial(await c.tax.get(id))).toEqual(denial(await c.tax.get(MISSING_ID)));
    expect(denial(await c.tax.departmentAnswer(id))).toEqual(denial(await c.tax.departmentAnswer(MISSING_ID)));
    expect((await c.tax.list()).data?.r.edges).toEqual([]);
    expect((await c.economy.list({ queue: 'MINE' })).data?.r.edges.map((e) => e.node.id)).toEqual([id]);
    expect(firstError(await c.economy.finalAnswer(id))?.extensions?.code).toBe('FORBIDDEN'); // the office consolidates
    expect(firstError(await c.economy.submitRaw(enterpriseInput()))?.extensions?.code).toBe('FORBIDDEN');
  });

  it('hotline: records petitions and reads their status, nothing more', async () => {
    const { c, id } = await world(api());
    expect((await c.hotline.view(id)).status).toBe('IN_HANDLING');
    expect(firstError(await c.hotline.refuse(id, 'ILLEGAL'))?.extensions?.code).toBe('FORBIDDEN');
    expect(firstError(await c.hotline.accept(id, 'COMMON'))?.extensions?.code).toBe('FORBIDDEN');
    expect(firstError(await c.hotline.rate(id))?.extensions?.code).toBe('FORBIDDEN');
    expect(firstError(await c.hotline.departmentAnswer(id))?.extensions?.code).toBe('FORBIDDEN');
  });

  it('office: does triage and sees everything (a missing id is NOT_FOUND only for roles that see all)', async () => {
    const { c, id, individualId } = await world(api());
    const ids = (await c.office.list()).data?.r.edges.map((e) => e.node.id).sort();
    expect(ids).toEqual([id, individualId].sort());
    expect(firstError(await c.office.get(MISSING_ID))?.extensions?.code).toBe('NOT_FOUND');
    expect(firstError(await c.office.submitRaw(enterpriseInput()))?.extensions?.code).toBe('FORBIDDEN');
    expect(firstError(await c.office.rate(id))?.extensions?.code).toBe('FORBIDDEN');
  });

  it('leader: sees escalated and 共性类 petitions only', async () => {
    const { c, id } = await world(api());
    expect(denial(await c.leader.get(id))).toEqual(denial(await c.leader.get(MISSING_ID)));
    expect((await c.leader.list()).data?.r.edges).toEqual([]);
    must(await c.office.reclassify(id, 'COMMON', '涉及园区共性问题'));
    expect((await c.leader.view(id)).category).toBe('COMMON');
    expect((await c.leader.list()).data?.r.edges.map((e) => e.node.id)).toEqual([id]);
    expect(firstError(await c.leader.accept(id, 'PROFESSIONAL'))?.extensions?.code).toBe('FORBIDDEN');
  });

  it('anonymous: UNAUTHENTICATED for petitions; a bad token is refused before any resolver runs', async () => {
    const { c, id } = await world(api());
    expect(firstError(await c.anonymous.get(id))?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(firstError(await c.anonymous.submitRaw(enterpriseInput()))?.extensions?.code).toBe('UNAUTHENTICATED');
    const res = await fetch(api().server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' },
      body: JSON.stringify({ query: '{ health }' }),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { errors: GqlError[] }).errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
