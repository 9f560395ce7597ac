// Import and export of a department’s itemized list (第五条: each department’s 企业服务专员 keeps its policies current), against the
// real CMS: the same functions the commands call, with the booted Strapi. Each test works in its
// own department (or its own item codes), so no test depends on another. Expected counts are
// counted by hand from the files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COLUMNS,
  exportPolicyItems,
  importPolicyItems,
  readRows,
  readRowsFromFile,
  templateWorkbook,
  writeTemplateFile,
  type ColumnKey,
  type ImportOptions,
  type TemplateRow,
} from '../../cms/src/import/index.ts';
import { startCms, type CmsUnderTest } from '../helpers/cms.ts';
import type { DbKind } from '../helpers/databases.ts';

const ITEM = 'api::policy-item.policy-item';
const POLICY = 'api::policy.policy';
const TEMPLATES = path.resolve(import.meta.dirname, '..', '..', 'cms', 'templates');
const EXAMPLE_CODES = ['RS-2025-011', 'RS-2025-012', 'RS-2025-013', 'RS-2025-014', 'RS-2025-015', 'RS-2025-016', 'RS-2024-017', 'RS-2025-018'];

type Stored = {
  documentId: string;
  itemCode: string;
  title: string;
  summary: string | null;
  maxAmount: number | string | null;
  applicationEnd: string | null;
  subjects: string[] | null;
  topics: string[] | null;
  locale: string;
  publishedAt: string | null;
  department: { code: string } | null;
  policy: { docNumber: string | null; title: string } | null;
};

/** A template row with only the given cells filled in. */
function templateRow(cells: Partial<TemplateRow>): TemplateRow {
  return { ...(Object.fromEntries(COLUMNS.map((c) => [c.key, null])) as TemplateRow), ...cells };
}

