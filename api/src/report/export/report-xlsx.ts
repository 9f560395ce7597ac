// The XLSX workbook: one sheet per table of report-tables.ts, numbers stored as numbers.
import ExcelJS from 'exceljs';
import type { MonthlyReportData } from '../compute/monthly-report.ts';
import { monthLabel } from '../month.ts';
import { reportTables, type ColumnFormat } from './report-tables.ts';

const NUM_FMT: Record<ColumnFormat, string | undefined> = { count: '0', percent: '0.0%', decimal: '0.0##', text: undefined };

export async function reportWorkbook(r: MonthlyReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '区企服办';
  wb.title = `${monthLabel(r.month)}企业诉求办理情况报告`;
  wb.created = new Date(r.generatedAt);
  for (const t of reportTables(r)) {
    const ws = wb.addWorksheet(t.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.columns.map((c) => ({ header: c.header, width: c.width, style: NUM_FMT[c.format] ? { numFmt: NUM_FMT[c.format] } : {} }));
    ws.getRow(1).font = { bold: true };
    for (const row of t.rows) ws.addRow(row.map((v) => (v === null ? null : v)));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
