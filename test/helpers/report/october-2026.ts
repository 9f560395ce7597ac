// A hand-counted month for the report suites: September and October 2026, built through the real
// GraphQL API with the injected clock. Every expected figure is worked out in test/report/expected.ts.
//
// The 2026 schedule (国办发明电〔2025〕7号): 中秋 Fri 9/25 off; 国庆 10/1–10/7 off; 调休 working days
// Sun 9/20 and Sat 10/10. So the working days around October are
//   Sep: … 9/21 9/22 9/23 9/24 | 9/28 9/29 9/30
//   Oct: 10/8 10/9 10/10(Sat) | 10/12–10/16 | 10/19–10/23 | 10/26–10/30
//   Nov: 11/2 … 11/6, 11/9 …
// Deadlines count from the day after receipt (次日起算), the end of the Nth working day.
import type { TestApi } from '../api/test-api.ts';
import { ENTERPRISE_USCC, PetitionClient, enterpriseInput, must } from '../api/petition-client.ts';

export interface OctoberIds {
  S1: string; S2: string; S3: string;
  A: string; B: string; C: string; D: string; E: string; F: string; G: string; H: string;
}

const individual = { kind: 'INDIVIDUAL', name: '李明' };

/** The policy items the scenario's final answers cite (第十条: they must be published; the suites index them). */
export const OCTOBER_POLICY_IDS = ['policy-1', 'policy-3', 'policy-7', 'policy-9'] as const;