/** The CSV text of rows with only the given columns, as a specialist's own spreadsheet would have. */
function csvOf(columns: ColumnKey[], rows: Array<Array<string | number>>): Buffer {
  return Buffer.from([columns.join(','), ...rows.map((r) => r.map((v) => (typeof v === 'string' && /[,"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','))].join('\n'));
}

export function defineImportSuite(kind: DbKind): void {
  describe(`import and export of itemized lists (${kind})`, () => {
    let cms: CmsUnderTest;
    let tmp: string;
    let failPublish = false;

    const items = async (department: string, where: Record<string, unknown> = {}) =>
      (await cms.strapi.db.query(ITEM).findMany({
        where: { department: { code: department }, ...where },
        populate: { department: { select: ['code'] }, policy: { select: ['docNumber', 'title'] } },
        orderBy: [{ itemCode: 'asc' }],
      })) as Stored[];
    const drafts = (department: string, locale = 'zh-Hans') => items(department, { locale, publishedAt: null });
    const importBuffer = async (buffer: Buffer, format: 'csv' | 'xlsx' | 'json', options: ImportOptions = {}) =>
      importPolicyItems(cms.strapi, await readRows(buffer, format), options);
    const importFile = async (file: string, options: ImportOptions = {}) => importPolicyItems(cms.strapi, await readRowsFromFile(file), options);
    const counts = (s: { created: number; updated: number; unchanged: number; rejected: number }) => ({ created: s.created, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected });

    beforeAll(async () => {
      cms = await startCms(kind, 'import');
      tmp = mkdtempSync(path.join(tmpdir(), 'zone-import-files-'));
      const s = cms.strapi;
      const dept = async (code: string) => ((await s.db.query('api::department.department').findOne({ where: { code } })) as { documentId: string }).documentId;
      // The policies the example links (as in the demo content, written with other brackets on purpose).
      const employment = await s.documents(POLICY).create({
        locale: 'zh-Hans',
        status: 'published',
        data: { title: '关于做好稳就业促发展工作的若干措施', docNumber: '嘉开人社(2025)5号', department: await dept('human-resources'), validity: 'valid' } as never,
      });
      await s.documents(POLICY).create({
        locale: 'zh-Hans',
        status: 'published',
        data: { title: '2024 年度援企稳岗扩就业若干措施', docNumber: '嘉开人社（2024）2号', department: await dept('human-resources'), validity: 'expired' } as never,
      });
      await s.documents(POLICY).update({
        documentId: employment.documentId,
        locale: 'en',
        status: 'published',
        data: { title: 'Measures to Stabilize Employment', department: await dept('human-resources') } as never,
      });
      // Policies of other departments, linked by title (no 文号) in the tests below.
      await s.documents(POLICY).create({ locale: 'zh-Hans', status: 'published', data: { title: '金融支持实体经济若干措施', department: await dept('finance'), validity: 'valid' } as never });
      await s.documents(POLICY).create({ locale: 'zh-Hans', status: 'published', data: { title: '税费优惠政策操作指引', department: await dept('tax'), validity: 'valid' } as never });
      // A write failing half-way (after the item is created, at publishing) must leave nothing behind.
      s.documents.use(async (context, next) => {
        if (failPublish && context.uid === ITEM && context.action === 'publish') throw new Error('simulated failure while publishing');
        return next();
      });
    });

    afterAll(async () => {
      await cms?.stop();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    });

    it('imports the example (XLSX: 8 new items), and the same list as CSV and JSON changes nothing', async () => {
      const first = await importFile(path.join(TEMPLATES, 'policy-items-example.xlsx'));
      expect(counts(first)).toEqual({ created: 8, updated: 0, unchanged: 0, rejected: 0 });
      expect(first.issues).toEqual([]);
      const stored = await drafts('human-resources');
      expect(stored.map((i) => i.itemCode).sort()).toEqual([...EXAMPLE_CODES].sort());
      const apprenticeship = stored.find((i) => i.itemCode === 'RS-2025-011')!;
      expect(apprenticeship.title).toBe('企业新型学徒制培训补贴');
      expect(Number(apprenticeship.maxAmount)).toBe(50);
      expect(apprenticeship.applicationEnd).toBe('2026-11-30');
      expect(apprenticeship.subjects).toEqual(['industrial', 'producer_services']);
      expect(apprenticeship.topics).toEqual(['transformation_upgrading']);
      // 嘉开人社〔2025〕5号 in the file finds the policy stored as 嘉开人社(2025)5号.
      expect(apprenticeship.policy?.docNumber).toBe('嘉开人社(2025)5号');
      expect(stored.find((i) => i.itemCode === 'RS-2024-017')!.policy?.title).toBe('2024 年度援企稳岗扩就业若干措施');
      // Without --publish the items are drafts for the specialist to review.
      expect(await items('human-resources', { publishedAt: { $notNull: true } })).toEqual([]);

      for (const ext of ['xlsx', 'csv', 'json']) {
        const again = await importFile(path.join(TEMPLATES, `policy-items-example.${ext}`));
        expect(counts(again), ext).toEqual({ created: 0, updated: 0, unchanged: 8, rejected: 0 });
      }
      expect(await drafts('human-resources')).toHaveLength(8); // never duplicated
    });

    it('editing one cell of a spreadsheet updates exactly that item', async () => {
      const rows = [
        templateRow({ itemCode: 'CZ-101', title: '贷款贴息', department: 'finance', policy: '金融支持实体经济若干措施', maxAmount: 100, subjects: '工业企业', order: 1 }),
        templateRow({ itemCode: 'CZ-102', title: '上市奖励', department: 'finance', maxAmount: 300, topics: '转型升级', order: 2 }),
        templateRow({ itemCode: 'CZ-103', title: '政府性融资担保', department: 'finance', summary: '担保费率不高于 1%', order: 3 }),
      ];
      const workbook = templateWorkbook(rows);
      expect(counts(await importBuffer(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx'))).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });

      // The specialist changes 上市奖励's amount from 300 to 500 (row 3, column H).
      const sheet = workbook.getWorksheet('政策条目')!;
      expect(sheet.getRow(1).getCell(8).value).toBe('最高扶持金额（万元） maxAmount');
      sheet.getRow(3).getCell(8).value = 500;
      const summary = await importBuffer(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
      expect(counts(summary)).toEqual({ created: 0, updated: 1, unchanged: 2, rejected: 0 });
      expect(summary.rows.find((r) => r.outcome === 'updated')).toMatchObject({ row: 3, itemCode: 'CZ-102' });
      const stored = await drafts('finance');
      expect(stored.map((i) => [i.itemCode, i.maxAmount === null ? null : Number(i.maxAmount)])).toEqual([['CZ-101', 100], ['CZ-102', 500], ['CZ-103', null]]);
      expect(stored.find((i) => i.itemCode === 'CZ-101')!.policy?.title).toBe('金融支持实体经济若干措施');
    });

    it('reports each bad row with its row number and column; the good rows still import', async () => {
      const file = csvOf(
        ['itemCode', 'title', 'department', 'policy', 'maxAmount', 'applicationStart', 'applicationEnd', 'subjects'],
        [
          ['SW-201', '研发费用加计扣除', 'tax', '税费优惠政策操作指引', '', '', '', '工业企业'], // row 2: good
          ['SW-202', '', 'tax', '', '', '', '', ''], // row 3: missing title
          ['SW-203', '高企优惠', 'tax', '', '-1', '', '', ''], // row 4: negative amount
          ['SW-204', '留抵退税', 'tax', '', '', '2026-07-01', '2026-06-30', ''], // row 5: end before start
          ['SW-205', '小微减免', 'tax', '', '', '', '', '个体户'], // row 6: unknown subject label
          ['SW-201', '重复的编号', 'tax', '', '', '', '', ''], // row 7: duplicate code within the file
          ['SW-207', '部门写错', 'no-such-bureau', '', '', '', '', ''], // row 8: unknown department
          ['SW-208', '文号写错', 'tax', '嘉开税〔2099〕1号', '', '', '', ''], // row 9: unknown policy
          ['SW-209', '他部门政策', 'tax', '金融支持实体经济若干措施', '', '', '', ''], // row 10: another department's policy title
          ['SW-210', '六税两费减半', '税务局', '', '10', '2026-01-01', '2026-12-31', '工业企业、创业个人'], // row 11: good (department by name)
        ],
      );
      const summary = await importBuffer(file, 'csv');
      expect(counts(summary)).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 8 });
      expect(summary.issues.map((i) => [i.row, i.column])).toEqual([
        [3, '标题 title'],
        [4, '最高扶持金额（万元） maxAmount'],
        [5, '申报截止日期 applicationEnd'],
        [6, '适用对象 subjects'],
        [7, '条目编号 itemCode'],
        [8, '部门代码 department'],
        [9, '所属政策 policy'],
        [10, '所属政策 policy'],
      ]);
      expect(summary.issues.find((i) => i.row === 8)!.reason).toContain('没有部门「no-such-bureau」');
      expect(summary.issues.find((i) => i.row === 9)!.reason).toContain('找不到文号或标题为「嘉开税〔2099〕1号」的政策');
      expect(summary.issues.find((i) => i.row === 7)!.reason).toContain('与第 2 行重复');
      const stored = await drafts('tax');
      expect(stored.map((i) => i.itemCode)).toEqual(['SW-201', 'SW-210']);
      expect(stored[0]!.title).toBe('研发费用加计扣除'); // the duplicate row 7 did not overwrite row 2
      expect(stored[0]!.policy?.title).toBe('税费优惠政策操作指引');
      expect(stored[1]!.subjects).toEqual(['industrial', 'startup_individual']);
    });

    it('--department fills rows that name none and rejects rows of another department', async () => {
      const file = csvOf(['itemCode', 'title', 'department'], [['YJ-1', '安全生产标准化奖补', ''], ['YJ-2', '隐患治理补助', 'emergency'], ['YJ-3', '走错部门', 'finance']]);
      const summary = await importBuffer(file, 'csv', { department: 'emergency' });
      expect(counts(summary)).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 1 });
      expect(summary.issues).toEqual([{ row: 4, column: '部门代码 department', reason: '这一行属于部门 finance，与 --department emergency 不一致' }]);
      expect((await drafts('emergency')).map((i) => i.itemCode)).toEqual(['YJ-1', 'YJ-2']);
      expect(await drafts('finance').then((l) => l.some((i) => i.itemCode === 'YJ-3'))).toBe(false);
      // Without --department a row must name its department.
      const noDepartment = await importBuffer(csvOf(['itemCode', 'title'], [['YJ-9', '无部门']]), 'csv');
      expect(noDepartment.issues).toEqual([{ row: 2, column: '部门代码 department', reason: '请填写部门代码，或导入时用 --department 指定部门' }]);
    });

    it('an export re-imports as all unchanged (XLSX, CSV and JSON), sorted by order then item code', async () => {
      const s = cms.strapi;
      const dept = ((await s.db.query('api::department.department').findOne({ where: { code: 'market-regulation' } })) as { documentId: string }).documentId;
      // Items written in the admin, with what editors type: markdown, a zero amount, empty fields.
      for (const data of [
        { itemCode: 'SJ-B', title: '专利资助', order: 5, maxAmount: 0, eligibility: '- 授权发明专利\n- 区内企业', subjects: ['industrial'], topics: ['transformation_upgrading', 'other'], applicationStart: '2026-02-01' },
        { itemCode: 'SJ-A', title: '标准制定奖励', order: 5, keywords: '标准, 团体标准', effectiveUntil: '2027-12-31' },
        { itemCode: 'SJ-0', title: '质量奖', order: 1, summary: '政府质量奖获奖企业奖励', maxAmount: 12.5 },
      ]) {
        await s.documents(ITEM).create({ locale: 'zh-Hans', data: { ...data, department: dept } as never });
      }
      const rows = await exportPolicyItems(s, { department: 'market-regulation' });
      expect(rows.map((r) => r.itemCode)).toEqual(['SJ-0', 'SJ-A', 'SJ-B']);
      expect(rows[2]).toMatchObject({ department: 'market-regulation', subjects: '工业企业', topics: '转型升级、其他', maxAmount: 0, applicationStart: '2026-02-01', order: 5 });
      for (const ext of ['xlsx', 'csv', 'json']) {
        const file = path.join(tmp, `market-regulation.${ext}`);
        await writeTemplateFile(file, rows, 'market-regulation');
        const summary = await importFile(file);
        expect(counts(summary), ext).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
      }
    });

    it('--publish publishes; a later import without it leaves the published version as it was', async () => {
      const file = csvOf(['itemCode', 'title', 'department'], [['JX-1', '技改补助', 'economy-commerce'], ['JX-2', '专精特新奖励', 'economy-commerce']]);
      expect(counts(await importBuffer(file, 'csv', { publish: true }))).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
      const published = await items('economy-commerce', { publishedAt: { $notNull: true } });
      expect(published.map((i) => i.title)).toEqual(['技改补助', '专精特新奖励']);
      expect(counts(await importBuffer(file, 'csv', { publish: true }))).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 0 });

      const edited = csvOf(['itemCode', 'title', 'department'], [['JX-1', '技术改造项目补助', 'economy-commerce']]);
      expect(counts(await importBuffer(edited, 'csv'))).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
      expect((await items('economy-commerce', { itemCode: 'JX-1', publishedAt: { $notNull: true } }))[0]!.title).toBe('技改补助');
      expect((await drafts('economy-commerce')).find((i) => i.itemCode === 'JX-1')!.title).toBe('技术改造项目补助');
      // Publishing the unchanged draft is an update the enterprises will see.
      expect(counts(await importBuffer(edited, 'csv', { publish: true }))).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
      expect((await items('economy-commerce', { itemCode: 'JX-1', publishedAt: { $notNull: true } }))[0]!.title).toBe('技术改造项目补助');
    });

    it('--locale en writes the English version of existing items and leaves the Chinese text alone', async () => {
      const zh = csvOf(
        ['itemCode', 'title', 'department', 'policy', 'summary', 'maxAmount'],
        [['RS-EN-1', '稳岗返还', 'human-resources', '嘉开人社〔2025〕5号', '按比例返还失业保险费', '30'], ['RS-EN-2', '招工补贴', 'human-resources', '嘉开人社〔2024〕2号', '每人 1000 元', '20']],
      );
      expect(counts(await importBuffer(zh, 'csv'))).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
      // The translator's sheet: code, English text, and the policy by its 文号.
      const en = csvOf(
        ['itemCode', 'title', 'department', 'policy', 'summary'],
        [['RS-EN-1', 'Job retention refunds', 'human-resources', '嘉开人社(2025)5号', 'Part of the unemployment insurance is refunded'], ['RS-EN-2', 'Hiring subsidies', 'human-resources', '嘉开人社(2024)2号', 'RMB 1,000 per new hire']],
      );
      const summary = await importBuffer(en, 'csv', { locale: 'en' });
      expect(counts(summary)).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 0 });
      // The 2024 policy has no English version yet: the item's English version is saved without the link, and the user is told.
      expect(summary.warnings).toEqual(['第 3 行：政策「嘉开人社(2024)2号」还没有 en 版本，该语言版本的条目暂不关联政策']);
      const enItems = await drafts('human-resources', 'en');
      expect(enItems.map((i) => [i.itemCode, i.title, i.policy?.title ?? null])).toEqual([
        ['RS-EN-1', 'Job retention refunds', 'Measures to Stabilize Employment'],
        ['RS-EN-2', 'Hiring subsidies', null],
      ]);
      expect(Number(enItems[0]!.maxAmount)).toBe(30); // shared by both locales, not cleared by the English sheet
      const zhItems = (await drafts('human-resources')).filter((i) => i.itemCode.startsWith('RS-EN-'));
      expect(zhItems.map((i) => i.title)).toEqual(['稳岗返还', '招工补贴']);
      // One document per item, two locales: never a duplicate.
      expect(new Set([...enItems, ...zhItems].map((i) => i.documentId)).size).toBe(2);
      expect(counts(await importBuffer(en, 'csv', { locale: 'en' }))).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
      const exported = await exportPolicyItems(cms.strapi, { department: 'human-resources', locale: 'en' });
      expect(exported.find((r) => r.itemCode === 'RS-EN-1')).toMatchObject({ title: 'Job retention refunds', policy: '嘉开人社(2025)5号' });
    });

    it('nothing half-written: a row whose write fails leaves no entry, and the other rows are saved', async () => {
      const file = csvOf(['itemCode', 'title', 'department'], [['ZG-1', '标准地出让', 'natural-resources']]);
      failPublish = true;
      try {
        const summary = await importBuffer(file, 'csv', { publish: true });
        expect(counts(summary)).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 1 });
        expect(summary.issues).toEqual([{ row: 2, column: '', reason: '写入失败，这一行没有保存：simulated failure while publishing' }]);
      } finally {
        failPublish = false;
      }
      // The item had been created as a draft before publishing failed: the row's transaction took it back.
      expect(await items('natural-resources')).toEqual([]);
      expect(counts(await importBuffer(file, 'csv', { publish: true }))).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 0 });
      expect(await items('natural-resources', { publishedAt: { $notNull: true } })).toHaveLength(1);
    });

    it('--dry-run counts without writing', async () => {
      const file = csvOf(['itemCode', 'title', 'department'], [['HB-1', '环评豁免', 'ecology-environment'], ['HB-2', '', 'ecology-environment']]);
      const summary = await importBuffer(file, 'csv', { dryRun: true });
      expect(counts(summary)).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 1 });
      expect(await items('ecology-environment')).toEqual([]);
    });

    it('an item first written in the admin is matched by its code: the import updates it', async () => {
      const dept = ((await cms.strapi.db.query('api::department.department').findOne({ where: { code: 'organization' } })) as { documentId: string }).documentId;
      await cms.strapi.documents(ITEM).create({ locale: 'zh-Hans', data: { itemCode: 'ZZ-1', title: '人才安居', department: dept } as never });
      const summary = await importBuffer(csvOf(['itemCode', 'title', 'department'], [['ZZ-1', '人才安居补贴', 'organization']]), 'csv');
      expect(counts(summary)).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
      expect((await drafts('organization')).map((i) => i.title)).toEqual(['人才安居补贴']);
    });

    it('a large file reports progress', async () => {
      const rows = Array.from({ length: 60 }, (_, i) => [`JT-${String(i + 1).padStart(3, '0')}`, `交通条目 ${i + 1}`, 'construction-transport']);
      const seen: number[] = [];
      const summary = await importBuffer(csvOf(['itemCode', 'title', 'department'], rows), 'csv', { onProgress: (done) => seen.push(done) });
      expect(summary.created).toBe(60);
      expect(seen).toHaveLength(60);
      expect(seen.at(-1)).toBe(60);
    });

    it('reads a workbook saved by Excel with dates typed as dates', async () => {
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('政策条目');
      sheet.addRow(['条目编号', '标题', '部门代码', '申报开始日期', '申报截止日期']);
      sheet.addRow(['JG-1', '交管便企服务', 'traffic-police', new Date(Date.UTC(2026, 3, 1)), new Date(Date.UTC(2026, 8, 30))]);
      const summary = await importBuffer(Buffer.from(await wb.xlsx.writeBuffer()), 'xlsx');
      expect(counts(summary)).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 0 });
      expect((await drafts('traffic-police'))[0]!.applicationEnd).toBe('2026-09-30');
    });
  });
}
