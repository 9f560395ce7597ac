// The report as a reader sees it: the command writes the HTML page, the XLSX and the CSV (and a PDF on
// request); the page renders in headless Chromium with its charts as non-empty images.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { reportHtml } from '../../api/src/report/index.ts';
import { describeEachDialect } from '../helpers/api/test-api.ts';
import { HAS_CHROMIUM, CHROMIUM_PATH, launchChromium } from '../helpers/browser.ts';
import { buildOctober2026, OCTOBER_POLICY_IDS } from '../helpers/report/october-2026.ts';
import { runReportCommand } from '../helpers/report/report-command.ts';
import { fetchMonthlyReport } from '../helpers/report/report-query.ts';

const CHARTS = ['trend', 'on-time-trend', 'category', 'department-on-time', 'satisfaction'];

let browser: Browser | undefined;
beforeAll(async () => {
  if (HAS_CHROMIUM) browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function chartBoxes(html: string) {
  if (!browser) throw new Error('Chromium is not installed at /usr/bin/chromium');
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  try {
    await page.setContent(html, { waitUntil: 'load' });
    const title = await page.locator('h1').innerText();
    const charts = await page.$$eval('figure.chart', (figs) =>
      figs.map((f) => {
        const img = f.querySelector('img');
        const box = img?.getBoundingClientRect();
        return {
          id: f.getAttribute('data-chart'),
          complete: img?.complete ?? false,
          naturalWidth: img?.naturalWidth ?? 0,
          naturalHeight: img?.naturalHeight ?? 0,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
        };
      }),
    );
    const text = await page.locator('body').innerText();
    return { title, charts, text };
  } finally {
    await page.close();
  }
}

describeEachDialect('monthly report files and page', (api) => {
  it('the command writes HTML, XLSX and CSV; the page renders with five non-empty chart images', async () => {
    const a = api();
    const ids = await buildOctober2026(a);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'report-'));
    try {
      const result = await runReportCommand(a, ['--month', '2026-10', '--out', out, '--now', '2026-11-02T09:00:00+08:00']);
      expect(result.received).toBe(8);
      const html = fs.readFileSync(path.join(out, 'monthly-report-2026-10.html'), 'utf8');
      expect(html).not.toMatch(/NaN|undefined|https?:\/\/(?!vega\.github\.io|www\.w3\.org)/);

      // CSV: a BOM, a header and October's 8 petitions in order of receipt.
      const csv = fs.readFileSync(path.join(out, 'monthly-report-2026-10-petitions.csv'), 'utf8');
      expect(csv.startsWith('\uFEFF编号,收到时间,渠道')).toBe(true);
      const lines = csv.trim().split('\r\n');
      expect(lines).toHaveLength(9);
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([ids.A, ids.B, ids.C, ids.D, ids.E, ids.F, ids.G, ids.H]);

      // The knowledge section's CSV: October's policy index has no item ending in November and nothing reviewed.
      const knowledge = fs.readFileSync(path.join(out, 'monthly-report-2026-10-knowledge.csv'), 'utf8');
      expect(knowledge.startsWith('\uFEFF分项,部门,事项编码,标题,到期类型,日期,数量\r\n')).toBe(true);

      // XLSX: one sheet per table, the overview's received figure.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(out, 'monthly-report-2026-10.xlsx'));
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        '概览', '按渠道', '按类别', '按领域', '按主体类型', '类别按期率', '部门按期率', '催办与提交', '提交领导小组诉求', '满意度',
        '部门星级', '诉求热点', '逾期未办结', '近12个月', '检索无结果', '检索后提交诉求', '未引用政策的咨询', '政策找企业', '口径复核', '下月到期事项', '通知送达', '诉求清单',
      ]);
      expect(wb.getWorksheet('概览')?.getRow(3).values).toEqual([undefined, '收到诉求', 8, 3, 5]);

      if (!HAS_CHROMIUM) return;
      const page = await chartBoxes(html);
      expect(page.title).toBe('2026年10月企业诉求办理情况报告');
      expect(page.charts.map((c) => c.id)).toEqual(CHARTS);
      for (const c of page.charts) {
        expect(c.complete, c.id ?? '').toBe(true);
        expect(c.naturalWidth, c.id ?? '').toBeGreaterThan(100);
        expect(c.naturalHeight, c.id ?? '').toBeGreaterThan(50);
        expect(c.width, c.id ?? '').toBeGreaterThan(100);
        expect(c.height, c.id ?? '').toBeGreaterThan(50);
      }
      for (const heading of ['一、总体情况', '四、催办与提交领导小组', '七、逾期未办结诉求', '八、知识库缺口', '十、知识库复核与通知送达']) expect(page.text).toContain(heading);
      expect(page.text).toContain('工业用地出让'); // the escalated and overdue petition D
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('an empty month renders too, and --pdf prints it with Chromium', async () => {
    const a = api();
    a.clock.set('2026-11-02T09:00:00+08:00');
    const r = await fetchMonthlyReport(await a.as({ role: 'office', sub: 'o' }), '2026-10');
    const html = await reportHtml(r);
    expect(html).not.toMatch(/NaN|Infinity/);
    if (!HAS_CHROMIUM) return;
    const page = await chartBoxes(html);
    expect(page.charts.map((c) => c.id)).toEqual(CHARTS);
    for (const c of page.charts) expect(c.naturalWidth * c.naturalHeight, c.id ?? '').toBeGreaterThan(0);
    expect(page.text).toContain('本月无。');

    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'report-pdf-'));
    try {
      const result = await runReportCommand(a, ['--month', '2026-10', '--out', out, '--now', '2026-11-02T09:00:00+08:00', '--pdf', '--chromium', CHROMIUM_PATH]);
      const pdf = fs.readFileSync(result.files['pdf'] ?? '');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
}, { policyIds: OCTOBER_POLICY_IDS });
