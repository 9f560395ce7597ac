// npm run -w api report:demo -- [--month 2026-10] [--out reports/demo] [--screenshot docs/report-sample.png]
// A year of demo petitions (2025-11 … 2026-10), made through the real service functions with a clock
// that walks day by day (sweeper passes included), in a throwaway SQLite file; then the month's report
// as `npm run report` writes it. With --screenshot, a PNG of the page's first screen (the README sample).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// The options are parsed before the api's modules load (await import below): a wrong option is answered at once.
import { parseCommandLine } from '@zone/schemas/cli';
import type { Actor } from '../src/auth/actor.ts';
import type { Clock } from '../src/clock/clock.ts';
import type { PolicyCatalog } from '../src/petitions/handling/policy-catalog.ts';

const { values } = parseCommandLine({
  command: 'npm run report:demo',
  usage: '用法：npm run report:demo -- [--month 2026-10] [--out reports/demo] [--screenshot docs/report-sample.png] [--chromium /usr/bin/chromium]',
  options: {
    month: { type: 'string', default: '2026-10' },
    out: { type: 'string', default: 'reports/demo' },
    screenshot: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
const { shanghaiDate } = await import('../src/clock/shanghai-time.ts');
const { openDatabase } = await import('../src/db/database.ts');
const { answerAsDepartment, assignDepartments, sendFinalAnswer } = await import('../src/petitions/handling/handling-commands.ts');
const { submitPetition } = await import('../src/petitions/intake/submit-petition.ts');
const { petitionDeps } = await import('../src/petitions/deps.ts');
const { ratePetition } = await import('../src/petitions/rating/rate-petition.ts');
const { acceptPetition, closeAsMarketMatter, refusePetition, requestMaterials } = await import('../src/petitions/triage/triage-commands.ts');
const { sweep } = await import('../src/petitions/urging/sweeper.ts');
const { buildMonthlyReport, parseMonth, writeReportFiles } = await import('../src/report/index.ts');
const { recordZeroResultQuery } = await import('../src/search-gaps/index.ts');
const month = parseMonth(values.month);
const base = process.env.INIT_CWD ?? process.cwd();

let now = new Date('2025-11-03T08:00:00+08:00');
const clock: Clock = { now: () => new Date(now.getTime()) };
const at = (date: string, time: string) => (now = new Date(`${date}T${time}+08:00`));

// A small deterministic generator, so the sample looks the same on every run.
let seed = 20261027;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

const USCC = '91330100799655058B';
const office: Actor = { role: 'office', id: 'demo-office' };
const hotline: Actor = { role: 'hotline', id: 'demo-hotline' };
const enterprise: Actor = { role: 'enterprise', id: 'demo-enterprise', uscc: USCC };
const dept = (department: string): Actor => ({ role: 'department', id: `demo-${department}`, department });

const MATTERS = [
  ['厂房用电增容', '二期厂房投产，需要用电增容至1600千伏安。', 'production_operation', 'economy-commerce'],
  ['研发费用加计扣除', '研发费用加计扣除的比例和申报时间？', 'other', 'tax'],
  ['工业用地出让', '新建项目需要工业用地，出让条件和审批流程？', 'investment_construction', 'natural-resources'],
  ['环评审批时限', '新建项目环评审批需要多长时间？', 'investment_construction', 'ecology-environment'],
  ['人才公寓申请', '新引进的研发人员能否申请人才公寓？', 'other', 'human-resources'],
  ['数字化改造补助', '智能化生产线改造能否申请数字化改造补助？', 'transformation_upgrading', 'economy-commerce'],
  ['出口退税进度', '出口退税申请进度如何？', 'production_operation', 'tax'],
  ['消防验收', '新建厂房消防验收需要哪些材料？', 'investment_construction', 'construction-transport'],
  ['安全生产培训', '危化品企业安全生产培训如何组织？', 'production_operation', 'emergency'],
  ['招工补贴', '企业新招用工人能否享受招工补贴？', 'production_operation', 'human-resources'],
  ['货车通行证', '园区货车通行证如何办理？', 'production_operation', 'traffic-police'],
  ['高新技术企业认定', '高新技术企业认定的研发投入要求？', 'transformation_upgrading', 'development-reform'],
  ['排污许可变更', '扩产后排污许可如何变更？', 'investment_construction', 'ecology-environment'],
  ['技改项目备案', '技改项目备案需要哪些材料？', 'transformation_upgrading', 'development-reform'],
] as const;
/** The demo's own catalogue: it cites the ids it invents (policy-1 … policy-90); there is no index behind it. */
const isDemoPolicy = (id: string) => /^policy-([1-9]|[1-8][0-9]|90)$/.test(id);
const DEMO_POLICIES: PolicyCatalog = {
  unknownIds: async (ids) => ids.filter((id) => !isDemoPolicy(id)),
  versions: async (ids) => new Map(ids.filter(isDemoPolicy).map((id) => [id, '2025-01-01T00:00:00.000Z'])),
};
const ZERO_QUERIES = ['人才公寓', '货车通行证', '厂房租金补贴', '夜间施工许可', '外籍人员子女入学', '人才公寓', '货车通行证', '人才公寓'];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-demo-'));
const database = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'api.sqlite') });
const deps = petitionDeps(database.db, database.dialect, clock);
const calendar = await deps.calendar();

