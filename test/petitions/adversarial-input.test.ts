// Adversarial input: dates far from now, impossible calendar dates, zero or negative working days,
// Shanghai's clock (no daylight saving time); texts with controls or invalid Unicode (refused, field
// named) against ordinary text such as `x<y` (stored as typed, escaped where rendered); and the role
// rules of every petition mutation for the leading group. Every refusal is a coded error, never a 500,
// and nothing is stored. Expected dates are counted by hand in the comments.
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { loadTypeDefs } from '../../api/src/graphql/load-type-defs.ts';
import { buildMonthlyReport, reportHtml, reportMonth } from '../../api/src/report/index.ts';
import { describeEachDialect, type GqlClient, type GqlResult, type TestApi } from '../helpers/api/test-api.ts';
import { ENTERPRISE_USCC, PetitionClient, enterpriseInput, must } from '../helpers/api/petition-client.ts';

async function counts(a: TestApi) {
  const p = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM petitions`.execute(a.app.database.db);
  const e = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM petition_events`.execute(a.app.database.db);
  return { petitions: Number(p.rows[0]?.n), events: Number(e.rows[0]?.n) };
}

const first = (r: GqlResult<unknown>) => r.errors?.[0];

describeEachDialect('adversarial dates', (api) => {
  const cal = (client: GqlClient, field: string) => client.request<{ calendar: Record<string, string> }>(`{ calendar { ${field} } }`);

  it('far years, year 0 and the end of the calendar: BAD_USER_INPUT naming the argument, never a 500', async () => {
    const anon = api().anonymous();
    for (const [field, name] of [
      ['addWorkingDays(from: "9999-12-31", days: 1)', 'from'],
      ['addWorkingDays(from: "0001-01-01", days: 1)', 'from'],
      ['addWorkingDays(from: "1999-12-31", days: 5)', 'from'],
      ['isWorkingDay(date: "9999-12-31")', 'date'],
      ['workingDaysBetween(a: "2025-01-01", b: "9999-12-31")', 'b'],
      ['deadline(receivedAt: "9999-12-31T10:00:00+08:00", days: 5)', 'receivedAt'],
      ['deadline(receivedAt: "0000-06-01T10:00:00Z", days: 5)', 'receivedAt'],
      // 2099-12-31 23:30 in Shanghai is already 2100-01-01: outside the calendar's dates.
      ['deadline(receivedAt: "2099-12-31T16:30:00Z", days: 1)', 'receivedAt'],
    ] as const) {
      const r = await cal(anon, field);
      expect(r.status, field).toBeLessThan(500);
      expect(first(r)?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field: name });
    }
    // The last day of the range still counts: 2099-12-31 is a Thursday; no State Council schedule beyond
    // the dataset, so Monday–Friday: 2100-01-01 is a Friday (2000-01-01 was a Saturday; 36,525 days later
    // is 6 weekdays on) — day 1.
    expect((await cal(anon, 'addWorkingDays(from: "2099-12-31", days: 1)')).data?.calendar).toEqual({ addWorkingDays: '2100-01-01' });
  });

  it('0, negative and too many working days are refused; the answer is never a date in year 0', async () => {
    const anon = api().anonymous();
    for (const days of [0, -1, -366, 367]) {
      for (const field of [`addWorkingDays(from: "2025-09-26", days: ${days})`, `deadline(receivedAt: "2025-09-26T16:00:00+08:00", days: ${days})`]) {
        const r = await cal(anon, field);
        expect(first(r)?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
        expect(JSON.stringify(r.data ?? {}), field).not.toMatch(/0000-|-0000/);
      }
    }
  });

  it('impossible calendar dates and times are refused, not rolled over (2026-02-30 is not 03-02)', async () => {
    const anon = api().anonymous();
    for (const value of [
      '2026-02-30T10:00:00+08:00', // February 2026 has 28 days
      '2025-02-29T10:00:00+08:00', // 2025 is not a leap year
      '2025-04-31T10:00:00+08:00',
      '2025-10-10T24:00:00+08:00',
      '2025-10-10T23:60:00+08:00',
      '2025-10-10T23:59:60+08:00',
      '2025-10-10T10:00:00+15:00',
      '2025-10-10 10:00:00',
      '2025-10-10T10:00:00', // no offset: which day in Shanghai would it be?
    ]) {
      const r = await anon.request(`query($t: DateTime!) { calendar { deadline(receivedAt: $t, days: 1) } }`, { t: value });
      expect(r.status, value).toBeLessThan(500);
      expect(first(r)?.extensions?.code, value).toBe('BAD_USER_INPUT');
      expect(first(r)?.message, value).toContain('$t');
    }
    for (const value of ['2026-02-30', '2100-02-29', '2025-13-01', '2025-1-5']) {
      const r = await anon.request(`query($d: Date!) { calendar { isWorkingDay(date: $d) } }`, { d: value });
      expect(first(r)?.extensions?.code, value).toBe('BAD_USER_INPUT');
    }
    // 2024 is a leap year: 2024-02-29 (Thu) is a real date and a working day.
    expect((await anon.request(`query($d: Date!) { calendar { isWorkingDay(date: $d) } }`, { d: '2024-02-29' })).data).toEqual({ calendar: { isWorkingDay: true } });
    // A staff receipt time on 2026-02-30 is refused at intake as well, and nothing is stored.
    const a = api();
    a.clock.set('2026-03-03T10:00:00+08:00');
    const hotline = new PetitionClient(await a.as({ role: 'hotline', sub: 'h' }));
    const before = await counts(a);
    const r = await hotline.submitRaw(enterpriseInput({ channel: 'HOTLINE_96871', receivedAt: '2026-02-30T10:00:00+08:00' }));
    expect(first(r)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await counts(a)).toEqual(before);
  });

  it('Shanghai has no daylight saving time: a deadline ends at 23:59:59.999+08:00 whatever other zones do', async () => {
    const anon = api().anonymous();
    const deadline = async (receivedAt: string, days: number) =>
      (await anon.ok<{ calendar: { deadline: string } }>(`{ calendar { deadline(receivedAt: "${receivedAt}", days: ${days}) } }`)).calendar.deadline;
    // Europe moves its clocks on Sun 2025-03-30, the US on Sun 2025-11-02; Shanghai never does.
    // Fri 3/28 10:00 → day 1 is Mon 3/31 (清明 2025 is 4/4–4/6) → 3/31 23:59:59.999+08:00 = 15:59:59.999Z.
    expect(await deadline('2025-03-28T10:00:00+08:00', 1)).toBe('2025-03-31T15:59:59.999Z');
    // 16:30Z on Fri 3/28 is 00:30 on Sat 3/29 in Shanghai: receipt on a Saturday, day 1 is still Mon 3/31.
    expect(await deadline('2025-03-28T16:30:00Z', 1)).toBe('2025-03-31T15:59:59.999Z');
    // Fri 10/31 → day 1 Mon 11/3 (the US change on 11/2 moves nothing): 15:59:59.999Z.
    expect(await deadline('2025-10-31T10:00:00-04:00', 1)).toBe('2025-11-03T15:59:59.999Z');
  });

  it('the monthly report for a month far away or not yet begun is BAD_USER_INPUT naming month', async () => {
    const a = api();
    a.clock.set('2026-11-02T09:00:00+08:00');
    const office = await a.as({ role: 'office', sub: 'o' });
    const q = `query($m: String!) { monthlyReport(month: $m) { month received { value } } }`;
    for (const m of ['2057-01', '2099-12', '9999-12', '0000-01', '2019-12', '2026-12', '2026-00']) {
      const r = await office.request(q, { m });
      expect(r.status, m).toBeLessThan(500);
      expect(first(r)?.extensions, m).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
    }
    // The running month and the mechanism's first month are fine.
    expect((await office.ok<{ monthlyReport: { month: string } }>(q, { m: '2026-11' })).monthlyReport.month).toBe('2026-11');
    expect((await office.ok<{ monthlyReport: { month: string } }>(q, { m: '2020-03' })).monthlyReport.month).toBe('2020-03');
  });
});

