// The CSVs of the report (RFC 4180, UTF-8 with a BOM so Excel shows the Chinese): the month's
// petitions, and the knowledge section (待复核, items expiring next month, notifications) as one list.
// A cell starting with = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.
import type { MonthlyReportData } from '../compute/monthly-report.ts';
import { knowledgeListTable, petitionListTable, type Cell, type ReportTable } from './report-tables.ts';

function csvCell(v: Cell): string {
  if (v === null) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function petitionCsv(r: MonthlyReportData): string {
  return tableCsv(petitionListTable(r));
}

export function knowledgeCsv(r: MonthlyReportData): string {
  return tableCsv(knowledgeListTable(r));
}

function tableCsv(t: ReportTable): string {
  const lines = [t.columns.map((c) => csvCell(c.header)), ...t.rows.map((row) => row.map(csvCell))].map((cells) => cells.join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
