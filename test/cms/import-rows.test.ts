// The import's pure parts, without Strapi: reading the template from XLSX/CSV/JSON, header matching,
// and the row rules a specialist sees as "第 N 行 列名：原因". Expected values are worked out by hand.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  COLUMNS,
  ImportFileError,
  matchHeader,
  parseAmount,
  parseDate,
  readRows,
  templateCsv,
  templateJson,
  templateWorkbook,
  validateRows,
  type RawRow,
} from '../../cms/src/import/index.ts';

const TEMPLATES = path.resolve(import.meta.dirname, '..', '..', 'cms', 'templates');
const HEADER = '条目编号 itemCode,标题 title,部门代码 department,最高扶持金额（万元） maxAmount,申报开始日期 applicationStart,申报截止日期 applicationEnd,适用对象 subjects,诉求领域 topics';
const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join('\n'), 'utf8');
const row = (n: number, cells: RawRow['cells']): RawRow => ({ row: n, cells });

describe('template headers', () => {
  it('accepts the full header, the Chinese label alone, or the key alone', () => {
    expect(matchHeader('条目编号 itemCode')).toBe('itemCode');
    expect(matchHeader('条目编号')).toBe('itemCode');
    expect(matchHeader('itemcode')).toBe('itemCode');
    expect(matchHeader('最高扶持金额（万元）')).toBe('maxAmount');
    expect(matchHeader('最高扶持金额')).toBe('maxAmount');
    expect(matchHeader('*标题')).toBe('title');
    expect(matchHeader('备注')).toBeUndefined();
  });

  it('has one column per policy-item field, department and policy included', () => {
    expect(COLUMNS.map((c) => c.key)).toEqual([
      'itemCode', 'title', 'department', 'policy', 'summary', 'eligibility', 'supportStandard', 'maxAmount', 'requiredMaterials',
      'procedure', 'applicationStart', 'applicationEnd', 'effectiveUntil', 'contact', 'subjects', 'topics', 'industries', 'keywords', 'order', 'conditions',
    ]);
  });
});

