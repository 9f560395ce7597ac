// The report's knowledge section (第十二条 + 待复核) as the leading group reads it in each file: the HTML page
// (and so the PDF printed from it), the XLSX sheets and the knowledge CSV. The section's figures are written
// out by hand here (the index query behind them is tested in test/search-sync/sync.suite.ts); the
// notification figures come from delivery rows placed around the month's Shanghai bounds.
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { buildMonthlyReport, knowledgeCsv, knowledgeReview, reportHtml, reportMonth, reportWorkbook, type KnowledgeReview } from '../../api/src/report/index.ts';
import { createSearchIndex } from '../../api/src/search/search-index.ts';
import { searchConfig } from '../../api/src/search/search-config.ts';
import { describeEachDialect, type TestApi } from '../helpers/api/test-api.ts';

const NOVEMBER: KnowledgeReview = {
  reviewedInMonth: 3,
  pendingNow: 5,
  pendingByDepartment: [
    { key: 'human-resources', label: '人力社保局', value: 3 },
    { key: 'finance', label: '财政局', value: 2 },
  ],
  nextMonth: '2026-12',
  expiringNextMonth: [
    { documentId: 'doc-rs-2', itemCode: 'RS-2025-002', title: '企业新招员工招工补贴', departmentName: '人力社保局', kind: 'EFFECTIVE_UNTIL', date: '2026-12-11' },
    { documentId: 'doc-cz-101', itemCode: 'CZ-2026-101', title: '跨境电商海外仓租金补助', departmentName: '财政局', kind: 'APPLICATION_END', date: '2026-12-14' },
  ],
};

/**
 * November 2026 in Shanghai is [2026-10-31T16:00Z, 2026-11-30T16:00Z). Delivered in it: the 5th and the
 * last minute of the 30th (2); the first minute of 1 December is not. October: one. Parked in November: one.
 */
async function deliveries(a: TestApi): Promise<void> {
  const row = (id: string, status: string, at: { delivered?: string; parked?: string }) => ({
    id,
    event_key: id,
    kind: 'urged',
    petition_id: 'P-1',
    recipient: 'department:finance',
    channel: 'inbox',
    payload: '{}',
    status,
    attempts: 1,
    next_attempt_at: '2026-10-01T00:00:00.000Z',
    lease_until: null,
    last_error: status === 'parked' ? '550 mailbox unavailable' : null,
    created_at: '2026-10-01T00:00:00.000Z',
    delivered_at: at.delivered ?? null,
    parked_at: at.parked ?? null,
    updated_at: '2026-10-01T00:00:00.000Z',
  });
  await a.app.services.db
    .insertInto('notification_deliveries')
    .values([
      row('d-nov-5', 'delivered', { delivered: '2026-11-05T02:00:00.000Z' }),
      row('d-nov-30-last-minute', 'delivered', { delivered: '2026-11-30T15:59:00.000Z' }),
      row('d-dec-1-first-minute', 'delivered', { delivered: '2026-11-30T16:00:00.000Z' }),
      row('d-oct-20', 'delivered', { delivered: '2026-10-20T02:00:00.000Z' }),
      row('p-nov-10', 'parked', { parked: '2026-11-10T02:00:00.000Z' }),
    ])
    .execute();
}

