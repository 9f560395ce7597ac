// What the workbench screens ask the api beyond the lifecycle: the office's "due today" queue and
// the monthly report as a file (HTML, XLSX, CSV).
import { expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/api/test-api.ts';
import { enterpriseInput, PetitionClient } from '../helpers/api/petition-client.ts';

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
});