describe('reading files', () => {
  it('reads the example in XLSX, CSV and JSON to the same 8 rows', async () => {
    const read = async (ext: 'xlsx' | 'csv' | 'json') => readRows(readFileSync(path.join(TEMPLATES, `policy-items-example.${ext}`)), ext);
    const [xlsx, csvFile, json] = await Promise.all([read('xlsx'), read('csv'), read('json')]);
    for (const file of [xlsx, csvFile, json]) {
      expect(file.rows).toHaveLength(8);
      const valid = validateRows(file.rows);
      expect(valid.issues).toEqual([]);
      expect(valid.valid.map((r) => r.values.itemCode)).toEqual([
        'RS-2025-011', 'RS-2025-012', 'RS-2025-013', 'RS-2025-014', 'RS-2025-015', 'RS-2025-016', 'RS-2024-017', 'RS-2025-018',
      ]);
    }
    const values = (f: typeof xlsx) => validateRows(f.rows).valid.map((r) => r.values);
    expect(values(xlsx)).toEqual(values(json));
    expect(values(csvFile)).toEqual(values(json));
    // Spreadsheet row numbers: the header is row 1, so the first item is row 2.
    expect(xlsx.rows[0]!.row).toBe(2);
    expect(csvFile.rows[7]!.row).toBe(9);
    expect(json.rows[0]!.row).toBe(1);
    const first = values(json)[0]!;
    expect(first).toMatchObject({ department: 'human-resources', policy: '嘉开人社〔2025〕5号', maxAmount: 50, applicationStart: '2026-03-01', subjects: ['industrial', 'producer_services'], topics: ['transformation_upgrading'], order: 10 });
  });

  it('the blank template has the header row and the notes sheet, and no rows', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(path.join(TEMPLATES, 'policy-items-template.xlsx')) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['政策条目', '填写说明']);
    expect(workbook.getWorksheet('政策条目')!.getRow(1).getCell(1).value).toBe('条目编号 itemCode');
    const notes = JSON.stringify(workbook.getWorksheet('填写说明')!.getSheetValues());
    expect(notes).toContain('工业企业、生产性服务业企业、创业个人');
    expect(notes).toContain('投资建设、生产经营、转型升级、其他');
    expect((await readRows(readFileSync(path.join(TEMPLATES, 'policy-items-template.xlsx')), 'xlsx')).rows).toEqual([]);
  });

  it('reads Excel date cells, formulas and rich text', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('政策条目');
    s.addRow(['条目编号', '标题', '申报开始日期', '最高扶持金额（万元）']);
    s.addRow(['A-1', { richText: [{ text: '技改' }, { text: '补助' }] }, new Date(Date.UTC(2026, 2, 1)), { formula: '10*2', result: 20 }]);
    const read = await readRows(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
    const [valid] = validateRows(read.rows).valid;
    expect(valid!.values).toMatchObject({ itemCode: 'A-1', title: '技改补助', applicationStart: '2026-03-01', maxAmount: 20 });
    // Columns the file does not have are left alone on import.
    expect([...valid!.present].sort()).toEqual(['applicationStart', 'itemCode', 'maxAmount', 'title']);
  });

  it('reads a CSV saved by Excel on Chinese Windows (GBK)', async () => {
    // "条目编号,标题\r\nA-1,稳岗返还" in GBK
    const gbk = Buffer.from('ccf5c4bfb1e0bac52cb1eacce20d0a412d312ccec8b8dab7b5bbb9', 'hex');
    const read = await readRows(gbk, 'csv');
    expect(read.rows[0]!.cells).toEqual({ itemCode: 'A-1', title: '稳岗返还' });
  });

  it('ignores extra columns with a warning and skips blank rows', async () => {
    const read = await readRows(Buffer.from('条目编号,标题,备注\nA-1,标题一,内部备注\n,,\nA-2,标题二,\n'), 'csv');
    expect(read.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(read.warnings).toEqual(['第 1 行的列「备注」不是模板中的列，已忽略']);
  });

  it('refuses a file that is not the template, saying what is missing', async () => {
    await expect(readRows(Buffer.from('名称,金额\n技改,20\n'), 'csv')).rejects.toMatchObject({ code: 'NO_HEADER' });
    await expect(readRows(Buffer.from('条目编号,摘要\nA-1,x\n'), 'csv')).rejects.toThrow('表头缺少必填列：标题 title');
    await expect(readRows(Buffer.from('条目编号,标题,title\nA-1,x,y\n'), 'csv')).rejects.toMatchObject({ code: 'DUPLICATE_COLUMN' });
    await expect(readRows(Buffer.from('not a zip'), 'xlsx')).rejects.toBeInstanceOf(ImportFileError);
    await expect(readRows(Buffer.from('{"items": 3}'), 'json')).rejects.toMatchObject({ code: 'NO_HEADER' });
    await expect(readRows(Buffer.from('[{"itemCode": '), 'json')).rejects.toMatchObject({ code: 'UNREADABLE' });
  });

  it('JSON: a file-level department applies to entries that name none; keys may be labels', async () => {
    const read = await readRows(Buffer.from(JSON.stringify({ department: 'tax', items: [{ 条目编号: 'SW-1', 标题: '加计扣除' }, { itemCode: 'SW-2', title: 'x', department: 'finance' }, 7] })), 'json');
    expect(read.rows[0]!.cells).toEqual({ itemCode: 'SW-1', title: '加计扣除', department: 'tax' });
    expect(read.rows[1]!.cells.department).toBe('finance');
    const v = validateRows(read.rows);
    expect(v.issues).toEqual([{ row: 3, column: '', reason: '这一条不是对象（应为 { "itemCode": …, "title": … }）' }]);
  });
});