describeEachDialect('adversarial texts', (api) => {
  it('controls and invalid Unicode are refused with the field named; nothing is stored', async () => {
    const a = api();
    const enterprise = new PetitionClient(await a.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    const contact = enterpriseInput()['contact'] as Record<string, unknown>;
    const before = await counts(a);
    for (const [field, input] of [
      ['input.title', enterpriseInput({ title: '发票\u202Egnp.exe' })], // RIGHT-TO-LEFT OVERRIDE
      ['input.title', enterpriseInput({ title: '申请\u2066补贴\u2069' })], // isolates
      ['input.title', enterpriseInput({ title: '用\u200B电' })], // ZERO WIDTH SPACE
      ['input.content', enterpriseInput({ content: '正文\u200D内容' })], // ZERO WIDTH JOINER
      ['input.content', enterpriseInput({ content: '\uFEFF正文' })], // BOM
      ['input.content', enterpriseInput({ content: '正文\u0007响铃' })], // C0 control
      ['input.content', enterpriseInput({ content: '正文\u0085' })], // C1 control
      ['input.contact.name', enterpriseInput({ contact: { ...contact, name: '张\uD800' } })], // lone high surrogate
      ['input.contact.name', enterpriseInput({ contact: { ...contact, name: '\uDC00张' } })], // lone low surrogate
      ['input.submitter.name', enterpriseInput({ submitter: { kind: 'ENTERPRISE', name: '公司\uFFFF', uscc: ENTERPRISE_USCC } })], // noncharacter
      ['input.attachments.0.name', enterpriseInput({ attachments: [{ name: 'a\u200E.pdf', ref: 'files:a.pdf' }] })], // LRM
    ] as const) {
      a.clock.advanceMs(3_000);
      const r = await enterprise.submitRaw(input);
      expect(r.status, field).toBeLessThan(500);
      expect(first(r)?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await counts(a)).toEqual(before);

    // The staff texts follow the same rule.
    const office = new PetitionClient(await a.as({ role: 'office', sub: 'o' }));
    const p = await enterprise.submit(enterpriseInput());
    const mid = await counts(a);
    expect(first(await office.note(p.id, '备注\u202E'))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect(first(await office.refuse(p.id, 'ILLEGAL', '理由\uD83D'))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'explanation' });
    expect(await counts(a)).toEqual(mid);
  });

  it('x<y, markup and emoji are text: stored as typed, returned as typed, escaped in the report page', async () => {
    const a = api();
    a.clock.set('2025-09-22T10:00:00+08:00');
    const enterprise = new PetitionClient(await a.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    const office = new PetitionClient(await a.as({ role: 'office', sub: 'o' }));
    const title = '产能 x<y 时 <script>alert(1)</script> 怎么办 😀';
    const content = '请问 a<b && c>d 时，<b>加粗</b>与 <img src=x onerror=alert(1)> 会怎样？\n第二行 & "引号"';
    const p = await enterprise.submit(enterpriseInput({ title, content }));
    expect(p).toMatchObject({ title, content });
    expect(await office.view(p.id)).toMatchObject({ title, content });
    must(await office.note(p.id, '若 x<y 则先答复'));
    const row = await sql<{ title: string; content: string }>`SELECT title, content FROM petitions WHERE id = ${p.id}`.execute(a.app.database.db);
    expect(row.rows[0]).toEqual({ title, content });

    // In the report's HTML the title is escaped: it reads as text and never runs. 咨询类 due 9/23, still open
    // at the end of September, so it is in the overdue table with its title.
    must(await office.accept(p.id, 'CONSULTATION'));
    a.clock.set('2025-10-09T10:00:00+08:00');
    const data = await buildMonthlyReport(a.app.services.petitions, reportMonth('2025-09'));
    expect(data.overduePetitions.map((o) => o.title)).toEqual([title]);
    const html = await reportHtml(data);
    expect(html).toContain('产能 x&lt;y 时 &lt;script&gt;alert(1)&lt;/script&gt; 怎么办 😀');
    expect(html).not.toContain('<script>alert(1)</script>');
  });
});

describeEachDialect('the leading group reads; it does not write', (api) => {
  const schema = buildSchema(loadTypeDefs().join('\n'));
  const mutations = (schema.getType('Mutation') as GraphQLObjectType).getFields();

  /** Every petition or calendar mutation with valid arguments; a new mutation without an entry fails. */
  const CALLS: Record<string, (id: string) => { query: string; variables: Record<string, unknown> }> = {
    submitPetition: () => ({
      query: 'mutation($i: SubmitPetitionInput!) { submitPetition(input: $i, idempotencyKey: "leader-1") { id } }',
      variables: { i: enterpriseInput({ channel: 'HOTLINE_96871' }) },
    }),
    requestMaterials: (id) => ({ query: 'mutation($id: ID!) { requestMaterials(id: $id, note: "请补充") { id } }', variables: { id } }),
    supplyMaterials: (id) => ({ query: 'mutation($id: ID!) { supplyMaterials(id: $id, note: "已补充") { id } }', variables: { id } }),
    refusePetition: (id) => ({ query: 'mutation($id: ID!) { refusePetition(id: $id, reason: ILLEGAL, explanation: "违法") { id } }', variables: { id } }),
    closeAsMarketMatter: (id) => ({ query: 'mutation($id: ID!) { closeAsMarketMatter(id: $id, referral: "协会") { id } }', variables: { id } }),
    acceptPetition: (id) => ({ query: 'mutation($id: ID!) { acceptPetition(id: $id, category: PROFESSIONAL) { id } }', variables: { id } }),
    reclassifyPetition: (id) => ({ query: 'mutation($id: ID!) { reclassifyPetition(id: $id, category: PROFESSIONAL, reason: "调整") { id } }', variables: { id } }),
    assignDepartments: (id) => ({ query: 'mutation($id: ID!) { assignDepartments(id: $id, lead: "tax") { id } }', variables: { id } }),
    recordExpertOpinion: (id) => ({ query: 'mutation($id: ID!) { recordExpertOpinion(id: $id, expert: "王", opinion: "可") { id } }', variables: { id } }),
    answerAsDepartment: (id) => ({ query: 'mutation($id: ID!) { answerAsDepartment(id: $id, answer: "答复") { id } }', variables: { id } }),
    sendFinalAnswer: (id) => ({ query: 'mutation($id: ID!) { sendFinalAnswer(id: $id, text: "答复", overrideReason: "领导小组协调") { id } }', variables: { id } }),
    ratePetition: (id) => ({
      query: 'mutation($id: ID!) { ratePetition(id: $id, rating: { satisfaction: SATISFIED, serviceQuality: 5, attitude: 5, efficiency: 5 }) { id } }',
      variables: { id },
    }),
    saveEnterpriseProfile: () => ({ query: 'mutation { saveEnterpriseProfile(profile: { employees: 10 }) { uscc } }', variables: {} }),
    addPetitionNote: (id) => ({ query: 'mutation($id: ID!) { addPetitionNote(id: $id, note: "领导批示") { id } }', variables: { id } }),
    setCalendarOverride: () => ({ query: 'mutation { setCalendarOverride(date: "2027-02-08", working: false, note: "春节") { date } }', variables: {} }),
    removeCalendarOverride: () => ({ query: 'mutation { removeCalendarOverride(date: "2027-02-08") }', variables: {} }),
    setCalendarOverrides: () => ({ query: 'mutation { setCalendarOverrides(overrides: [{ date: "2027-01-01", working: false }], note: "元旦") { date } }', variables: {} }),
    requeueNotification: () => ({ query: 'mutation { requeueNotification(id: "event:1|platform|webhook") { id } }', variables: {} }),
    // The leader's own workbench inbox (not a petition): allowed, and it changes no record.
    markInboxRead: () => ({ query: 'mutation { markInboxRead(ids: ["event:1|leader|inbox"]) }', variables: {} }),
  };
  /** Mutations on the caller's own inbox rather than on a petition: the leader may call them. */
  const LEADER_OWN = new Set(['markInboxRead']);

  it('every mutation on a petition the leader can see is FORBIDDEN to the leader (notes included), and nothing is recorded', async () => {
    const a = api();
    a.clock.set('2025-09-22T10:00:00+08:00');
    const enterprise = new PetitionClient(await a.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    const office = new PetitionClient(await a.as({ role: 'office', sub: 'o' }));
    const leader = await a.as({ role: 'leader', sub: 'leader-1' });
    const p = await enterprise.submit(enterpriseInput());
    must(await office.accept(p.id, 'COMMON')); // 共性类: the leading group coordinates and sees it
    expect((await new PetitionClient(leader).view(p.id)).category).toBe('COMMON');

    const names = Object.keys(mutations).filter((m) => m !== '_noop');
    expect(names.filter((m) => !(m in CALLS))).toEqual([]); // a new mutation needs an entry here
    const before = await counts(a);
    for (const name of names) {
      const call = CALLS[name]?.(p.id);
      if (!call) continue;
      const r = await leader.request(call.query, call.variables);
      if (LEADER_OWN.has(name)) expect(r.errors, name).toBeUndefined();
      else expect(first(r)?.extensions?.code, name).toBe('FORBIDDEN');
    }
    expect(await counts(a)).toEqual(before);
    // Those the SDL names may add notes: the office, the hotline, an assigned department.
    const hotline = new PetitionClient(await a.as({ role: 'hotline', sub: 'h' }));
    must(await office.note(p.id, '办公室备注'));
    must(await hotline.note(p.id, '热线备注'));
  });
});
