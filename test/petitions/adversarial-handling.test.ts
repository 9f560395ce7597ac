// 第十条 preconditions of the final answer (cited policy items exist; the assigned departments have
// answered; 综合类 has an expert opinion — or an override whose reason is recorded), 第十三条 (no default
// rating for a late answer), overdue 咨询类 the office handles itself (in queues and in the report), and
// the report's headline rate and escalated receipt date. Every expected value is counted by hand from
// the 2025 国办 schedule: 国庆/中秋 10/1–10/8 off; Sun 9/28 and Sat 10/11 are working days.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect, startTestApi, stopTestApi, type GqlResult, type TestApi } from '../helpers/api/test-api.ts';
import { ENTERPRISE_USCC, PetitionClient, enterpriseInput, must } from '../helpers/api/petition-client.ts';
import { startHangingServer } from '../helpers/meili.ts';
import { TestClock } from '../helpers/api/test-clock.ts';
import { fetchMonthlyReport } from '../helpers/report/report-query.ts';

async function eventCount(a: TestApi): Promise<number> {
  const e = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM petition_events`.execute(a.app.database.db);
  return Number(e.rows[0]?.n);
}
const first = (r: GqlResult<unknown>) => r.errors?.[0];

async function staff(a: TestApi) {
  return {
    enterprise: new PetitionClient(await a.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC })),
    office: new PetitionClient(await a.as({ role: 'office', sub: 'office-1' })),
    hotline: new PetitionClient(await a.as({ role: 'hotline', sub: 'hotline-1' })),
    econ: new PetitionClient(await a.as({ role: 'department', sub: 'd-econ', department: 'economy-commerce' })),
    tax: new PetitionClient(await a.as({ role: 'department', sub: 'd-tax', department: 'tax' })),
  };
}

const PUBLISHED = ['item-rd-deduction', 'item-power-capacity'];

describeEachDialect('第十条: what the final answer requires', (api) => {
  it('the assigned departments answer first — or the office records why it answers anyway', async () => {
    const a = api();
    const c = await staff(a);
    a.clock.set('2025-09-22T10:00:00+08:00');
    const p = await c.enterprise.submit(enterpriseInput());
    must(await c.office.accept(p.id, 'PROFESSIONAL'));
    // Not assigned yet: 专业类 needs the departments (需召集有关部门会商).
    const unassigned = first(await c.office.finalAnswer(p.id));
    expect(unassigned?.extensions).toMatchObject({ code: 'CONFLICT', missing: ['department_answers'], departments: [] });
    must(await c.office.assign(p.id, 'economy-commerce', ['tax']));
    must(await c.econ.departmentAnswer(p.id, '经信商务局：可协调。'));
    const before = await eventCount(a);
    const early = first(await c.office.finalAnswer(p.id));
    expect(early?.extensions).toMatchObject({ code: 'CONFLICT', missing: ['department_answers'], departments: ['tax'] });
    expect(early?.message).toContain('承办部门尚未全部答复');
    expect(await eventCount(a)).toBe(before); // nothing recorded

    // The override: its reason and what it waived go on the record; the enterprise sees the answer only.
    const answered = must(await c.office.gql.request<{ r: { status: string } }>(
      'mutation($id: ID!) { r: sendFinalAnswer(id: $id, text: "先行答复：可申请增容。", overrideReason: "企业停产在即，先行答复") { status } }',
      { id: p.id },
    ));
    expect(answered.status).toBe('ANSWERED');
    const officeTimeline = (await c.office.timeline(p.id)).r.timeline;
    const answerEvent = officeTimeline.find((e) => e.type === 'answered');
    expect(JSON.parse(answerEvent?.payload ?? '{}')).toMatchObject({
      override: { reason: '企业停产在即，先行答复', waived: ['department_answers'], departments: ['tax'] },
    });
    const enterpriseTimeline = (await c.enterprise.timeline(p.id)).r.timeline;
    expect(JSON.parse(enterpriseTimeline.find((e) => e.type === 'answered')?.payload ?? '{}')).not.toHaveProperty('override');
  });

  it('综合类 needs an expert opinion as well', async () => {
    const a = api();
    const c = await staff(a);
    a.clock.set('2025-09-22T10:00:00+08:00');
    const p = await c.enterprise.submit(enterpriseInput());
    must(await c.office.accept(p.id, 'COMPREHENSIVE'));
    must(await c.office.assign(p.id, 'economy-commerce'));
    must(await c.econ.departmentAnswer(p.id));
    expect(first(await c.office.finalAnswer(p.id))?.extensions).toMatchObject({ code: 'CONFLICT', missing: ['expert_opinion'] });
    must(await c.office.expertOpinion(p.id, '王教授', '建议分两期实施。'));
    const answered = must(await c.office.finalAnswer(p.id));
    expect(answered.status).toBe('ANSWERED');
    // Nothing was waived, so the record carries no override.
    const e = (await c.office.timeline(p.id)).r.timeline.find((x) => x.type === 'answered');
    expect(JSON.parse(e?.payload ?? '{}').override).toBeNull();
  });

  it('cited policy ids must be published policy items in the index', async () => {
    const a = api();
    const c = await staff(a);
    a.clock.set('2025-09-22T10:00:00+08:00');
    const p = await c.enterprise.submit(enterpriseInput());
    must(await c.office.accept(p.id, 'CONSULTATION'));
    const before = await eventCount(a);
    const unknown = first(await c.office.finalAnswer(p.id, '按政策办理。', ['item-rd-deduction', 'item-that-never-was']));
    expect(unknown?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'policyIds.1' });
    // A policy (文件) in the same index is not a policy item.
    expect(first(await c.office.finalAnswer(p.id, '按政策办理。', ['policy-document-7']))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'policyIds.0' });
    // A filter-injection attempt is a malformed id, refused before the index is asked.
    expect(first(await c.office.finalAnswer(p.id, '按政策办理。', ['x" OR type = "policy']))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'policyIds.0' });
    expect(await eventCount(a)).toBe(before);
    const answered = must(await c.office.finalAnswer(p.id, '按政策办理。', PUBLISHED));
    expect(answered.answer?.policyIds).toEqual(PUBLISHED);
  });
}, { policyIds: PUBLISHED, policyDocumentIds: ['policy-document-7'] });

describeEachDialect('第十条: policy ids are never accepted unchecked', (api) => {
  it('no index: SEARCH_UNAVAILABLE (retryable) and nothing stored; an answer citing nothing still goes out', async () => {
    const a = api(); // this suite's api has no search key: the index cannot be asked
    const c = await staff(a);
    a.clock.set('2025-09-22T10:00:00+08:00');
    const p = await c.enterprise.submit(enterpriseInput());
    must(await c.office.accept(p.id, 'CONSULTATION'));
    const before = await eventCount(a);
    const r = await c.office.finalAnswer(p.id, '按政策办理。', ['item-rd-deduction']);
    expect(r.status).toBeLessThan(500);
    expect(first(r)?.extensions).toMatchObject({ code: 'SEARCH_UNAVAILABLE', retryable: true });
    expect(await eventCount(a)).toBe(before);
    expect(must(await c.office.finalAnswer(p.id, '经查，可直接办理。', [])).status).toBe('ANSWERED');
  });

  it('a hanging index: SEARCH_UNAVAILABLE within the search timeout, not a hang', async () => {
    const hanging = await startHangingServer();
    const a = await startTestApi(api().dialect, new TestClock('2025-09-22T10:00:00+08:00'), {
      MEILI_HOST: hanging.host,
      MEILI_SEARCH_KEY: 'search-key',
      MEILI_TIMEOUT_MS: '300',
    });
    try {
      const c = await staff(a);
      const p = await c.enterprise.submit(enterpriseInput());
      must(await c.office.accept(p.id, 'CONSULTATION'));
      const started = Date.now();
      const r = await c.office.finalAnswer(p.id, '按政策办理。', ['item-rd-deduction']);
      expect(first(r)?.extensions).toMatchObject({ code: 'SEARCH_UNAVAILABLE', retryable: true });
      expect(Date.now() - started).toBeLessThan(3_000);
      expect((await c.office.view(p.id)).status).toBe('IN_HANDLING');
    } finally {
      await stopTestApi(a);
      await hanging.close();
    }
  });
});

describeEachDialect('第十三条: 满意 by default only for answers given on time', (api) => {
  it('a late answer gets no default rating; the report shows it late and unrated', async () => {
    const a = api();
    const c = await staff(a);
    // Mon 9/22: two 咨询类 petitions, each due at the end of Tue 9/23 (1 working day, 次日起算).
    a.clock.set('2025-09-22T10:00:00+08:00');
    const onTime = await c.enterprise.submit(enterpriseInput({ title: '按期答复的咨询' }));
    const late = await c.enterprise.submit(enterpriseInput({ title: '逾期答复的咨询' }));
    must(await c.office.accept(onTime.id, 'CONSULTATION'));
    must(await c.office.accept(late.id, 'CONSULTATION'));
    a.clock.set('2025-09-23T10:00:00+08:00');
    expect(must(await c.office.finalAnswer(onTime.id)).answer?.onTime).toBe(true);
    a.clock.set('2025-09-24T10:00:00+08:00');
    expect(must(await c.office.finalAnswer(late.id)).answer?.onTime).toBe(false);
    // Rating windows, 5 working days after the answer: on time 9/24 25 26 28(Sun, 调休) 29 → ends 9/29;
    // late 9/25 26 28 29 30 → ends 9/30. The pass on Thu 10/9 (after 国庆) finds both closed.
    a.clock.set('2025-10-09T10:00:00+08:00');
    expect(await a.sweep()).toMatchObject({ defaultRatings: 1 });
    expect((await c.office.view(onTime.id)).rating).toMatchObject({ satisfaction: 'SATISFIED', isDefault: true, answerOnTime: true });
    const lateView = await c.office.view(late.id);
    expect(lateView).toMatchObject({ status: 'ANSWERED', rating: null, answer: { onTime: false } });
    const refused = first(await c.enterprise.rate(late.id));
    expect(refused?.extensions).toMatchObject({ code: 'CONFLICT', ratingDueOn: '2025-09-30' });
    expect(refused?.message).toContain('逾期答复不计默认评价');
    expect(await a.sweep()).toMatchObject({ defaultRatings: 0 }); // and never later
    // Its window has closed: it leaves the enterprise's "to do" queue instead of waiting there for ever.
    expect((await c.enterprise.list({ queue: 'MINE' })).data?.r.edges.map((x) => x.node.id)).toEqual([]);

    const report = await fetchMonthlyReport(await a.as({ role: 'office', sub: 'office-1' }), '2025-09');
    const row = (id: string) => report.petitions.find((p) => p.id === id);
    expect(row(onTime.id)).toMatchObject({ status: '已评价', onTime: true, satisfaction: '满意', defaultRating: true });
    expect(row(late.id)).toMatchObject({ status: '已答复', onTime: false, satisfaction: null, defaultRating: null });
    expect(report.resolution).toMatchObject({ answered: { value: 2 }, answeredOnTime: { value: 1 }, answeredLate: { value: 1 } });
  });
});

describeEachDialect('overdue 咨询类 the office handles itself', (api) => {
  it('is flagged in every queue that shows it and listed as overdue in the report', async () => {
    const a = api();
    const c = await staff(a);
    a.clock.set('2025-09-22T10:00:00+08:00');
    const p = await c.enterprise.submit(enterpriseInput({ title: '用电价格咨询' }));
    must(await c.office.accept(p.id, 'CONSULTATION')); // due end of Tue 9/23
    // Thu 9/25: two working days past the deadline (9/24, 9/25).
    a.clock.set('2025-09-25T10:00:00+08:00');
    expect(await c.office.view(p.id)).toMatchObject({ overdue: true, remainingWorkingDays: -2, dueDate: '2025-09-23' });
    const ids = async (client: PetitionClient, filter: Record<string, unknown>) =>
      (await client.list(filter)).data?.r.edges.filter((e) => e.node.overdue).map((e) => e.node.id) ?? [];
    expect(await ids(c.office, { overdue: true })).toEqual([p.id]);
    expect(await ids(c.office, { queue: 'MINE' })).toEqual([p.id]);
    expect(await ids(c.office, { department: 'office' })).toEqual([p.id]); // 区企服办's own petitions
    expect(await ids(c.office, { department: 'office', overdue: true })).toEqual([p.id]);
    expect(await ids(c.office, { category: 'CONSULTATION', overdue: true })).toEqual([p.id]);
    expect(await ids(c.hotline, { overdue: true })).toEqual([p.id]);
    expect((await c.enterprise.view(p.id)).overdue).toBe(true);
    // Assigned departments' petitions are not the office's own.
    const q = await c.enterprise.submit(enterpriseInput({ title: '专业类' }));
    must(await c.office.accept(q.id, 'PROFESSIONAL'));
    must(await c.office.assign(q.id, 'tax'));
    expect((await c.office.list({ department: 'office' })).data?.r.edges.map((e) => e.node.id)).toEqual([p.id]);

    // The September report (produced 10/9): open past its deadline at month end; working days after 9/23
    // up to 9/30: 9/24, 25, 26, 28 (Sun, 调休), 29, 30 = 6.
    a.clock.set('2025-10-09T10:00:00+08:00');
    const report = await fetchMonthlyReport(await a.as({ role: 'leader', sub: 'leader-1' }), '2025-09');
    expect(report.resolution.overdueAtMonthEnd.value).toBe(1);
    expect(report.overduePetitions).toEqual([
      {
        id: p.id, title: '用电价格咨询', category: 'consultation', categoryLabel: '咨询类', department: 'office', departmentLabel: '区企服办',
        dueDate: '2025-09-23', workingDaysOverdue: 6, urges: 0, status: 'in_handling', statusLabel: '办理中',
      },
    ]);
  });
});

describeEachDialect('the report headline and the escalated petition', (api) => {
  it('按期答复率 counts open overdue petitions; an escalated petition keeps its receipt date', async () => {
    const a = api();
    const c = await staff(a);
    // E: phoned in Fri 9/26 09:00, recorded by the hotline on Sun 9/28 (a 调休 working day). 专业类 from the
    // receipt: 9/28(1) 9/29(2) 9/30(3) | 国庆 | 10/9(4) 10/10(5) → due 10/10. 税务局 never answers: urges on
    // Sat 10/11 (调休), 10/13, 10/14; escalation on 10/15 (D + 4 working days).
    a.clock.set('2025-09-28T09:00:00+08:00');
    const e = await c.hotline.submit(enterpriseInput({ channel: 'HOTLINE_96871', receivedAt: '2025-09-26T09:00:00+08:00', title: '出口退税迟迟未到账' }));
    expect(must(await c.office.accept(e.id, 'PROFESSIONAL')).dueDate).toBe('2025-10-10');
    must(await c.office.assign(e.id, 'tax'));
    // O1, O2: 咨询类 received Thu 10/9, due Fri 10/10. O1 answered 10/10 (on time), O2 on 10/13 (late).
    a.clock.set('2025-10-09T10:00:00+08:00');
    const o1 = await c.enterprise.submit(enterpriseInput({ title: '按期' }));
    const o2 = await c.enterprise.submit(enterpriseInput({ title: '逾期' }));
    must(await c.office.accept(o1.id, 'CONSULTATION'));
    must(await c.office.accept(o2.id, 'CONSULTATION'));
    a.clock.set('2025-10-10T10:00:00+08:00');
    must(await c.office.finalAnswer(o1.id));
    a.clock.set('2025-10-13T10:00:00+08:00');
    must(await c.office.finalAnswer(o2.id));
    a.clock.set('2025-10-15T09:00:00+08:00');
    expect(await a.sweep()).toMatchObject({ urgesRecorded: 3, escalations: 1 });
    // C2: 咨询类 received Mon 10/20, due 10/21, never answered.
    a.clock.set('2025-10-20T10:00:00+08:00');
    const c2 = await c.enterprise.submit(enterpriseInput({ title: '无人答复' }));
    must(await c.office.accept(c2.id, 'CONSULTATION'));

    a.clock.set('2025-11-03T09:00:00+08:00');
    const r = await fetchMonthlyReport(await a.as({ role: 'leader', sub: 'leader-1' }), '2025-10');
    // October: answered O1 (on time) and O2 (late); open past the deadline at month end: E and C2.
    // 1 ÷ (2 + 2) = 0.25. September: nothing answered, E open but not yet due: nothing to measure.
    expect(r.resolution).toMatchObject({
      answered: { value: 2, previous: 0 },
      answeredOnTime: { value: 1, previous: 0 },
      overdueAtMonthEnd: { value: 2, previous: 0 },
      onTimeRate: { value: 0.25, previous: null },
    });
    expect(r.overduePetitions.map((o) => o.id).sort()).toEqual([e.id, c2.id].sort());
    expect(r.escalatedPetitions).toHaveLength(1);
    expect(r.escalatedPetitions[0]).toMatchObject({ id: e.id, receivedOn: '2025-09-26', dueDate: '2025-10-10', escalatedOn: '2025-10-15', urges: 3 });
    expect(r.escalatedPetitions[0]?.steps[0]).toEqual({ on: '2025-09-26', label: '收到（96871 呼叫热线）' });
    expect(r.escalatedPetitions[0]?.steps.at(-1)).toEqual({ on: '2025-10-15', label: '三次催办未果，提交领导小组' });
  });
});
