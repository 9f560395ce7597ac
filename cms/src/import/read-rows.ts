// Reads the template's rows from XLSX, CSV or JSON into raw cells keyed by column. Nothing is
// validated here beyond the header: a file that is not the template is an ImportFileError, a bad
// cell is left for validate-rows.ts to report with its row number.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse as parseCsv } from 'csv-parse/sync';
import { ImportFileError } from './errors';
import { COLUMNS, headerOf, matchHeader, type ColumnKey } from './template';

export type FileFormat = 'xlsx' | 'csv' | 'json';
export type Cell = string | number | boolean | Date | null | Array<string | number>;

export interface RawRow {
  /** Spreadsheet row number (header = 1), or 1-based position in a JSON list. */
  row: number;
  /** Only the columns the file has: a column the file does not have leaves the stored field alone. */
  cells: Partial<Record<ColumnKey, Cell>>;
  /** The row could not be taken apart at all (e.g. a JSON entry that is not an object). */
  problem?: string;
}

export interface ReadResult {
  format: FileFormat;
  /** The template columns found in the header (JSON: in any entry). */
  columns: ColumnKey[];
  rows: RawRow[];
  /** Things the specialist should know that do not reject a row, e.g. an ignored extra column. */
  warnings: string[];
}

export const DATA_SHEET = '政策条目';
export const NOTES_SHEET = '填写说明';
const REQUIRED_COLUMNS: ColumnKey[] = COLUMNS.filter((c) => c.required).map((c) => c.key);

export function formatOf(file: string): FileFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  throw new ImportFileError('UNSUPPORTED_FORMAT', `不支持的文件类型「${ext || '无扩展名'}」：请使用 .xlsx、.csv 或 .json（模板见 cms/templates/）`);
}

export async function readRowsFromFile(file: string): Promise<ReadResult> {
  const format = formatOf(file);
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (cause) {
    throw new ImportFileError('FILE_NOT_FOUND', `无法读取文件 ${file}：${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : String(cause)}`, { cause });
  }
  return readRows(buffer, format);
}

export async function readRows(buffer: Buffer, format: FileFormat): Promise<ReadResult> {
  switch (format) {
    case 'xlsx':
      return readXlsx(buffer);
    case 'csv':
      return fromTable('csv', csvRecords(buffer));
    case 'json':
      return readJson(buffer);
    default:
      return unreachable(format);
  }
}

function unreachable(x: never): never {
  throw new Error(`unknown format ${String(x)}`);
}

// ---------------------------------------------------------------- tables (XLSX, CSV)

interface TableRow { row: number; values: Cell[] }

const isBlank = (c: Cell | undefined) => c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/** Finds the header among the first rows, maps the data rows onto columns. */
function fromTable(format: 'xlsx' | 'csv', table: TableRow[]): ReadResult {
  const headerIndex = table.slice(0, 10).findIndex((r) => r.values.filter((v) => typeof v === 'string' && matchHeader(v)).length >= 2);
  if (headerIndex < 0) {
    throw new ImportFileError('NO_HEADER', `找不到表头：第一行应为模板的列名，如「${headerOf('itemCode')}」「${headerOf('title')}」（模板见 cms/templates/）`);
  }
  const header = table[headerIndex]!;
  const warnings: string[] = [];
  const byIndex = new Map<number, ColumnKey>();
  const seen = new Map<ColumnKey, number>();
  header.values.forEach((v, i) => {
    if (isBlank(v)) return;
    const key = matchHeader(String(v));
    if (!key) {
      warnings.push(`第 ${header.row} 行的列「${String(v).trim()}」不是模板中的列，已忽略`);
      return;
    }
    if (seen.has(key)) {
      throw new ImportFileError('DUPLICATE_COLUMN', `表头中「${headerOf(key)}」出现了两次（第 ${seen.get(key)! + 1} 列和第 ${i + 1} 列），请删去一列`);
    }
    seen.set(key, i);
    byIndex.set(i, key);
  });
  const missing = REQUIRED_COLUMNS.filter((k) => !seen.has(k));
  if (missing.length) {
    throw new ImportFileError('MISSING_COLUMN', `表头缺少必填列：${missing.map(headerOf).join('、')}`);
  }
  const rows: RawRow[] = [];
  for (const r of table.slice(headerIndex + 1)) {
    if (r.values.every(isBlank)) continue;
    const cells: Partial<Record<ColumnKey, Cell>> = {};
    for (const [i, key] of byIndex) cells[key] = r.values[i] ?? null;
    rows.push({ row: r.row, cells });
  }
  return { format, columns: [...byIndex.values()], rows, warnings };
}