export async function buildOctober2026(a: TestApi): Promise<OctoberIds> {
  const office = new PetitionClient(await a.as({ role: 'office', sub: 'office-1' }));
  const hotline = new PetitionClient(await a.as({ role: 'hotline', sub: 'hotline-1' }));
  const ent = new PetitionClient(await a.as({ role: 'enterprise', sub: 'ent-1', uscc: ENTERPRISE_USCC }));
  const tax = new PetitionClient(await a.as({ role: 'department', sub: 'd-tax', department: 'tax' }));
  const econ = new PetitionClient(await a.as({ role: 'department', sub: 'd-econ', department: 'economy-commerce' }));
  const at = (iso: string) => a.clock.set(iso);
  const web = (title: string, content: string, topic: string) => ent.submit(enterpriseInput({ title, content, topic, attachments: [] }));
  const staff = (channel: string, receivedAt: string, title: string, content: string, topic: string, submitter?: Record<string, unknown>) =>
    hotline.submit(enterpriseInput({ channel, receivedAt, title, content, topic, attachments: [], ...(submitter ? { submitter } : {}) }));

  // ---- September (the previous month) ----
  // S1: website 9/10, 咨询类 due 9/11, answered 9/11 citing a policy (on time), rated 满意 5/5/5 on 9/14.
  at('2026-09-10T10:00:00+08:00');
  const S1 = (await web('工业用电价格咨询', '请问工业用电的峰谷电价如何执行？', 'PRODUCTION_OPERATION')).id;
  must(await office.accept(S1, 'CONSULTATION'));
  at('2026-09-11T10:00:00+08:00');
  must(await office.finalAnswer(S1, '按省发改委峰谷分时电价政策执行。', ['policy-1']));
  at('2026-09-14T10:00:00+08:00');
  must(await ent.rate(S1, { satisfaction: 'SATISFIED', serviceQuality: 5, attitude: 5, efficiency: 5 }));

  // S2: hotline 9/15, an individual, refused (超出范围).
  at('2026-09-15T10:05:00+08:00');
  const S2 = (await staff('HOTLINE_96871', '2026-09-15T10:00:00+08:00', '邻里噪声纠纷', '隔壁装修噪声扰民。', 'INVESTMENT_CONSTRUCTION', individual)).id;
  must(await office.refuse(S2, 'OUT_OF_SCOPE'));

  // S3: website Mon 9/28, 专业类: 9/29, 9/30, 10/8, 10/9, 10/10 -> due Sat 10/10 (调休). Lead 税务局.
  at('2026-09-28T10:00:00+08:00');
  const S3 = (await web('出口退税进度', '我司出口退税申请已提交一个月，进度如何？', 'PRODUCTION_OPERATION')).id;
  must(await office.accept(S3, 'PROFESSIONAL'));
  must(await office.assign(S3, 'tax'));

  // ---- October (the report month) ----
  // A: website Thu 10/8, 咨询类 due 10/9; answered 10/9 WITHOUT a policy (on time); rated 一般 4/3/4 on 10/12.
  at('2026-10-08T10:00:00+08:00');
  const A = (await web('厂房用电增容', '二期厂房投产，需要将用电容量由800千伏安增至1600千伏安。', 'PRODUCTION_OPERATION')).id;
  must(await office.accept(A, 'CONSULTATION'));
  // B: hotline, received Thu 10/8 11:00, 咨询类 due 10/9; answered Mon 10/12 citing policy-7 (late);
  // never rated. 第十三条 deems 满意 only for answers given on time, so B stays answered and unrated.
  at('2026-10-08T11:05:00+08:00');
  const B = (await staff('HOTLINE_96871', '2026-10-08T11:00:00+08:00', '研发费用加计扣除', '研发费用加计扣除比例是多少？', 'OTHER')).id;
  must(await office.accept(B, 'CONSULTATION'));

  // A is answered on 10/9; S3's tax answer on 10/9 (by its 10/10 deadline).
  at('2026-10-09T09:30:00+08:00');
  must(await tax.departmentAnswer(S3, '已进入审核，预计下周办结。'));
  // C: email, received Fri 10/9 10:00, 专业类: 10/10, 12, 13, 14, 15 -> due 10/15. Lead 经信商务局, co 税务局.
  at('2026-10-09T10:30:00+08:00');
  const C = (await staff('EMAIL', '2026-10-09T10:00:00+08:00', '数字化改造补助', '我司智能化生产线改造能否申请数字化改造补助？', 'TRANSFORMATION_UPGRADING')).id;
  must(await office.accept(C, 'PROFESSIONAL'));
  must(await office.assign(C, 'economy-commerce', ['tax']));
  at('2026-10-09T11:00:00+08:00');
  must(await office.finalAnswer(A, '可向供电公司申请增容，企服办协助对接。', []));

  // S3's final answer on Sat 10/10 (a 调休 working day, the due day itself: on time).
  at('2026-10-10T10:00:00+08:00');
  must(await office.finalAnswer(S3, '退税款已审核通过。', ['policy-3']));

  // 10/12: B answered late; A and S3 rated.
  at('2026-10-12T10:00:00+08:00');
  must(await office.finalAnswer(B, '按现行政策，制造业企业研发费用按100%加计扣除。', ['policy-7']));
  must(await ent.rate(A, { satisfaction: 'NEUTRAL', serviceQuality: 4, attitude: 3, efficiency: 4 }));
  must(await ent.rate(S3, { satisfaction: 'SATISFIED', serviceQuality: 5, attitude: 4, efficiency: 5 }));
  // D: website Mon 10/12, 专业类: 10/13, 14, 15, 16, 19 -> due 10/19. Lead 自然资源和规划分局, which never answers.
  const D = (await web('工业用地出让', '新建项目需要工业用地，出让条件和审批流程是什么？', 'INVESTMENT_CONSTRUCTION')).id;
  must(await office.accept(D, 'PROFESSIONAL'));
  must(await office.assign(D, 'natural-resources'));

  // E: website Tue 10/13; the office asks for materials at once: paused (not accepted) at month end.
  at('2026-10-13T10:00:00+08:00');
  const E = (await web('环评审批时限', '新建项目环评审批一般需要多久？', 'INVESTMENT_CONSTRUCTION')).id;
  must(await office.requestMaterials(E, '请补充项目可研报告。'));

  // F: service window Wed 10/14, an individual, 市场类 referral.
  at('2026-10-14T09:05:00+08:00');
  const F = (await staff('SERVICE_WINDOW', '2026-10-14T09:00:00+08:00', '创业场地租金', '想了解孵化器场地租金。', 'OTHER', individual)).id;
  must(await office.marketMatter(F, '嘉兴科技城孵化器运营公司', null));

  // C: 经信商务局 answers 10/14 (on time). The 10/16 pass urges 税务局 once (due 10/16, the 1st working
  // day after 10/15); 税务局 answers 10/16 10:00 (late); final answer 10/16 15:00 (late).
  at('2026-10-14T15:00:00+08:00');
  must(await econ.departmentAnswer(C, '符合条件，可申报省级数字化改造补助。'));
  at('2026-10-16T09:00:00+08:00');
  await a.sweep();
  at('2026-10-16T10:00:00+08:00');
  must(await tax.departmentAnswer(C, '补助不影响企业所得税优惠。'));
  at('2026-10-16T15:00:00+08:00');
  must(await office.finalAnswer(C, '可申报数字化改造补助，税务处理另行告知。', ['policy-9']));
  // C rated 不满意 2/3/1 on 10/19.
  at('2026-10-19T10:00:00+08:00');
  must(await ent.rate(C, { satisfaction: 'DISSATISFIED', serviceQuality: 2, attitude: 3, efficiency: 1 }));

  // 10/20 pass: D urge 1 (due 10/20); no default rating for B (answered late).
  at('2026-10-20T09:00:00+08:00');
  await a.sweep();
  // 10/23 pass: D urges 2 (10/21) and 3 (10/22), escalation (10/23 = D + 4 working days).
  at('2026-10-23T09:00:00+08:00');
  await a.sweep();

  // G: website Mon 10/26, 综合类: 10 working days -> due 11/9. Open, not overdue at month end.
  at('2026-10-26T10:00:00+08:00');
  const G = (await web('二期用电增容', '二期车间的增容方案需要多部门协调。', 'PRODUCTION_OPERATION')).id;
  must(await office.accept(G, 'COMPREHENSIVE'));
  must(await office.assign(G, 'economy-commerce'));
  // H: website Wed 10/28, not yet triaged at month end.
  at('2026-10-28T10:00:00+08:00');
  const H = (await web('临时施工用电', '新租车间需要临时施工用电。', 'PRODUCTION_OPERATION')).id;

  // The report is produced on Mon 11/2.
  at('2026-11-02T09:00:00+08:00');
  return { S1, S2, S3, A, B, C, D, E, F, G, H };
}
