// Writes the month's report files into a folder: the print-ready HTML page (charts inside), the XLSX
// workbook, the CSV of the petition list and the CSV of the knowledge section (待复核, expiring items, notifications); with `pdf`, also a PDF printed from the same HTML by
// headless Chromium (playwright-core drives the system's Chromium; nothing is downloaded).
import fs from 'node:fs/promises';
import path from 'node:path';
import { reportCharts } from '../charts/report-charts.ts';
import type { MonthlyReportData } from '../compute/monthly-report.ts';
import { renderReportHtml } from '../render/report-html.ts';
import { knowledgeCsv, petitionCsv } from './petition-csv.ts';
import { printReportPdf } from './report-pdf.ts';
import { reportWorkbook } from './report-xlsx.ts';

export interface WrittenReport {
  html: string;
  xlsx: string;
  csv: string;
  /** 待复核, items expiring next month and notifications, one row per fact. */
  knowledgeCsv: string;
  pdf: string | null;
}

/** The page with its charts rendered. */
export async function reportHtml(r: MonthlyReportData): Promise<string> {
  return renderReportHtml(r, await reportCharts(r));
}

export async function writeReportFiles(r: MonthlyReportData, outDir: string, opts: { pdf?: { chromiumPath: string; timeoutMs?: number } } = {}): Promise<WrittenReport> {
  await fs.mkdir(outDir, { recursive: true });
  const base = path.join(outDir, `monthly-report-${r.month}`);
  const html = await reportHtml(r);
  const files: WrittenReport = { html: `${base}.html`, xlsx: `${base}.xlsx`, csv: `${base}-petitions.csv`, knowledgeCsv: `${base}-knowledge.csv`, pdf: null };
  await fs.writeFile(files.html, html, 'utf8');
  await fs.writeFile(files.xlsx, await reportWorkbook(r));
  await fs.writeFile(files.csv, petitionCsv(r), 'utf8');
  await fs.writeFile(files.knowledgeCsv, knowledgeCsv(r), 'utf8');
  if (opts.pdf) {
    files.pdf = `${base}.pdf`;
    await fs.writeFile(files.pdf, await printReportPdf(html, { chromiumPath: opts.pdf.chromiumPath, timeoutMs: opts.pdf.timeoutMs ?? 120_000 }));
  }
  return files;
}