describe('row rules', () => {
  it('reports each bad row with its row number, column and reason; good rows pass', async () => {
    const read = await readRows(
      csv(
        'RS-1,稳岗返还,human-resources,,2026-01-01,2026-12-31,工业企业,生产经营',
        'RS-2,,human-resources,5,,,,', // missing title
        'RS-3,招工补贴,human-resources,-5,,,,', // negative amount
        'RS-4,以工代训,human-resources,10,2026-06-01,2026-05-31,,', // end before start
        'RS-5,扩岗补助,human-resources,,,,小微企业,', // unknown subject label
        'RS-1,重复,human-resources,,,,,', // duplicate code within the file
        'RS-7,安居补贴,human-resources,二十,2026-02-30,,,', // two problems in one row
      ),
      'csv',
    );
    const result = validateRows(read.rows);
    expect(result.valid.map((r) => r.row)).toEqual([2]);
    expect(result.rejected).toEqual([3, 4, 5, 6, 7, 8]);
    expect(result.issues).toEqual([
      { row: 3, column: '标题 title', reason: '标题不能为空' },
      { row: 4, column: '最高扶持金额（万元） maxAmount', reason: '最高扶持金额不能小于 0（实际为 -5）' },
      { row: 5, column: '申报截止日期 applicationEnd', reason: '申报截止日期（2026-05-31）不能早于申报开始日期（2026-06-01）' },
      { row: 6, column: '适用对象 subjects', reason: '适用对象只能是：工业企业、生产性服务业企业、创业个人（无法识别：小微企业）' },
      { row: 7, column: '条目编号 itemCode', reason: '条目编号 RS-1 与第 2 行重复：同一部门内条目编号不能重复' },
      { row: 8, column: '最高扶持金额（万元） maxAmount', reason: '应为数字，单位万元（实际为「二十」）' },
      { row: 8, column: '申报开始日期 applicationStart', reason: '不存在的日期「2026-02-30」' },
    ]);
  });

  it('a repeated code is rejected even when its first row was rejected for another reason', () => {
    const v = validateRows([row(2, { itemCode: 'A-1', title: null }), row(3, { itemCode: 'A-1', title: '第二次' }), row(4, { itemCode: 'A-1', title: 'x', department: 'tax' })]);
    expect(v.issues.map((i) => [i.row, i.column, i.reason])).toEqual([
      [2, '标题 title', '标题不能为空'],
      [3, '条目编号 itemCode', '条目编号 A-1 与第 2 行重复：同一部门内条目编号不能重复'],
    ]);
    expect(v.valid.map((r) => r.row)).toEqual([4]); // same code, another department
  });

  it('accepts vocabulary keys or Chinese labels, separated by 、 or commas', () => {
    const v = validateRows([row(2, { itemCode: 'A', title: 't', subjects: '工业企业，startup_individual', topics: ['生产经营', 'other'] })]);
    expect(v.valid[0]!.values.subjects).toEqual(['industrial', 'startup_individual']);
    expect(v.valid[0]!.values.topics).toEqual(['production_operation', 'other']);
  });

  it('rejects an item code outside the CMS pattern', () => {
    const v = validateRows([row(2, { itemCode: '人社-1', title: 't' })]);
    expect(v.issues[0]).toMatchObject({ row: 2, column: '条目编号 itemCode' });
  });

  it('a blank order is the CMS default 100; a fractional one is refused', () => {
    expect(validateRows([row(2, { itemCode: 'A', title: 't', order: null })]).valid[0]!.values.order).toBe(100);
    expect(validateRows([row(2, { itemCode: 'A', title: 't', order: '1.5' })]).issues[0]!.column).toBe('排序 order');
  });

  it('dates: YYYY-MM-DD and the usual spellings; amounts: numbers in 万元', () => {
    expect(parseDate('2026/3/1')).toEqual({ ok: true, value: '2026-03-01' });
    expect(parseDate('2026年3月1日')).toEqual({ ok: true, value: '2026-03-01' });
    expect(parseDate('2026-03-01T00:00:00.000Z')).toEqual({ ok: true, value: '2026-03-01' });
    expect(parseDate(46082)).toEqual({ ok: true, value: '2026-03-01' }); // Excel serial of 2026-03-01
    expect(parseDate('三月一日').ok).toBe(false);
    expect(parseAmount('20万元')).toEqual({ ok: true, value: 20 });
    expect(parseAmount('1,200')).toEqual({ ok: true, value: 1200 });
    expect(parseAmount(0)).toEqual({ ok: true, value: 0 });
    expect(parseAmount('')).toEqual({ ok: true, value: null });
  });
});

describe('writing the template', () => {
  it('CSV and JSON written from rows read back to the same rows', async () => {
    const rows = [{ ...Object.fromEntries(COLUMNS.map((c) => [c.key, null])), itemCode: 'A-1', title: '多行\n内容, 含逗号', maxAmount: 12.5, subjects: '创业个人', order: 3 }] as never;
    const fromCsv = validateRows((await readRows(Buffer.from(templateCsv(rows)), 'csv')).rows).valid[0]!.values;
    const fromJson = validateRows((await readRows(Buffer.from(templateJson(rows)), 'json')).rows).valid[0]!.values;
    const fromXlsx = validateRows((await readRows(Buffer.from(await templateWorkbook(rows).xlsx.writeBuffer()), 'xlsx')).rows).valid[0]!.values;
    expect(fromCsv).toMatchObject({ title: '多行\n内容, 含逗号', maxAmount: 12.5, subjects: ['startup_individual'], order: 3 });
    expect(fromJson).toEqual(fromCsv);
    expect(fromXlsx).toEqual(fromCsv);
  });
});