function decodeText(buffer: Buffer): string {
  // Excel on a Chinese Windows saves "CSV" in GBK; anything that is not valid UTF-8 is read as GB18030.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

function csvRecords(buffer: Buffer): TableRow[] {
  let records: string[][];
  try {
    records = parseCsv(decodeText(buffer), { relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (cause) {
    throw new ImportFileError('UNREADABLE', `CSV 文件无法解析：${(cause as Error).message}`, { cause });
  }
  // The row number is the record's position, as a spreadsheet shows it (a cell may span lines).
  // The apostrophe the export puts before a formula-like cell (write-rows.ts) is not part of the text.
  return records.map((values, i) => ({ row: i + 1, values: values.map((v) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v)) }));
}

function excelValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return excelValue((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('hyperlink' in value) return excelValue((value as { text: ExcelJS.CellValue }).text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/**
 * What an XLSX (a zip) may expand to before ExcelJS is given it. ExcelJS inflates every entry whole
 * into memory, and deflate packs ~1,000:1, so a 5 MB upload could hold gigabytes: the CMS would spend
 * minutes and run out of memory on one upload. A department's real list of 10,000 rows is a few
 * tens of MB of XML; 64 MB in all, and 2,000 entries, leave room for that and refuse a zip bomb.
 */
export const XLSX_EXPANSION_LIMITS = { maxUncompressedBytes: 64 * 1024 * 1024, maxEntries: 2_000 } as const;

const tooLargeUnpacked = () =>
  new ImportFileError(
    'FILE_TOO_LARGE',
    `XLSX 文件解压后超过 ${XLSX_EXPANSION_LIMITS.maxUncompressedBytes / 1024 / 1024} MB（或包含超过 ${XLSX_EXPANSION_LIMITS.maxEntries} 个部件），不像政策条目清单：请检查文件，或分成几个文件导入`,
  );

/**
 * Counts the bytes each entry really inflates to (not the sizes the zip declares, which a crafted
 * file can falsify) and stops at the limit, before anything is kept in memory whole.
 */
async function checkXlsxExpansion(buffer: Buffer): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch (cause) {
    throw new ImportFileError('UNREADABLE', `XLSX 文件无法打开（文件损坏，或不是 .xlsx 格式；.xls 请先另存为 .xlsx）：${(cause as Error).message}`, { cause });
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  if (entries.length > XLSX_EXPANSION_LIMITS.maxEntries) throw tooLargeUnpacked();
  let total = 0;
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      // Read and dropped chunk by chunk (jszip inflates in small steps): nothing is kept.
      const stream = entry.nodeStream('nodebuffer');
      stream
        .on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > XLSX_EXPANSION_LIMITS.maxUncompressedBytes) {
            stream.pause();
            stream.removeAllListeners('data');
            reject(tooLargeUnpacked());
          }
        })
        .on('error', (cause: Error) => reject(new ImportFileError('UNREADABLE', `XLSX 文件无法打开（文件损坏）：${cause.message}`, { cause })))
        .on('end', () => resolve());
    });
  }
}

async function readXlsx(buffer: Buffer): Promise<ReadResult> {
  await checkXlsxExpansion(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (cause) {
    throw new ImportFileError('UNREADABLE', `XLSX 文件无法打开（文件损坏，或不是 .xlsx 格式；.xls 请先另存为 .xlsx）：${(cause as Error).message}`, { cause });
  }
  const sheets = workbook.worksheets;
  const sheet = sheets.find((s) => s.name === DATA_SHEET) ?? sheets.find((s) => s.name !== NOTES_SHEET);
  if (!sheet) throw new ImportFileError('NO_HEADER', `XLSX 文件中没有工作表「${DATA_SHEET}」`);
  const table: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      values[col - 1] = excelValue(cell.value);
    });
    table.push({ row: rowNumber, values: Array.from(values, (v) => v ?? null) });
  });
  return fromTable('xlsx', table);
}

// ---------------------------------------------------------------- JSON

function jsonCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' ? v : String(v)));
  return JSON.stringify(value);
}

/** `[ {...}, ... ]` or `{ "department": "<code>", "items": [ {...}, ... ] }`; keys are template keys or labels. */
function readJson(buffer: Buffer): ReadResult {
  let doc: unknown;
  try {
    doc = JSON.parse(decodeText(buffer));
  } catch (cause) {
    throw new ImportFileError('UNREADABLE', `JSON 文件无法解析：${(cause as Error).message}`, { cause });
  }
  const container = !Array.isArray(doc) && doc && typeof doc === 'object' ? (doc as { items?: unknown; department?: unknown }) : undefined;
  const list = Array.isArray(doc) ? doc : container?.items;
  if (!Array.isArray(list)) {
    throw new ImportFileError('NO_HEADER', 'JSON 文件应为条目数组，或 { "department": "部门代码", "items": [ … ] }（示例见 cms/templates/policy-items-example.json）');
  }
  const fileDepartment = typeof container?.department === 'string' ? container.department : undefined;
  const warnings = new Set<string>();
  const columns = new Set<ColumnKey>();
  const rows: RawRow[] = list.map((entry, i) => {
    const row = i + 1;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return { row, cells: {}, problem: '这一条不是对象（应为 { "itemCode": …, "title": … }）' };
    const cells: Partial<Record<ColumnKey, Cell>> = {};
    for (const [name, value] of Object.entries(entry as Record<string, unknown>)) {
      const key = matchHeader(name);
      if (!key) {
        warnings.add(`字段「${name}」不是模板中的列，已忽略`);
        continue;
      }
      cells[key] = jsonCell(value);
      columns.add(key);
    }
    // The file-level department names the department of entries that do not name their own.
    if (fileDepartment && isBlank(cells.department)) cells.department = fileDepartment;
    return { row, cells };
  });
  if (fileDepartment) columns.add('department');
  return { format: 'json', columns: COLUMNS.map((c) => c.key).filter((k) => columns.has(k)), rows, warnings: [...warnings] };
}