async function sheetRows(xlsx: Buffer, name: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

/** The page's text of one section, tags removed, whitespace collapsed. */
function sectionText(html: string, id: string): string {
  const m = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(html);
  if (!m) throw new Error(`no section ${id}`);
  return m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

describeEachDialect('the report\'s knowledge section in HTML, XLSX and CSV', (api) => {
  it('shows 口径 reviewed and pending per department, the items expiring next month and the notifications', async () => {
    const a = api();
    a.clock.set('2026-12-01T09:00:00+08:00');
    await deliveries(a);
    const r = await buildMonthlyReport(a.app.services.petitions, reportMonth('2026-11'), { knowledgeReview: async (m) => (m === '2026-11' ? NOVEMBER : null) });

    const html = await reportHtml(r);
    expect(sectionText(html, 'knowledge-review')).toBe(
      [
        '十、知识库复核与通知送达',
        '本月完成复核的口径和解读 3 条；目前待复核 5 条。',
        '各部门待复核的口径和解读 部门 待复核 人力社保局 3 财政局 2',
        '2026年12月到期的政策条目 事项编码 标题 部门 到期类型 日期',
        'RS-2025-002 企业新招员工招工补贴 人力社保局 有效期 2026-12-11',
        'CZ-2026-101 跨境电商海外仓租金补助 财政局 申报截止 2026-12-14',
        '通知送达（站内消息、邮件、平台推送） 通知 本月 上月 变化',
        '已送达 2 1 +1',
        '搁置待处理（多次失败，待区企服办重新发送） 1 0 +1',
      ].join(' '),
    );

    const xlsx = await reportWorkbook(r);
    expect(await sheetRows(xlsx, '口径复核')).toEqual([
      ['项目', '数量'],
      ['本月完成复核的口径和解读', 3],
      ['目前待复核的口径和解读', 5],
      ['其中 人力社保局', 3],
      ['其中 财政局', 2],
    ]);
    expect(await sheetRows(xlsx, '下月到期事项')).toEqual([
      ['事项编码', '标题', '部门', '到期类型', '日期'],
      ['RS-2025-002', '企业新招员工招工补贴', '人力社保局', '有效期', '2026-12-11'],
      ['CZ-2026-101', '跨境电商海外仓租金补助', '财政局', '申报截止', '2026-12-14'],
    ]);
    expect(await sheetRows(xlsx, '通知送达')).toEqual([
      ['通知', '本月', '上月', '变化'],
      ['已送达', 2, 1, 1],
      ['搁置待处理', 1, 0, 1],
    ]);

    const csv = knowledgeCsv(r);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).trimEnd().split('\r\n')).toEqual([
      '分项,部门,事项编码,标题,到期类型,日期,数量',
      '本月完成复核的口径和解读,,,,,,3',
      '目前待复核的口径和解读,,,,,,5',
      '待复核的口径和解读,人力社保局,,,,,3',
      '待复核的口径和解读,财政局,,,,,2',
      '2026年12月到期事项,人力社保局,RS-2025-002,企业新招员工招工补贴,有效期,2026-12-11,',
      '2026年12月到期事项,财政局,CZ-2026-101,跨境电商海外仓租金补助,申报截止,2026-12-14,',
      '本月已送达通知,,,,,,2',
      '本月搁置待处理通知,,,,,,1',
    ]);
  });

  it('says so when the search index is down, and still reports the notifications', async () => {
    const a = api();
    a.clock.set('2026-12-01T09:00:00+08:00');
    await deliveries(a);
    // A Meilisearch that is not there: the section's source answers null (SEARCH_UNAVAILABLE), the report goes out.
    const down = createSearchIndex(searchConfig({ host: 'http://127.0.0.1:9', searchKey: 'none', indexPrefix: 'down', keyFile: '/nonexistent/search-key', timeoutMs: 500 }));
    const r = await buildMonthlyReport(a.app.services.petitions, reportMonth('2026-11'), { knowledgeReview: (m) => knowledgeReview(down, m) });
    expect(r.knowledgeReview).toBeNull();

    const text = sectionText(await reportHtml(r), 'knowledge-review');
    expect(text).toContain('搜索索引暂不可用，口径复核和到期事项未生成。');
    expect(text).toContain('已送达 2 1 +1');
    const xlsx = await reportWorkbook(r);
    expect(await sheetRows(xlsx, '口径复核')).toEqual([['项目', '数量'], ['搜索索引暂不可用，口径复核和到期事项未生成']]);
    expect(await sheetRows(xlsx, '下月到期事项')).toEqual([['事项编码', '标题', '部门', '到期类型', '日期']]);
    expect(knowledgeCsv(r).slice(1).trimEnd().split('\r\n')).toEqual([
      '分项,部门,事项编码,标题,到期类型,日期,数量',
      '搜索索引暂不可用，口径复核和到期事项未生成,,,,,,',
      '本月已送达通知,,,,,,2',
      '本月搁置待处理通知,,,,,,1',
    ]);
  });
});
