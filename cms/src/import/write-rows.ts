// Writes rows in the template: XLSX (data sheet + notes sheet), CSV (UTF-8 with BOM, so Excel
// opens it in Chinese) or JSON. The blank template, the examples and the export all come from here.
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { DATA_SHEET, NOTES_SHEET, formatOf } from './read-rows';
import { COLUMNS, SUBJECTS, TOPICS, headerOf, type ColumnKey } from './template';

export type TemplateRow = Record<ColumnKey, string | number | null>;

const WIDTHS: Partial<Record<ColumnKey, number>> = {
  itemCode: 16, title: 30, department: 18, policy: 24, summary: 40, eligibility: 48, supportStandard: 48, maxAmount: 14,
  requiredMaterials: 40, procedure: 40, applicationStart: 14, applicationEnd: 14, effectiveUntil: 14, contact: 30,
  subjects: 24, topics: 18, industries: 24, keywords: 30, order: 8, conditions: 40,
};

const GENERAL_NOTES = [
  '一行一个政策条目。第一行是表头，请勿修改列名（可删去用不到的列：文件中没有的列，导入时不会改动已有内容）。',
  '导入时按（部门，条目编号）匹配：已有的条目更新，没有的新建，不会重复；内容没有变化的行记为“未变”。',
  '单元格留空表示该字段为空（导入会清空已有内容）；排序留空为 100。',
  '日期写成 YYYY-MM-DD（如 2026-03-01）；金额以万元为单位，只填数字；多个值用 、 或逗号分隔。',
  '有问题的行不会导入，导入结果会列出行号、列名和原因；其余行照常导入。',
  '导入命令：npm run import -- 文件.xlsx --department 部门代码 [--publish] [--locale zh-Hans|en] [--dry-run]',
];

/** The template workbook: the data sheet with the given rows, and the notes sheet. */
export function templateWorkbook(rows: TemplateRow[]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  // Fixed metadata, so regenerating the committed templates gives the same content.
  workbook.creator = '嘉兴经开区企业服务政策知识库';
  workbook.created = new Date(Date.UTC(2026, 0, 1));
  workbook.modified = workbook.created;

  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({
    header: headerOf(c.key),
    key: c.key,
    width: WIDTHS[c.key] ?? 20,
    // Text format keeps codes and dates as typed (Excel would turn 2026-03-01 into a serial number).
    style: c.kind === 'amount' || c.kind === 'order' ? {} : { numFmt: '@', alignment: { wrapText: true, vertical: 'top' } },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.height = 32;
  COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFCE4D6' : 'FFDDEBF7' } };
    cell.note = `${c.required ? '必填。' : ''}${c.note}`;
  });
  for (const r of rows) sheet.addRow(COLUMNS.map((c) => r[c.key] ?? null));

  const notes = workbook.addWorksheet(NOTES_SHEET);
  notes.columns = [
    { header: '列名（表头）', key: 'header', width: 30 },
    { header: '必填', key: 'required', width: 8 },
    { header: '多语言', key: 'localized', width: 16 },
    { header: '说明与可选值', key: 'note', width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of COLUMNS) {
    notes.addRow({ header: headerOf(c.key), required: c.required ? '是' : '', localized: c.localized ? '各语言分别填写' : '各语言共用', note: c.note });
  }
  notes.addRow({});
  notes.addRow({ header: '适用对象 subjects 可选值', note: Object.entries(SUBJECTS).map(([k, v]) => `${v}（${k}）`).join('、') });
  notes.addRow({ header: '诉求领域 topics 可选值', note: Object.entries(TOPICS).map(([k, v]) => `${v}（${k}）`).join('、') });
  notes.addRow({});
  for (const line of GENERAL_NOTES) notes.addRow({ header: '说明', note: line });
  notes.getColumn('note').alignment = { wrapText: true, vertical: 'top' };
  return workbook;
}

/**
 * A text cell Excel or LibreOffice would run as a formula (= + - @, or a tab or CR before one) gets a
 * leading apostrophe in the CSV, as the monthly report's CSV does: a department's text must never run
 * as `=HYPERLINK(…)` on the office's machine. read-rows.ts takes the apostrophe off again.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

const csvSafe = (v: string | number | null) => (typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : (v ?? ''));

export function templateCsv(rows: TemplateRow[]): string {
  const table = [COLUMNS.map((c) => headerOf(c.key)), ...rows.map((r) => COLUMNS.map((c) => csvSafe(r[c.key] ?? null)))];
  // RFC 4180: CRLF between records; a cell with a line break, quote or comma is quoted. csv-stringify
  // quotes only cells containing the record delimiter itself (\r\n), so a bare \n or \r inside a
  // cell (every multi-line 申报条件) has to be named for quoting explicitly.
  return `\uFEFF${stringify(table, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ })}`;
}

export function templateJson(rows: TemplateRow[], department?: string): string {
  const items = rows.map((r) => Object.fromEntries(COLUMNS.map((c) => [c.key, r[c.key] ?? null])));
  return `${JSON.stringify(department ? { department, items } : { items }, null, 2)}\n`;
}

/** Writes rows to a .xlsx, .csv or .json file in the template. */
export async function writeTemplateFile(file: string, rows: TemplateRow[], department?: string): Promise<void> {
  const format = formatOf(file);
  if (format === 'xlsx') await templateWorkbook(rows).xlsx.writeFile(file);
  else if (format === 'csv') await writeFile(file, templateCsv(rows), 'utf8');
  else await writeFile(file, templateJson(rows, department), 'utf8');
}