interface Plan {
  id: string;
  category: 'consultation' | 'professional' | 'comprehensive';
  departments: string[];
  deptAnswerOn: Map<string, string>;
  finalOn: string | null;
  rate: 'satisfied' | 'neutral' | 'dissatisfied' | 'none';
}
const plans: Plan[] = [];
const end = month.nextFirstDay;
let seq = 0;
try {
  for (let day = '2025-11-03'; day < end; day = shanghaiDate(new Date(Date.parse(`${day}T12:00:00+08:00`) + 86_400_000))) {
    if (!calendar.isWorkingDay(day)) continue;
    at(day, '08:30:00');
    await sweep(deps);
    // Department answers and final answers planned for today.
    at(day, '14:00:00');
    for (const p of plans) {
      for (const [d, on] of p.deptAnswerOn) if (on === day) await answerAsDepartment(deps, dept(d), p.id, '已研究办理，意见如下。');
      if (p.finalOn === day) {
        const cite = rand() < 0.7 ? [`policy-${Math.floor(rand() * 90) + 1}`] : [];
        await sendFinalAnswer(deps, office, p.id, '经研究，答复如下。', cite, '演示数据：按计划答复', DEMO_POLICIES).catch(() => undefined);
      }
    }
    at(day, '16:00:00');
    for (const p of plans) {
      if (p.finalOn && p.rate !== 'none' && calendar.addWorkingDays(p.finalOn, 2) === day) {
        const stars = p.rate === 'satisfied' ? [5, 5, 4] : p.rate === 'neutral' ? [4, 3, 3] : [2, 3, 2];
        await ratePetition(deps, enterprise, p.id, { satisfaction: p.rate, serviceQuality: stars[0], attitude: stars[1], efficiency: stars[2] }).catch(() => undefined);
      }
    }
    // New petitions: more in the last months, as the platform became known.
    const monthIndex = (Number(day.slice(0, 4)) - 2025) * 12 + Number(day.slice(5, 7)) - 11;
    const arrivals = Math.floor(rand() * (1.2 + monthIndex * 0.12) + 0.3);
    for (let i = 0; i < arrivals; i++) {
      at(day, `${String(9 + i).padStart(2, '0')}:10:00`);
      const [title, content, topic, lead] = pick(MATTERS);
      const channel = pick(['website', 'website', 'hotline_96871', 'hotline_96871', 'email', 'service_window'] as const);
      const individual = rand() < 0.12;
      const input = {
        channel,
        topic,
        title,
        content,
        submitter: individual ? { kind: 'individual', name: '创业者' } : { kind: 'enterprise', name: pick(['嘉兴某精密机械有限公司', '嘉兴某新材料股份有限公司', '嘉兴某电子科技有限公司']), uscc: USCC },
        contact: { name: '联系人', phone: '0573-82000000' },
        ...(channel === 'website' ? {} : { receivedAt: clock.now().toISOString() }),
      };
      const actor = channel === 'website' && !individual ? enterprise : hotline;
      if (channel === 'website' && individual) continue;
      const { petition } = await submitPetition(deps, actor, input, `demo-petition-${++seq}`);
      at(day, `${String(9 + i).padStart(2, '0')}:40:00`);
      const r = rand();
      if (r < 0.04) {
        await refusePetition(deps, office, petition.id, 'out_of_scope', '不属于本机制受理范围。');
        continue;
      }
      if (r < 0.09) {
        await closeAsMarketMatter(deps, office, petition.id, '相关行业协会', null);
        continue;
      }
      if (r < 0.12 && day >= '2026-10-20') {
        await requestMaterials(deps, office, petition.id, '请补充相关材料。');
        continue;
      }
      const category = r < 0.45 ? 'consultation' : r < 0.9 ? 'professional' : 'comprehensive';
      await acceptPetition(deps, office, petition.id, category);
      const sla = { consultation: 1, professional: 5, comprehensive: 10 }[category];
      const departments = category === 'consultation' ? [] : rand() < 0.3 ? [lead, pick(['tax', 'finance', 'market-regulation'].filter((d) => d !== lead))] : [lead];
      if (departments.length > 0) await assignDepartments(deps, office, petition.id, departments[0], departments.slice(1));
      const late = rand() < 0.1;
      const stuck = rand() < 0.05 && departments.length > 0;
      const deptAnswerOn = new Map<string, string>();
      let last = day;
      for (const d of departments) {
        const lag = late ? sla + 1 + Math.floor(rand() * 3) : Math.max(1, sla - 1 - Math.floor(rand() * 2));
        const on = calendar.addWorkingDays(day, lag);
        if (!stuck) deptAnswerOn.set(d, on);
        if (on > last) last = on;
      }
      // A stuck petition is escalated (第十一条) and answered once the leading group has coordinated.
      const finalOn = stuck
        ? calendar.addWorkingDays(day, sla + 8 + Math.floor(rand() * 6))
        : calendar.addWorkingDays(departments.length ? last : day, departments.length ? (late ? 1 : 0) : late ? 2 : 1);
      const rate = pick(['satisfied', 'satisfied', 'satisfied', 'satisfied', 'neutral', 'dissatisfied', 'none', 'none'] as const);
      plans.push({ id: petition.id, category, departments, deptAnswerOn, finalOn, rate });
    }
    if (rand() < 0.5) await recordZeroResultQuery(database.db, { query: pick(ZERO_QUERIES), locale: 'zh-CN', at: clock.now() });
  }
  at(end, '09:00:00');
  at(calendar.addWorkingDays(shanghaiDate(clock.now()), 0), '09:00:00');
  await sweep(deps);
  const report = await buildMonthlyReport(deps, month);
  const files = await writeReportFiles(report, path.resolve(base, values.out));
  if (values.screenshot) {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: values.chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1280 }, deviceScaleFactor: 1 });
      await page.goto(`file://${files.html}`);
      await page.screenshot({ path: path.resolve(base, values.screenshot), fullPage: false });
    } finally {
      await browser.close();
    }
  }
  console.log(JSON.stringify({ month: report.month, received: report.received, answered: report.resolution.answered, files }));
} finally {
  await database.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
