// What the workbench screens ask the api beyond the lifecycle: the office's "due today" queue and
// the monthly report as a file (HTML, XLSX, CSV; a PDF without Chromium is a coded error), and the
// counts on the queue tabs, as each role sees them.
import { expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/api/test-api.ts';
import { enterpriseInput, must, PetitionClient } from '../helpers/api/petition-client.ts';

const COUNTS = `query($queues: [PetitionCountQuery!]!) { petitionCounts(queues: $queues) { key count } }`;

const FILE = `query($month: String!, $format: ReportFileFormat!) { monthlyReportFile(month: $month, format: $format) { filename mimeType contentBase64 byteLength } }`;

describeEachDialect('workbench queries', (api) => {
  it('dueToday lists the open petitions whose last working day is today', async () => {
    api().clock.setShanghai('2026-11-30'); // Monday
    const office = new PetitionClient(await api().as({ role: 'office', sub: 'o1' }));
    const hotline = new PetitionClient(await api().as({ role: 'hotline', sub: 'h1' }));
    // 咨询类 (1 working day, 次日起算): received Friday 11-27 → due Monday 11-30; received Monday 11-30 → due Tuesday 12-01.
    const friday = await hotline.submit({ ...enterpriseInput({ channel: 'HOTLINE_96871', title: '周五来电' }), receivedAt: '2026-11-27T15:00:00+08:00' });
    const monday = await hotline.submit({ ...enterpriseInput({ channel: 'HOTLINE_96871', title: '周一来电' }) });
    const waiting = await hotline.submit({ ...enterpriseInput({ channel: 'HOTLINE_96871', title: '未分类' }), receivedAt: '2026-11-27T15:00:00+08:00' });
    await office.accept(friday.id, 'CONSULTATION');
    await office.accept(monday.id, 'CONSULTATION');
    const ids = async () => ((await office.list({ dueToday: true })).data?.r.edges ?? []).map((e) => e.node.id);
    expect(await ids()).toEqual([friday.id]);
    api().clock.setShanghai('2026-12-01');
    expect(await ids()).toEqual([monday.id]);
    // Answered petitions leave the queue; unclassified ones were never in it.
    await office.finalAnswer(monday.id);
    expect(await ids()).toEqual([]);
    expect((await office.view(waiting.id)).status).toBe('RECEIVED');
  });

  it('gives the office and the leader the monthly report as files, and no one else', async () => {
    api().clock.setShanghai('2026-11-27');
    const enterprise = new PetitionClient(await api().as({ role: 'enterprise', sub: 'e1', uscc: '91330100799655058B' }));
    const p = await enterprise.submit(enterpriseInput());
    const office = await api().as({ role: 'office', sub: 'o1' });
    const leader = await api().as({ role: 'leader', sub: 'l1' });

    const csv = (await office.ok<any>(FILE, { month: '2026-11', format: 'CSV' })).monthlyReportFile;
    expect(csv.filename).toBe('monthly-report-2026-11-petitions.csv');
    expect(csv.mimeType).toBe('text/csv; charset=utf-8');
    const text = Buffer.from(csv.contentBase64, 'base64').toString('utf8');
    expect(text).toContain(p.id);
    expect(text).not.toContain('0573-82000000');
    expect(csv.byteLength).toBe(Buffer.from(csv.contentBase64, 'base64').length);

    const xlsx = (await leader.ok<any>(FILE, { month: '2026-11', format: 'XLSX' })).monthlyReportFile;
    expect(xlsx.filename).toBe('monthly-report-2026-11.xlsx');
    expect(Buffer.from(xlsx.contentBase64, 'base64').subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const html = (await leader.ok<any>(FILE, { month: '2026-11', format: 'HTML' })).monthlyReportFile;
    expect(Buffer.from(html.contentBase64, 'base64').toString('utf8')).toContain('2026年11月企业诉求办理情况报告');

    const department = await api().as({ role: 'department', sub: 'd1', department: 'tax' });
    expect(await department.errorCode(FILE, { month: '2026-11', format: 'CSV' })).toBe('FORBIDDEN');
    expect(await office.errorCode(FILE, { month: '2026-13', format: 'CSV' })).toBe('BAD_USER_INPUT');
  });

  it('a PDF without Chromium, or past its timeout, is PDF_UNAVAILABLE in Chinese, not an internal error', async () => {
    api().clock.setShanghai('2026-11-27');
    const office = await api().as({ role: 'office', sub: 'o1' });
    // As if the api were started with CHROMIUM_PATH pointing where nothing is installed.
    api().app.services.reportPdf = { chromiumPath: '/nonexistent/chromium', timeoutMs: 30_000 };
    const missing = await office.request(FILE, { month: '2026-11', format: 'PDF' });
    expect(missing.data).toBeNull();
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'PDF_UNAVAILABLE', reason: 'chromium_missing', retryable: false });
    expect(missing.errors?.[0]?.message).toContain('服务器未安装 Chromium（/nonexistent/chromium）');
    // A render that cannot finish in time (here: 1 ms, less than any launch) is cut off, retryable.
    api().app.services.reportPdf = { chromiumPath: process.execPath, timeoutMs: 1 };
    const late = await office.request(FILE, { month: '2026-11', format: 'PDF' });
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'PDF_UNAVAILABLE', reason: 'timeout', retryable: true });
    expect(late.errors?.[0]?.message).toContain('PDF 生成超时');
  });

  it('petitionCounts counts each queue as the caller sees it: a department only its own', async () => {
    api().clock.setShanghai('2026-11-27');
    const enterprise = new PetitionClient(await api().as({ role: 'enterprise', sub: 'e1', uscc: '91330100799655058B' }));
    const office = new PetitionClient(await api().as({ role: 'office', sub: 'o1' }));
    const tax = await api().as({ role: 'department', sub: 'd-tax', department: 'tax' });
    const economy = await api().as({ role: 'department', sub: 'd-econ', department: 'economy-commerce' });
    // A stays new; B goes to 税务局 alone; C to 经信商务局 with 税务局 as co-department.
    await enterprise.submit(enterpriseInput({ title: 'A' }));
    const b = await enterprise.submit(enterpriseInput({ title: 'B' }));
    const c = await enterprise.submit(enterpriseInput({ title: 'C' }));
    for (const [id, lead, co] of [[b.id, 'tax', []], [c.id, 'economy-commerce', ['tax']]] as const) {
      must(await office.accept(id, 'PROFESSIONAL'));
      must(await office.assign(id, lead, [...co]));
    }
    const queues = [
      { key: 'new', filter: { status: ['RECEIVED'] } },
      { key: 'handling', filter: { status: ['IN_HANDLING'] } },
      { key: 'mine', filter: { queue: 'MINE' } },
      { key: 'all', filter: { queue: 'ALL' } },
      { key: 'unfiltered' },
    ];
    const counts = async (client: typeof tax) => Object.fromEntries((await client.ok<{ petitionCounts: { key: string; count: number }[] }>(COUNTS, { queues })).petitionCounts.map((q) => [q.key, q.count]));
    // The office sees all three; its own queue is the new one and the two in handling.
    expect(await counts(office.gql)).toEqual({ new: 1, handling: 2, mine: 3, all: 3, unfiltered: 3 });
    // 税务局: B (lead) and C (co), both unanswered; never A.
    expect(await counts(tax)).toEqual({ new: 0, handling: 2, mine: 2, all: 2, unfiltered: 2 });
    expect(await counts(economy)).toEqual({ new: 0, handling: 1, mine: 1, all: 1, unfiltered: 1 });
    must(await new PetitionClient(tax).departmentAnswer(b.id));
    expect(await counts(tax)).toMatchObject({ mine: 1, all: 2 });

    expect(await office.gql.errorCode(COUNTS, { queues: [] })).toBe('BAD_USER_INPUT');
    expect(await office.gql.errorCode(COUNTS, { queues: Array.from({ length: 21 }, (_, i) => ({ key: `q${i}` })) })).toBe('BAD_USER_INPUT');
    expect(await office.gql.errorCode(COUNTS, { queues: [{ key: 'x', filter: { department: 'nowhere' } }] })).toBe('BAD_USER_INPUT');
  });
});
