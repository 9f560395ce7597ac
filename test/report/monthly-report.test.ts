// 第十二条 monthly report: every figure of October 2026 (and September beside it) worked out by hand from
// the scenario in test/helpers/report/october-2026.ts, asserted in the GraphQL answer AND in the XLSX.
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { recordZeroResultQuery, rememberQueryForCaller, linkQueryToPetition, callerKeyFromSession } from '../../api/src/search-gaps/index.ts';
import { reportWorkbook, type MonthlyReportData } from '../../api/src/report/index.ts';
import { describeEachDialect, type TestApi } from '../helpers/api/test-api.ts';
import { buildOctober2026, OCTOBER_POLICY_IDS, type OctoberIds } from '../helpers/report/october-2026.ts';
import { fetchMonthlyReport, MONTHLY_REPORT_QUERY } from '../helpers/report/report-query.ts';

const leaderOf = (a: TestApi) => a.as({ role: 'leader', sub: 'leader-1' });
const officeOf = (a: TestApi) => a.as({ role: 'office', sub: 'office-1' });

/** The knowledge-base gap records of the scenario, as the search API would write them. */
async function recordSearches(a: TestApi, ids: OctoberIds): Promise<void> {
  const db = a.app.services.db;
  // October: "人才公寓" three times (spacing, punctuation and full-width forms fold into one), one phone
  // number that must never be stored, one other query. September: "人才公寓" once.
  for (const [query, at] of [
    ['人才公寓', '2026-10-08T09:00:00+08:00'],
    [' 人才公寓！', '2026-10-15T09:00:00+08:00'],
    ['人才公寓 ', '2026-10-31T23:59:00+08:00'],
    ['环评  审批', '2026-10-13T09:00:00+08:00'],
    ['联系电话 138-1234-5678', '2026-10-20T09:00:00+08:00'],
    ['人才公寓', '2026-09-30T09:00:00+08:00'],
    ['人才公寓', '2026-11-01T00:00:00+08:00'], // November: not in the report
  ] as const) {
    await recordZeroResultQuery(db, { query, locale: 'zh-CN', at: new Date(at) });
  }
  // A caller searched "加计扣除" ten minutes before filing B on the hotline's side of the platform.
  const caller = callerKeyFromSession('platform-session-7f3a9c');
  await rememberQueryForCaller(db, { callerKey: caller, query: '加计扣除', locale: 'zh-CN', at: new Date('2026-10-08T10:50:00+08:00') });
  expect(await linkQueryToPetition(db, { callerKey: caller, petitionId: ids.B, at: new Date('2026-10-08T11:00:00+08:00') })).toMatchObject({ query: '加计扣除' });
}

const triples = (rows: { key: string; value: number; previous: number }[]) => rows.map((r) => [r.key, r.value, r.previous]);
const fig = (value: number, previous: number) => ({ value, previous });

