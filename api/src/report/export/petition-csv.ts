// The CSV of the month's petitions (RFC 4180, UTF-8 with a BOM so Excel shows the Chinese).
// A cell starting with = + - @ is prefixed with ' so a spreadsheet never runs it as a formula.
import type { MonthlyReportData } from '../compute/monthly-report.ts';
import { petitionListTable, type Cell } from './report-tables.ts';

function csvCell(v: Cell): string {
  if (v === null) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function petitionCsv(r: MonthlyReportData): string {
  const t = petitionListTable(r);
  const lines = [t.columns.map((c) => csvCell(c.header)), ...t.rows.map((row) => row.map(csvCell))].map((cells) => cells.join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
