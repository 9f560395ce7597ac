// The full lifecycle for each category (第七、十条), refusals (第九条), 市场类 (第七条), pauses for
// materials across a holiday (第八条) and reclassification. Expected dates are hand-counted from the
// 2025 国庆 notice (10/1–10/8 off, Sun 9/28 and Sat 10/11 working); see test/calendar.
import { REFUSAL_REASONS } from '@zone/schemas';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/api/test-api.ts';
import { ENTERPRISE_USCC, PetitionClient, enterpriseInput, must } from '../helpers/api/petition-client.ts';

describeEachDialect('petition lifecycle', (api) => {
  async function clients() {
    const a = api();
    return {
      enterprise: new PetitionClient(await a.as({ role: 'enterprise', sub: 'ent-user-1', uscc: ENTERPRISE_USCC })),
      hotline: new PetitionClient(await a.as({ role: 'hotline', sub: 'hotline-7' })),
      office: new PetitionClient(await a.as({ role: 'office', sub: 'office-1' })),
      leader: new PetitionClient(await a.as({ role: 'leader', sub: 'leader-1' })),
      economy: new PetitionClient(await a.as({ role: 'department', sub: 'd-econ', department: 'economy-commerce' })),
      resources: new PetitionClient(await a.as({ role: 'department', sub: 'd-res', department: 'natural-resources' })),
    };
  }

  it('咨询类: the office answers within 1 working day, citing policy items; the enterprise rates', async () => {
    const { enterprise, office } = await clients();
    api().clock.set('2025-09-26T16:00:00+08:00'); // Friday before 国庆
    const p = await enterprise.submit(enterpriseInput({ title: '研发费用加计扣除咨询' }));
    expect(p.status).toBe('RECEIVED');
    expect(p.dueAt).toBeNull();

    const accepted = must(await office.accept(p.id, 'CONSULTATION'));
    // Day 1 after Fri 9/26 is Sun 9/28 (调休 working day).
    expect(accepted).toMatchObject({ status: 'IN_HANDLING', category: 'CONSULTATION', dueDate: '2025-09-28', dueAt: '2025-09-28T15:59:59.999Z' });
    expect(accepted.remainingWorkingDays).toBe(1);
    expect(accepted.overdue).toBe(false);

    api().clock.set('2025-09-28T11:00:00+08:00');
    const answered = must(await office.finalAnswer(p.id, '可按《研发费用加计扣除政策》第三条办理。', ['policy-12', 'policy-40']));
    expect(answered.status).toBe('ANSWERED');
    expect(answered.answer).toMatchObject({ policyIds: ['policy-12', 'policy-40'], onTime: true });

    const rated = must(await enterprise.rate(p.id, { satisfaction: 'SATISFIED', serviceQuality: 5, attitude: 5, efficiency: 4, comment: '答复及时' }));
    expect(rated.status).toBe('RATED');
    expect(rated.rating).toMatchObject({ satisfaction: 'SATISFIED', serviceQuality: 5, attitude: 5, efficiency: 4, isDefault: false, answerOnTime: true });
    // 第十三条: once only.
    expect((await enterprise.rate(p.id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('专业类: recorded by the hotline, lead and co-department answer, the office consolidates on time', async () => {
    const { enterprise, hotline, office, economy, resources } = await clients();
    api().clock.set('2025-09-26T17:30:00+08:00');
    // The caller phoned at 16:00; the staff member records the actual receipt time.
    const p = await hotline.submit(enterpriseInput({ channel: 'HOTLINE_96871', receivedAt: '2025-09-26T16:00:00+08:00' }));
    expect(p).toMatchObject({ channel: 'HOTLINE_96871', receivedAt: '2025-09-26T08:00:00.000Z', recordedByRole: 'hotline' });

    const accepted = must(await office.accept(p.id, 'PROFESSIONAL'));
    // 9/28(1) 9/29(2) 9/30(3) | 国庆 | 10/9(4) 10/10(5)
    expect(accepted.dueDate).toBe('2025-10-10');
    const assigned = must(await office.assign(p.id, 'economy-commerce', ['natural-resources']));
    expect(assigned.assignments.map((a) => [a.department, a.role])).toEqual([
      ['economy-commerce', 'LEAD'],
      ['natural-resources', 'CO'],
    ]);
    // A consultation-only action is refused for 专业类: expert opinions belong to 综合类.
    expect((await office.expertOpinion(p.id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');

    api().clock.set('2025-10-09T10:00:00+08:00');
    must(await economy.departmentAnswer(p.id, '经信商务局：已协调供电公司。'));
    must(await resources.departmentAnswer(p.id, '资规分局：无规划障碍。'));
    expect((await economy.departmentAnswer(p.id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const answered = must(await office.finalAnswer(p.id));
    expect(answered.answer?.onTime).toBe(true);
    expect(answered.assignments.every((a) => a.answeredAt !== null)).toBe(true);

    // The enterprise sees the hotline-recorded petition as its own and rates it.
    const mine = await enterprise.view(p.id);
    expect(mine.status).toBe('ANSWERED');
    expect(must(await enterprise.rate(p.id, { satisfaction: 'NEUTRAL', serviceQuality: 3, attitude: 4, efficiency: 3 })).rating?.satisfaction).toBe('NEUTRAL');
  });

  it('a call taken on Friday and recorded on Monday counts from Friday, the actual receipt', async () => {
    const { hotline, office } = await clients();
    api().clock.set('2025-09-29T09:00:00+08:00'); // Monday morning
    const p = await hotline.submit(enterpriseInput({ channel: 'SERVICE_WINDOW', receivedAt: '2025-09-26T16:00:00+08:00' }));
    // From Fri 9/26: 9/28(1) 9/29(2) 9/30(3) 10/9(4) 10/10(5). (From Mon 9/29 it would have been 10/13.)
    expect(must(await office.accept(p.id, 'PROFESSIONAL')).dueDate).toBe('2025-10-10');
  });

  it('综合类: expert opinions recorded; a late answer is stored as not on time beside the rating', async () => {
    const { enterprise, office, economy } = await clients();
    api().clock.set('2025-09-26T16:00:00+08:00');
    const p = await enterprise.submit(enterpriseInput({ topic: 'TRANSFORMATION_UPGRADING', title: '智能化改造项目补助' }));
    expect(must(await office.accept(p.id, 'COMPREHENSIVE')).dueDate).toBe('2025-10-16'); // 10 working days
    must(await office.assign(p.id, 'economy-commerce'));
    const withExpert = must(await office.expertOpinion(p.id, '李研究员', '项目符合智能化改造方向，建议支持。'));
    expect(withExpert.expertOpinions).toEqual([{ expert: '李研究员', opinion: '项目符合智能化改造方向，建议支持。' }]);

    api().clock.set('2025-10-17T09:00:00+08:00'); // the day after the deadline
    expect((await office.view(p.id)).overdue).toBe(true);
    must(await economy.departmentAnswer(p.id));
    const answered = must(await office.finalAnswer(p.id));
    expect(answered.answer?.onTime).toBe(false);
    const rated = must(await enterprise.rate(p.id, { satisfaction: 'DISSATISFIED', serviceQuality: 2, attitude: 3, efficiency: 1 }));
    expect(rated.rating).toMatchObject({ satisfaction: 'DISSATISFIED', answerOnTime: false, isDefault: false });
  });

  it('共性类: 15 working days, the leading group sees it', async () => {
    const { enterprise, office, leader, economy } = await clients();
    api().clock.set('2025-12-22T09:00:00+08:00');
    const p = await enterprise.submit(enterpriseInput({ topic: 'INVESTMENT_CONSTRUCTION', title: '园区道路配套共性问题' }));
    expect((await leader.get(p.id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const accepted = must(await office.accept(p.id, 'COMMON'));
    // Across New Year 2026 (1/1–1/3 off, Sun 1/4 working): hand-counted to Tue 2026-01-13.
    expect(accepted.dueDate).toBe('2026-01-13');
    expect((await leader.view(p.id)).category).toBe('COMMON');
    must(await office.assign(p.id, 'economy-commerce'));
    api().clock.set('2026-01-12T15:00:00+08:00');
    expect((await office.view(p.id)).remainingWorkingDays).toBe(1);
    must(await economy.departmentAnswer(p.id));
    expect(must(await office.finalAnswer(p.id)).answer?.onTime).toBe(true);
  });

  it('reclassification recomputes the due date from the original receipt and is recorded', async () => {
    const { enterprise, office } = await clients();
    api().clock.set('2025-09-26T16:00:00+08:00');
    const p = await enterprise.submit(enterpriseInput());
    expect(must(await office.accept(p.id, 'CONSULTATION')).dueDate).toBe('2025-09-28');
    api().clock.set('2025-09-29T10:00:00+08:00');
    const re = must(await office.reclassify(p.id, 'PROFESSIONAL', '需发改、资规会商'));
    // From the receipt on 9/26, not from today 9/29: 5 working days → 10/10.
    expect(re).toMatchObject({ category: 'PROFESSIONAL', dueDate: '2025-10-10' });
    const { r } = await office.timeline(p.id);
    const event = r.timeline.find((e) => e.type === 'reclassified');
    expect(JSON.parse(event?.payload ?? '{}')).toMatchObject({ from: 'consultation', category: 'professional', dueOn: '2025-10-10', reason: '需发改、资规会商' });
  });

  for (const [reason, label] of [
    ['OUT_OF_SCOPE', REFUSAL_REASONS.out_of_scope],
    ['ILLEGAL', REFUSAL_REASONS.illegal],
    ['JUDICIAL', REFUSAL_REASONS.judicial],
    ['LETTERS_AND_VISITS', REFUSAL_REASONS.letters_and_visits],
  ] as const) {
    it(`第九条 refusal: ${label}`, async () => {
      const { enterprise, office } = await clients();
      const p = await enterprise.submit(enterpriseInput());
      const refused = must(await office.refuse(p.id, reason, '该事项已进入诉讼程序，请通过司法途径解决。'));
      expect(refused.status).toBe('REFUSED');
      expect(refused.refusal).toMatchObject({ reason, reasonLabel: label, explanation: '该事项已进入诉讼程序，请通过司法途径解决。' });
      // The enterprise reads the reason on its own petition; a refused petition cannot be accepted.
      expect((await enterprise.view(p.id)).refusal?.reasonLabel).toBe(label);
      expect((await office.accept(p.id, 'PROFESSIONAL')).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    });
  }

  it('第七条 市场类: a referral, or an explanation when none is possible; never neither', async () => {
    const { enterprise, office } = await clients();
    const a = await enterprise.submit(enterpriseInput({ title: '寻找物流合作方' }));
    expect(must(await office.marketMatter(a.id, '已对接区物流协会', null)).marketReferral).toMatchObject({ referral: '已对接区物流协会', explanation: null });
    const b = await enterprise.submit(enterpriseInput({ title: '寻找融资渠道' }));
    const closed = must(await office.marketMatter(b.id, null, '属市场行为，暂无合适对接机构，建议联系商业银行。'));
    expect(closed).toMatchObject({ status: 'MARKET_MATTER', dueAt: null });
    const c = await enterprise.submit(enterpriseInput({ title: '其他' }));
    const neither = await office.marketMatter(c.id, null, null);
    expect(neither.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'referral' });
  });

  it('第八条 pause across 国庆: the due date moves by the working days that passed', async () => {
    const { enterprise, office } = await clients();
    api().clock.set('2025-09-22T10:00:00+08:00'); // Monday
    const p = await enterprise.submit(enterpriseInput());
    // 9/23(1) 9/24(2) 9/25(3) 9/26(4) Sun 9/28(5)
    expect(must(await office.accept(p.id, 'PROFESSIONAL')).dueDate).toBe('2025-09-28');

    api().clock.set('2025-09-24T15:00:00+08:00');
    const paused = must(await office.requestMaterials(p.id, '请补充近三年用电记录。'));
    expect(paused).toMatchObject({ status: 'AWAITING_MATERIALS', paused: true, overdue: false });
    // The clock stands at 9/24: 9/25, 9/26, 9/28 remain.
    expect(paused.remainingWorkingDays).toBe(3);

    api().clock.set('2025-09-30T12:00:00+08:00'); // past the original deadline, but paused
    const meanwhile = await office.view(p.id);
    expect(meanwhile).toMatchObject({ overdue: false, paused: true });
    await expect(api().sweep()).resolves.toMatchObject({ urgesRecorded: 0 });

    api().clock.set('2025-10-10T09:00:00+08:00');
    const resumed = must(await enterprise.supplyMaterials(p.id, '已补充用电记录。'));
    // Paused working days: after 9/24 up to 10/10 → 9/25 9/26 9/28 9/29 9/30 10/9 10/10 = 7.
    // New due: 5 + 7 = 12 working days after 9/22 → 9/23 … 9/30 (7), 10/9(8) 10/10(9) Sat 10/11(10) 10/13(11) 10/14(12).
    expect(resumed).toMatchObject({ status: 'IN_HANDLING', paused: false, pausedWorkingDays: 7, dueDate: '2025-10-14' });
    expect(resumed.remainingWorkingDays).toBe(3); // 10/11, 10/13, 10/14
  });

  it('第八条 pause before acceptance: the clock starts again from the materials', async () => {
    const { enterprise, office } = await clients();
    api().clock.set('2025-09-22T10:00:00+08:00');
    const p = await enterprise.submit(enterpriseInput());
    api().clock.set('2025-09-24T15:00:00+08:00');
    must(await office.requestMaterials(p.id));
    api().clock.set('2025-10-10T09:00:00+08:00');
    expect(must(await office.supplyMaterials(p.id)).status).toBe('RECEIVED');
    // Same hand count as above: 12 working days after 9/22.
    expect(must(await office.accept(p.id, 'PROFESSIONAL')).dueDate).toBe('2025-10-14');
  });
}, { policyIds: ['policy-12', 'policy-40'] }); // the items a final answer below cites (第十条)