describeEachDialect('monthly report (第十二条)', (api) => {
  it('every figure of October 2026 beside September, as worked out by hand', async () => {
    const a = api();
    const ids = await buildOctober2026(a);
    await recordSearches(a, ids);
    const r = await fetchMonthlyReport(await leaderOf(a), '2026-10');

    expect(r).toMatchObject({ month: '2026-10', previousMonth: '2026-09', generatedAt: '2026-11-02T01:00:00.000Z', asOf: '2026-10-31T16:00:00.000Z' });
    // Received: October A–H = 8; September S1–S3 = 3.
    expect(r.received).toEqual(fig(8, 3));
    // website A D E G H / S1 S3; hotline B / S2; email C; window F.
    expect(triples(r.receivedByChannel)).toEqual([['hotline_96871', 1, 1], ['website', 5, 2], ['email', 1, 0], ['service_window', 1, 0]]);
    // 咨询 A B / S1; 专业 C D / S3; 综合 G; 市场 F; refused S2; not yet classified E (materials) and H.
    expect(triples(r.receivedByCategory)).toEqual([
      ['consultation', 2, 1], ['professional', 2, 1], ['comprehensive', 1, 0], ['common', 0, 0],
      ['market', 1, 0], ['refused', 0, 1], ['unclassified', 2, 0],
    ]);
    expect(r.receivedByCategory.map((c) => c.label)).toEqual(['咨询类', '专业类', '综合类', '共性类', '市场类', '不予受理', '待分类']);
    // 投资建设 D E / S2; 生产经营 A G H / S1 S3; 转型升级 C; 其他 B F.
    expect(triples(r.receivedByTopic)).toEqual([['investment_construction', 2, 1], ['production_operation', 3, 2], ['transformation_upgrading', 1, 0], ['other', 2, 0]]);
    // individuals: F / S2.
    expect(triples(r.receivedBySubjectType)).toEqual([['enterprise', 7, 2], ['individual', 1, 1]]);

    // Final answers in October: A 10/9 (due 10/9, on time), S3 Sat 10/10 (due 10/10, on time),
    // B 10/12 (due 10/9, late), C 10/16 (due 10/15, late). September: S1 on time.
    // Open at the end of October: D (escalated, overdue), E (materials), G (due 11/9), H (not triaged).
    // Open at the end of September: S3 only (due 10/10).
    // 按期答复率 = on time ÷ (answered + open past the deadline at month end): October 2 ÷ (4 + D) = 0.4;
    // September 1 ÷ (1 + 0; S3 is not yet due) = 1.
    expect(r.resolution).toEqual({
      answered: fig(4, 1),
      answeredOnTime: fig(2, 1),
      answeredLate: fig(2, 0),
      onTimeRate: fig(0.4, 1),
      openAtMonthEnd: fig(4, 1),
      overdueAtMonthEnd: fig(1, 0),
      pausedAtMonthEnd: fig(1, 0),
    });
    const rateRows = (rows: MonthlyReportData['onTimeByCategory']) => rows.map((x) => [x.key, x.answered.value, x.onTime.value, x.rate.value, x.answered.previous, x.onTime.previous, x.rate.previous]);
    expect(rateRows(r.onTimeByCategory)).toEqual([
      ['consultation', 2, 1, 0.5, 1, 1, 1], // A on time, B late / S1
      ['professional', 2, 1, 0.5, 0, 0, null], // S3 on time, C late
      ['comprehensive', 0, 0, null, 0, 0, null],
      ['common', 0, 0, null, 0, 0, null],
    ]);
    // Departments' own answers: 税务局 S3 10/9 (due 10/10, on time) and C 10/16 (due 10/15, late);
    // 经信商务局 C 10/14 (on time); 区企服办 answered A (on time) and B (late) itself / S1.
    expect(rateRows(r.onTimeByDepartment)).toEqual([
      ['office', 2, 1, 0.5, 1, 1, 1],
      ['economy-commerce', 1, 1, 1, 0, 0, null],
      ['tax', 2, 1, 0.5, 0, 0, null],
    ]);
    expect(r.onTimeByDepartment.map((d) => d.label)).toEqual(['区企服办', '经信商务局', '税务局']);
    // Working days to answer (次日起算): A 10/8→10/9 = 1; B 10/8→10/12 = 3 (10/9, 10/10, 10/12);
    // S3 9/28→10/10 = 5 (9/29, 9/30, 10/8, 10/9, 10/10); C 10/9→10/16 = 6 (10/10, 12, 13, 14, 15, 16).
    // Sorted 1 3 5 6: median = rank ceil(2) = 3, P90 = rank ceil(3.6) = 4th = 6. September: S1 = 1.
    expect(r.workingDaysToAnswer).toEqual({ answered: fig(4, 1), median: fig(3, 1), p90: fig(6, 1) });

    // Urges by due day: 税务局 on C 10/16; 自然资源和规划分局 on D 10/20, 10/21, 10/22; D escalated 10/23.
    expect(r.urging.urges).toEqual(fig(4, 0));
    expect(r.urging.escalations).toEqual(fig(1, 0));
    expect(r.urging.byDepartment.map((d) => [d.department, d.urges.value, d.urges.previous, d.escalations.value, d.escalations.previous])).toEqual([
      ['natural-resources', 3, 0, 1, 0],
      ['tax', 1, 0, 0, 0],
    ]);
    expect(r.escalatedPetitions).toHaveLength(1);
    const esc = r.escalatedPetitions[0];
    expect(esc).toMatchObject({
      id: ids.D, title: '工业用地出让', category: 'professional', categoryLabel: '专业类', leadDepartment: 'natural-resources',
      leadDepartmentLabel: '自然资源和规划分局', receivedOn: '2026-10-12', dueDate: '2026-10-19', escalatedOn: '2026-10-23', urges: 3,
      status: 'escalated', statusLabel: '已提交领导小组',
    });
    expect(esc?.steps).toEqual([
      { on: '2026-10-12', label: '收到（网站）' },
      { on: '2026-10-12', label: '受理：专业类，2026-10-19 到期' },
      { on: '2026-10-12', label: '分派：牵头 自然资源和规划分局' },
      { on: '2026-10-20', label: '催办 自然资源和规划分局' },
      { on: '2026-10-21', label: '催办 自然资源和规划分局' },
      { on: '2026-10-22', label: '催办 自然资源和规划分局' },
      { on: '2026-10-23', label: '三次催办未果，提交领导小组' },
    ]);
    expect(esc?.summary).toContain('10-23 三次催办未果，提交领导小组');

    // Ratings in October: A 一般 4/3/4 (office), S3 满意 5/4/5 (税务局), C 不满意 2/3/1 (经信商务局).
    // B was answered late (due 10/9, answered 10/12): 第十三条 deems 满意 only for answers given on time,
    // so its window closed on 10/19 without a default. September: S1 满意 5/5/5 (office).
    expect(r.satisfaction.ratings).toEqual(fig(3, 1));
    expect(triples(r.satisfaction.levels)).toEqual([['satisfied', 1, 1], ['neutral', 1, 0], ['dissatisfied', 1, 0]]);
    expect(r.satisfaction.defaults).toEqual(fig(0, 0));
    expect(r.satisfaction.defaultShare).toEqual(fig(0, 0));
    expect(r.satisfaction.byDepartment.map((d) => [d.department, d.ratings.value, d.quality.value, d.attitude.value, d.efficiency.value, d.ratings.previous, d.quality.previous])).toEqual([
      ['office', 1, 4, 3, 4, 1, 5], // A alone
      ['economy-commerce', 1, 2, 3, 1, 0, null],
      ['tax', 1, 5, 4, 5, 0, null],
    ]);

    // Still open past the deadline at month end: D, due 10/19; working days after it up to 10/31:
    // 10/20, 21, 22, 23, 26, 27, 28, 29, 30 = 9.
    expect(r.overduePetitions).toEqual([
      {
        id: ids.D, title: '工业用地出让', category: 'professional', categoryLabel: '专业类', department: 'natural-resources',
        departmentLabel: '自然资源和规划分局', dueDate: '2026-10-19', workingDaysOverdue: 9, urges: 3, status: 'escalated', statusLabel: '已提交领导小组',
      },
    ]);

    // Themes (jieba segments, one vote per petition): "用电" is in A (厂房/用电/增容), G (二期/用电/增容)
    // and H (临时/施工/用电), and in September's S1 (工业/用电). In two petitions each: "增容" (A, G),
    // "车间" (G, H), and "审批", "新建", "项目" (D 新建项目…审批流程, E 新建项目环评审批). Ties are ordered
    // by the word (code points 增 < 审 < 新 < 车 < 项).
    expect(r.themes.slice(0, 6)).toEqual([
      { keyword: '用电', petitions: fig(3, 1) },
      { keyword: '增容', petitions: fig(2, 0) },
      { keyword: '审批', petitions: fig(2, 0) },
      { keyword: '新建', petitions: fig(2, 0) },
      { keyword: '车间', petitions: fig(2, 0) },
      { keyword: '项目', petitions: fig(2, 0) },
    ]);
    expect(r.themes.slice(6).every((t) => t.petitions.value === 1)).toBe(true);
    expect(r.themes.map((t) => t.keyword)).not.toContain('企业'); // generic vocabulary is dropped

    // Trends: 2025-11 … 2026-10; only September and October have petitions.
    expect(r.trends.map((t) => t.month)).toEqual([
      '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10',
    ]);
    expect(r.trends.slice(10)).toEqual([
      { month: '2026-09', received: 3, answered: 1, answeredOnTime: 1, onTimeRate: 1, escalations: 0 },
      { month: '2026-10', received: 8, answered: 4, answeredOnTime: 2, onTimeRate: 0.5, escalations: 1 },
    ]);
    expect(r.trends[0]).toEqual({ month: '2025-11', received: 0, answered: 0, answeredOnTime: 0, onTimeRate: null, escalations: 0 });

    // Knowledge-base gaps: 人才公寓 3 (September 1), 环评 审批 1, the phone number scrubbed.
    expect(r.knowledgeGaps.zeroResultQueries).toEqual([
      { query: '人才公寓', count: fig(3, 1) },
      { query: '环评 审批', count: fig(1, 0) },
      { query: '联系电话 〈号码〉', count: fig(1, 0) },
    ]);
    expect(r.knowledgeGaps.queriesBeforePetitions).toEqual([{ query: '加计扣除', count: fig(1, 0) }]);
    // 咨询类 answered in October: A without a policy (a 热线口径 candidate, answered by 区企服办); B cited policy-7.
    expect(r.knowledgeGaps.uncitedConsultations).toEqual([
      { id: ids.A, title: '厂房用电增容', department: 'office', departmentLabel: '区企服办', answeredAt: '2026-10-09T03:00:00.000Z' },
    ]);

    // The petition list: October's 8 in order of receipt.
    expect(r.petitions.map((p) => p.id)).toEqual([ids.A, ids.B, ids.C, ids.D, ids.E, ids.F, ids.G, ids.H]);
    expect(r.petitions.map((p) => [p.channel, p.category, p.status, p.leadDepartment, p.onTime, p.urges, p.satisfaction, p.defaultRating])).toEqual([
      ['网站', '咨询类', '已评价', '区企服办', true, 0, '一般', false],
      ['96871 呼叫热线', '咨询类', '已答复', '区企服办', false, 0, null, null], // B: late and unrated (第十三条)
      ['电子邮箱', '专业类', '已评价', '经信商务局', false, 1, '不满意', false],
      ['网站', '专业类', '已提交领导小组', '自然资源和规划分局', null, 3, null, null],
      ['网站', '待分类', '补充材料中', '', null, 0, null, null],
      ['实体服务窗口', '市场类', '市场类已转办', '', null, 0, null, null],
      ['网站', '综合类', '办理中', '经信商务局', null, 0, null, null],
      ['网站', '待分类', '待分类', '', null, 0, null, null],
    ]);

    // The same numbers in the XLSX, read back with exceljs.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportWorkbook(r)) as unknown as ArrayBuffer);
    const sheet = (name: string) => {
      const ws = wb.getWorksheet(name);
      if (!ws) throw new Error(`no sheet ${name}`);
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push(Array.from(row.values as unknown[]).slice(1).map((v) => v ?? null)));
      return rows;
    };
    expect(sheet('概览')).toEqual([
      ['指标', '本月', '上月', '变化'],
      ['报告月份', '2026-10', '2026-09', null],
      ['收到诉求', 8, 3, 5],
      ['办结答复', 4, 1, 3],
      ['其中按期', 2, 1, 1],
      ['其中逾期', 2, 0, 2],
      ['按期答复率', 0.4, 1, null],
      ['月末未办结', 4, 1, 3],
      ['月末逾期未办结', 1, 0, 1],
      ['月末补充材料中', 1, 0, 1],
      ['答复用时中位数（工作日）', 3, 1, null],
      ['答复用时90分位（工作日）', 6, 1, null],
      ['催办', 4, 0, 4],
      ['提交领导小组', 1, 0, 1],
      ['评价', 3, 1, 2],
      ['默认满意', 0, 0, 0],
      ['默认满意占比', 0, 0, null],
    ].map(trimNulls));
    expect(sheet('按渠道').slice(1)).toEqual([['96871 呼叫热线', 1, 1, 0], ['网站', 5, 2, 3], ['电子邮箱', 1, 0, 1], ['实体服务窗口', 1, 0, 1]]);
    expect(sheet('按类别').slice(1)).toEqual([
      ['咨询类', 2, 1, 1], ['专业类', 2, 1, 1], ['综合类', 1, 0, 1], ['共性类', 0, 0, 0], ['市场类', 1, 0, 1], ['不予受理', 0, 1, -1], ['待分类', 2, 0, 2],
    ]);
    expect(sheet('按领域').slice(1)).toEqual([['投资建设', 2, 1, 1], ['生产经营', 3, 2, 1], ['转型升级', 1, 0, 1], ['其他', 2, 0, 2]]);
    expect(sheet('按主体类型').slice(1)).toEqual([['区内注册企业', 7, 2, 5], ['有创业意向的个人', 1, 1, 0]]);
    // An empty cell (a rate with nothing answered) reads back as null; exceljs drops trailing ones.
    expect(sheet('类别按期率').slice(1)).toEqual(
      [['咨询类', 2, 1, 0.5, 1, 1, 1], ['专业类', 2, 1, 0.5, 0, 0, null], ['综合类', 0, 0, null, 0, 0, null], ['共性类', 0, 0, null, 0, 0, null]].map(trimNulls),
    );
    expect(sheet('部门按期率').slice(1)).toEqual([['区企服办', 2, 1, 0.5, 1, 1, 1], ['经信商务局', 1, 1, 1, 0, 0, null], ['税务局', 2, 1, 0.5, 0, 0, null]].map(trimNulls));
    expect(sheet('催办与提交').slice(1)).toEqual([['自然资源和规划分局', 3, 0, 1, 0], ['税务局', 1, 0, 0, 0]]);
    const escRow = sheet('提交领导小组诉求')[1] ?? [];
    expect(escRow.slice(0, 9)).toEqual([ids.D, '工业用地出让', '专业类', '自然资源和规划分局', '2026-10-12', '2026-10-19', '2026-10-23', 3, '已提交领导小组']);
    expect(sheet('满意度').slice(1)).toEqual([['满意', 1, 1, 0], ['一般', 1, 0, 1], ['不满意', 1, 0, 1]]);
    expect(sheet('部门星级').slice(1)).toEqual(
      [['区企服办', 1, 4, 3, 4, 1, 5, 5, 5], ['经信商务局', 1, 2, 3, 1, 0, null, null, null], ['税务局', 1, 5, 4, 5, 0, null, null, null]].map(trimNulls),
    );
    expect(sheet('诉求热点').slice(1, 4)).toEqual([['用电', 3, 1, 2], ['增容', 2, 0, 2], ['审批', 2, 0, 2]]);
    expect(sheet('逾期未办结').slice(1)).toEqual([[ids.D, '工业用地出让', '专业类', '自然资源和规划分局', '2026-10-19', 9, 3, '已提交领导小组']]);
    expect(sheet('近12个月').slice(11)).toEqual([['2026-09', 3, 1, 1, 1, 0], ['2026-10', 8, 4, 2, 0.5, 1]]);
    expect(sheet('近12个月')[1]).toEqual(['2025-11', 0, 0, 0, null, 0]);
    expect(sheet('检索无结果').slice(1)).toEqual([['人才公寓', 3, 1, 2], ['环评 审批', 1, 0, 1], ['联系电话 〈号码〉', 1, 0, 1]]);
    expect(sheet('检索后提交诉求').slice(1)).toEqual([['加计扣除', 1, 0, 1]]);
    expect(sheet('未引用政策的咨询').slice(1)).toEqual([[ids.A, '厂房用电增容', '区企服办', '2026-10-09 11:00']]);
    expect(sheet('诉求清单').slice(1).map((row) => row[0])).toEqual([ids.A, ids.B, ids.C, ids.D, ids.E, ids.F, ids.G, ids.H]);
  }, 120_000);

  it('an empty month is a valid report of zeros, with no NaN', async () => {
    const a = api();
    a.clock.set('2026-11-02T09:00:00+08:00');
    const r = await fetchMonthlyReport(await officeOf(a), '2026-10');
    expect(r.received).toEqual(fig(0, 0));
    expect(r.resolution.onTimeRate).toEqual(fig(null as never, null as never));
    expect(r.workingDaysToAnswer).toEqual({ answered: fig(0, 0), median: { value: null, previous: null }, p90: { value: null, previous: null } });
    expect(r.satisfaction.defaultShare).toEqual({ value: null, previous: null });
    expect(r.receivedByCategory.every((c) => c.value === 0 && c.previous === 0)).toBe(true);
    expect(r.onTimeByDepartment).toEqual([]);
    expect(r.escalatedPetitions).toEqual([]);
    expect(r.themes).toEqual([]);
    expect(r.trends).toHaveLength(12);
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportWorkbook(r)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('概览')?.getRow(3).values).toEqual([undefined, '收到诉求', 0, 0, 0]);
  });

  it('enterprise and department tokens get FORBIDDEN; office and leader may read; a bad month is BAD_USER_INPUT', async () => {
    const a = api();
    const enterprise = await a.as({ role: 'enterprise', sub: 'e', uscc: '91330100799655058B' });
    const department = await a.as({ role: 'department', sub: 'd', department: 'tax' });
    const hotline = await a.as({ role: 'hotline', sub: 'h' });
    a.clock.set('2026-11-02T09:00:00+08:00'); // October has ended: its report exists
    expect(await enterprise.errorCode(MONTHLY_REPORT_QUERY, { m: '2026-10' })).toBe('FORBIDDEN');
    expect(await department.errorCode(MONTHLY_REPORT_QUERY, { m: '2026-10' })).toBe('FORBIDDEN');
    expect(await hotline.errorCode(MONTHLY_REPORT_QUERY, { m: '2026-10' })).toBe('FORBIDDEN');
    expect(await a.anonymous().errorCode(MONTHLY_REPORT_QUERY, { m: '2026-10' })).toBe('UNAUTHENTICATED');
    expect((await fetchMonthlyReport(await officeOf(a), '2026-10')).month).toBe('2026-10');
    expect((await fetchMonthlyReport(await leaderOf(a), '2026-10')).month).toBe('2026-10');
    const bad = await (await officeOf(a)).request(MONTHLY_REPORT_QUERY, { m: '2026-13' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
  });
}, { policyIds: OCTOBER_POLICY_IDS });

/** exceljs leaves trailing empty cells out of row.values. */
function trimNulls(row: unknown[]): unknown[] {
  const out = [...row];
  while (out.length > 0 && out[out.length - 1] === null) out.pop();
  return out;
}
