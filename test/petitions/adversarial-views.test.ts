// Each role gets its own view of a petition record. The expected view is written here BY HAND from the
// mechanism (第七、十、十二条) and the SDL's promises, not read from the api's table. The test then
// enumerates every role of the api (ROLES) and every field of the SDL's Petition type, and for each
// (role, field) asserts that the role gets exactly its view; a new role or a new field without an entry
// here fails the suite.
import { buildSchema, getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { expect, it } from 'vitest';
import { ROLES, type Claims } from '../../api/src/auth/actor.ts';
import { loadTypeDefs } from '../../api/src/graphql/load-type-defs.ts';
import { describeEachDialect, type GqlClient, type TestApi } from '../helpers/api/test-api.ts';
import { ENTERPRISE_USCC, PetitionClient, enterpriseInput, must } from '../helpers/api/petition-client.ts';

const OTHER_USCC = '9144030071526726XG';

/** Who looks at the record: every role, and for the roles tied to a petition, each relation to it. */
const PRINCIPALS = {
  enterpriseOwner: { role: 'enterprise', sub: 'ent-a', uscc: ENTERPRISE_USCC },
  otherEnterprise: { role: 'enterprise', sub: 'ent-b', uscc: OTHER_USCC },
  individualOwner: { role: 'individual', sub: 'person-1' },
  otherIndividual: { role: 'individual', sub: 'person-2' },
  office: { role: 'office', sub: 'office-1' },
  leadDepartment: { role: 'department', sub: 'd-econ', department: 'economy-commerce' },
  coDepartment: { role: 'department', sub: 'd-tax', department: 'tax' },
  unrelatedDepartment: { role: 'department', sub: 'd-res', department: 'natural-resources' },
  hotline: { role: 'hotline', sub: 'hotline-1' },
  leader: { role: 'leader', sub: 'leader-1' },
} as const satisfies Record<string, Claims>;
type Principal = keyof typeof PRINCIPALS;

/** The views, by hand. `owner` is whichever of enterpriseOwner / individualOwner submitted the petition. */
type Viewer = 'owner' | 'office' | 'hotline' | 'lead' | 'co' | 'leader';
const ALL: Viewer[] = ['owner', 'office', 'hotline', 'lead', 'co', 'leader'];
const STAFF: Viewer[] = ['office', 'hotline', 'lead', 'co', 'leader'];
const EXPECTED_VIEW: Record<string, Viewer[]> = {
  // The matter itself, its status and deadline, and the office's answer: everyone who may see the petition.
  id: ALL, status: ALL, channel: ALL, topic: ALL, submitter: ALL, title: ALL, content: ALL, attachments: ALL,
  receivedAt: ALL, recordedByRole: ALL, category: ALL, refusal: ALL, marketReferral: ALL, answer: ALL, rating: ALL,
  dueAt: ALL, dueDate: ALL, remainingWorkingDays: ALL, overdue: ALL, paused: ALL, pausedWorkingDays: ALL,
  hotlineReplyPromise: ALL, // derived from receivedAt and the calendar; only for calls taken on 96871
  timeline: ALL, // filtered per viewer, asserted below
  // The leading group coordinates the matter; it gets no phone numbers (as in the monthly report).
  contact: ['owner', 'office', 'hotline', 'lead', 'co'],
  // The internal working record (第十、十一条): not the submitter's.
  assignments: STAFF,
  urgeCount: STAFF,
  escalatedAt: STAFF,
  // 会商 and expert opinions: those who handle the matter, not the hotline.
  expertOpinions: ['office', 'lead', 'co', 'leader'],
};

const schema = buildSchema(loadTypeDefs().join('\n'));
const petitionType = schema.getType('Petition') as GraphQLObjectType;

/** Every field of a type, objects expanded: the whole record as a client could ask for it. */
function selectAll(type: GraphQLObjectType): string {
  return Object.values(type.getFields())
    .map((f) => {
      const named = getNamedType(f.type);
      return isObjectType(named) ? `${f.name} { ${selectAll(named)} }` : f.name;
    })
    .join(' ');
}
const FULL_QUERY = `query($id: ID!) { p: petition(id: $id) { ${selectAll(petitionType)} } }`;

type Record_ = Record<string, unknown> & {
  assignments: { department: string; answer: string | null; answeredAt: string | null }[] | null;
  timeline: { type: string; actorId: string | null; department: string | null; payload: string }[];
};

async function read(client: GqlClient, id: string) {
  return client.request<{ p: Record_ }>(FULL_QUERY, { id });
}

const INTERNAL_NOTE = '内部备注：该企业欠税';
const CO_ANSWER = '税务局内部意见：建议暂缓';
const LEAD_ANSWER = '经信商务局内部意见：可协调';
const EXPERT = '王教授（内部）';

describeEachDialect('each role gets its view of the petition record', (api) => {
  async function clients(a: TestApi) {
    const entries = await Promise.all(
      Object.entries(PRINCIPALS).map(async ([name, claims]) => [name, new PetitionClient(await a.as(claims))] as const),
    );
    return Object.fromEntries(entries) as Record<Principal, PetitionClient>;
  }

  /**
   * P1: an enterprise's 综合类 petition with the whole working record: lead 经信商务局 and co 税务局, an
   * expert opinion, internal notes, the co-department's answer, three urges and an escalation (so the
   * leading group sees it), the lead's answer, the office's final answer and the enterprise's rating.
   */
  async function fullRecord(a: TestApi, c: Record<Principal, PetitionClient>) {
    a.clock.set('2025-09-22T10:00:00+08:00');
    const p = await c.enterpriseOwner.submit(enterpriseInput({ title: '二期用电增容' }), 'views-key-p1');
    must(await c.office.accept(p.id, 'COMPREHENSIVE'));
    must(await c.office.assign(p.id, 'economy-commerce', ['tax']));
    must(await c.office.expertOpinion(p.id, EXPERT, '建议分期实施。'));
    must(await c.office.note(p.id, INTERNAL_NOTE));
    must(await c.hotline.note(p.id, '企业来电询问进度。'));
    must(await c.coDepartment.departmentAnswer(p.id, CO_ANSWER));
    // Due 10/11 (10 working days after 9/22: 9/23 24 25 26 28(调休) 29 30 | 国庆 | 10/9 10/10 10/11(调休));
    // urges on 10/13, 10/14, 10/15, escalation on 10/16 — all recorded by the 11/3 pass.
    a.clock.set('2025-11-03T10:00:00+08:00');
    await a.sweep();
    must(await c.leadDepartment.departmentAnswer(p.id, LEAD_ANSWER));
    must(await c.office.finalAnswer(p.id, '经协调，供电公司将分两期完成增容。'));
    must(await c.enterpriseOwner.rate(p.id));
    return p.id;
  }

  it('every (role, field) of a full record: exactly the view made for the role', async () => {
    const a = api();
    const c = await clients(a);
    const id = await fullRecord(a, c);

    // Coverage by construction: every role of the api and every field of the SDL has an entry here.
    expect([...new Set(Object.values(PRINCIPALS).map((p) => p.role))].sort()).toEqual([...ROLES].sort());
    expect(Object.keys(EXPECTED_VIEW).sort()).toEqual(Object.keys(petitionType.getFields()).sort());

    const viewerOf: Record<Principal, Viewer | null> = {
      enterpriseOwner: 'owner', otherEnterprise: null, individualOwner: null, otherIndividual: null, office: 'office',
      leadDepartment: 'lead', coDepartment: 'co', unrelatedDepartment: null, hotline: 'hotline', leader: 'leader',
    };
    const officeRead = await read(c.office.gql, id);
    expect(officeRead.errors).toBeUndefined();
    const office = officeRead.data?.p as Record_;
    // In this state (answered and rated) three fields are null for everyone: no refusal, no 市场类, no
    // remaining days once answered; and the record came through the website, so no 96871 reply promise.
    // Every other field is set for the office, so a null below is a redaction.
    const nullInThisState = ['refusal', 'marketReferral', 'remainingWorkingDays', 'hotlineReplyPromise'];
    for (const f of Object.keys(EXPECTED_VIEW)) expect(office[f] === null, f).toBe(nullInThisState.includes(f));

    for (const [principal, viewer] of Object.entries(viewerOf) as [Principal, Viewer | null][]) {
      const r = await read(c[principal].gql, id);
      if (viewer === null) {
        expect(r.errors?.[0]?.extensions?.code, principal).toBe('FORBIDDEN');
        expect(r.data, principal).toBeNull();
        const list = await c[principal].list();
        expect(list.data?.r.edges.map((e) => e.node.id) ?? [], principal).not.toContain(id);
        continue;
      }
      expect(r.errors, principal).toBeUndefined();
      const p = r.data?.p as Record_;
      for (const field of Object.keys(EXPECTED_VIEW)) {
        const sees = EXPECTED_VIEW[field]?.includes(viewer) ?? false;
        if (!sees || nullInThisState.includes(field)) {
          expect(p[field], `${principal}.${field}`).toBeNull();
        } else if (field !== 'assignments' && field !== 'timeline') {
          expect(p[field], `${principal}.${field}`).toEqual(office[field]);
        } else {
          expect(p[field], `${principal}.${field}`).not.toBeNull();
        }
      }
    }
  }, 60_000);

  it('department answers: the office, the lead and the leader read all; a co-department its own; the hotline none', async () => {
    const a = api();
    const c = await clients(a);
    const id = await fullRecord(a, c);
    const answers = async (who: Principal) =>
      ((await read(c[who].gql, id)).data?.p.assignments ?? []).map((x) => [x.department, x.answer, x.answeredAt !== null]);
    const both = [['economy-commerce', LEAD_ANSWER, true], ['tax', CO_ANSWER, true]];
    expect(await answers('office')).toEqual(both);
    expect(await answers('leadDepartment')).toEqual(both);
    expect(await answers('leader')).toEqual(both);
    expect(await answers('coDepartment')).toEqual([['economy-commerce', null, false], ['tax', CO_ANSWER, true]]);
    expect(await answers('hotline')).toEqual([['economy-commerce', null, false], ['tax', null, false]]);
    expect((await read(c.enterpriseOwner.gql, id)).data?.p.assignments).toBeNull();
  }, 60_000);

  it('the timeline: each viewer its events; the submitter without staff ids, notes or the idempotency fingerprint', async () => {
    const a = api();
    const c = await clients(a);
    const id = await fullRecord(a, c);
    const timeline = async (who: Principal) => (await read(c[who].gql, id)).data?.p.timeline ?? [];
    const types = async (who: Principal) => (await timeline(who)).map((e) => (e.type === 'department_answered' ? `answer:${e.department}` : e.type));
    const everything = [
      'submitted', 'accepted', 'assigned', 'expert_opinion_recorded', 'note_added', 'note_added', 'answer:tax',
      'urged', 'urged', 'urged', 'escalated', 'answer:economy-commerce', 'answered', 'rated',
    ];
    expect(await types('office')).toEqual(everything);
    expect(await types('leadDepartment')).toEqual(everything);
    expect(await types('leader')).toEqual(everything);
    expect(await types('coDepartment')).toEqual(everything.filter((t) => t !== 'answer:economy-commerce'));
    expect(await types('hotline')).toEqual(['submitted', 'accepted', 'assigned', 'note_added', 'note_added', 'urged', 'urged', 'urged', 'escalated', 'answered', 'rated']);
    expect(await types('enterpriseOwner')).toEqual(['submitted', 'accepted', 'answered', 'rated']);

    // Staff see who did what; the submitter sees roles only.
    expect((await timeline('office')).map((e) => e.actorId)).toContain('office-1');
    expect((await timeline('enterpriseOwner')).every((e) => e.actorId === null)).toBe(true);
    // Nobody reads the idempotency fingerprint back; the leading group gets no contact in the receipt.
    for (const who of ['office', 'hotline', 'leadDepartment', 'coDepartment', 'leader', 'enterpriseOwner'] as const) {
      const submitted = JSON.parse((await timeline(who))[0]?.payload ?? '{}') as Record<string, unknown>;
      expect(submitted, who).not.toHaveProperty('idempotency');
      expect(submitted, who).not.toHaveProperty('ownerSubject');
      expect(submitted.title, who).toBe('二期用电增容');
      if (who === 'leader') expect(submitted).not.toHaveProperty('contact');
      else expect(submitted, who).toHaveProperty('contact');
    }

    // Nothing internal anywhere in the submitter's answer: not in a field, not in a payload.
    const whole = JSON.stringify((await read(c.enterpriseOwner.gql, id)).data);
    for (const secret of [INTERNAL_NOTE, CO_ANSWER, LEAD_ANSWER, EXPERT, 'office-1', 'hotline-1', 'd-econ', 'd-tax', 'sweeper', 'idempotency', 'views-key-p1', 'hash']) {
      expect(whole, secret).not.toContain(secret);
    }
  }, 60_000);

  it('lists and mutation results carry the same view', async () => {
    const a = api();
    const c = await clients(a);
    a.clock.set('2025-09-22T10:00:00+08:00');
    const p = await c.enterpriseOwner.submit(enterpriseInput());
    must(await c.office.accept(p.id, 'PROFESSIONAL'));
    must(await c.office.assign(p.id, 'economy-commerce'));
    must(await c.office.note(p.id, INTERNAL_NOTE));
    const listed = (await c.enterpriseOwner.list()).data?.r.edges[0]?.node;
    expect(listed).toMatchObject({ id: p.id, assignments: null, urgeCount: null, escalatedAt: null });
    must(await c.leadDepartment.departmentAnswer(p.id, LEAD_ANSWER));
    a.clock.set('2025-09-23T10:00:00+08:00');
    must(await c.office.finalAnswer(p.id));
    const rated = must(await c.enterpriseOwner.rate(p.id));
    expect(rated).toMatchObject({ status: 'RATED', assignments: null, expertOpinions: null, urgeCount: null });
    const leaderList = (await c.leader.list()).data?.r.edges ?? [];
    expect(leaderList).toEqual([]); // neither escalated nor 共性类
  }, 60_000);

  it('a refused individual petition and a 市场类 referral: the reason is the submitter\'s to read', async () => {
    const a = api();
    const c = await clients(a);
    a.clock.set('2025-09-22T10:00:00+08:00');
    const refused = await c.individualOwner.submit(enterpriseInput({ submitter: { kind: 'INDIVIDUAL', name: '李四' }, title: '创业场地' }));
    must(await c.office.refuse(refused.id, 'OUT_OF_SCOPE', '该事项不属于本机制受理范围。'));
    const market = await c.enterpriseOwner.submit(enterpriseInput({ title: '找物流公司' }));
    must(await c.office.marketMatter(market.id, '嘉兴物流行业协会', null));
    for (const who of ['individualOwner', 'office', 'hotline'] as const) {
      expect((await read(c[who].gql, refused.id)).data?.p.refusal, who).toMatchObject({ reason: 'OUT_OF_SCOPE', reasonLabel: '超出范围' });
    }
    for (const who of ['enterpriseOwner', 'office', 'hotline'] as const) {
      expect((await read(c[who].gql, market.id)).data?.p.marketReferral, who).toMatchObject({ referral: '嘉兴物流行业协会' });
    }
    // Nobody else: another individual or enterprise, any department, the leading group.
    for (const who of ['otherIndividual', 'enterpriseOwner', 'leadDepartment', 'coDepartment', 'unrelatedDepartment', 'leader'] as const) {
      expect((await read(c[who].gql, refused.id)).errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
    }
    for (const who of ['otherEnterprise', 'individualOwner', 'leadDepartment', 'unrelatedDepartment', 'leader'] as const) {
      expect((await read(c[who].gql, market.id)).errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
    }
  }, 60_000);
});
