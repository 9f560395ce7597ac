// The 导入导出 page in the real admin (built admin panel, real Strapi, headless Chromium), as a
// department specialist uses it: opens 导入导出 from the menu, uploads their spreadsheet with one bad
// row, reads the preview (the bad row's number, column and reason), ticks 同时发布, confirms, reads the
// summary, and exports the list as XLSX. Strapi's own screens may be English or Chinese; the plugin's
// are Chinese.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminBuild } from '../../scripts/start/admin-build.ts';
import { HAS_CHROMIUM, launchChromium } from '../helpers/browser.ts';
import { createAdminUser, startCms, type CmsUnderTest } from '../helpers/cms.ts';
import { DB_KINDS } from '../helpers/databases.ts';

const ITEM = 'api::policy-item.policy-item';

/** The specialist's spreadsheet: the template's headers, three items, the second with a negative amount. */
async function spreadsheet(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('政策条目');
  sheet.addRow(['条目编号 itemCode', '标题 title', '最高扶持金额（万元） maxAmount', '申报条件 eligibility', '适用对象 subjects']);
  sheet.addRow(['CZ-301', '企业上市奖励', 300, '在区内注册纳税；\n已完成股份制改造', '工业企业']);
  sheet.addRow(['CZ-302', '财政贴息补助', -5, '', '工业企业']);
  sheet.addRow(['CZ-303', '融资担保补助', 50, '', '生产性服务业企业']);
  await workbook.xlsx.writeFile(file);
}

describe.skipIf(!HAS_CHROMIUM).each(DB_KINDS)('导入导出 page in Chromium (%s)', (kind) => {
  let cms: CmsUnderTest;
  let browser: Browser;
  let page: Page;
  let dir: string;
  let editor: { email: string; password: string };
  let office: { email: string; password: string };

  /** Logs in through Strapi's own form, which may be English or Chinese. */
  async function login(p: Page, account: { email: string; password: string }): Promise<void> {
    await p.goto(`${cms.url}/admin/auth/login`, { waitUntil: 'domcontentloaded' });
    await p.getByRole('textbox', { name: /^(电子邮件|Email|邮箱)/ }).fill(account.email);
    await p.getByRole('textbox', { name: /^(Password|密码)/ }).fill(account.password);
    await p.getByRole('button', { name: /^(Login|登录)$/ }).click();
    await p.waitForURL((u) => !u.pathname.includes('/auth/login'), { timeout: 30_000 });
  }

  beforeAll(async () => {
    await ensureAdminBuild(() => {});
    cms = await startCms(kind, 'import-export-page', { serveAdminPanel: true });
    editor = await createAdminUser(cms.strapi, 'finance@import-page.local', 'department-editor-finance');
    office = await createAdminUser(cms.strapi, 'office@import-page.local', 'office-editor');
    dir = mkdtempSync(path.join(tmpdir(), 'zone-import-page-'));
    browser = await launchChromium();
    const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN' });
    page = await context.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await cms?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a specialist imports a spreadsheet with one bad row after a preview, then exports the list', { timeout: 180_000 }, async () => {
    await login(page, editor);

    await page.getByRole('link', { name: '导入导出' }).click();
    await page.getByRole('heading', { name: '导入导出', level: 1 }).waitFor({ timeout: 30_000 });
    await page.getByText('本部门：财政局').waitFor();

    // A file over the limit is refused on the page, before it is sent.
    await page.getByLabel('导入文件').setInputFiles({ name: '太大的清单.csv', mimeType: 'text/csv', buffer: Buffer.alloc(6 * 1024 * 1024, 'a') });
    await page.getByRole('button', { name: '上传并预览' }).click();
    await page.getByText('文件太大（6.0 MB）：导入文件不能超过 5 MB').waitFor();

    const file = path.join(dir, '财政局清单.xlsx');
    await spreadsheet(file);
    await page.getByLabel('导入文件').setInputFiles(file);
    await page.getByRole('button', { name: '上传并预览' }).click();
    await page.getByRole('heading', { name: '预览（尚未写入）' }).waitFor({ timeout: 30_000 });
    for (const count of ['新建 2', '更新 0', '未变 0', '拒绝 1']) await page.getByRole('listitem', { name: count }).waitFor();
    // The design system's table is an ARIA grid.
    const issues = page.getByRole('grid', { name: '未通过检查的行（不会导入，其余行照常导入）' });
    const badRow = issues.getByRole('row').filter({ hasText: '第 3 行' });
    await badRow.waitFor();
    expect(await badRow.innerText()).toMatch(/第 3 行\s+最高扶持金额（万元） maxAmount\s+最高扶持金额不能小于 0（实际为 -5）/);
    expect(await issues.getByRole('row').count()).toBe(2); // the header and the one bad row
    // Nothing is written by the preview.
    expect(await cms.strapi.db.query(ITEM).count({ where: { department: { code: 'finance' } } })).toBe(0);

    await page.getByRole('checkbox', { name: '同时发布' }).check();
    await expect.poll(() => page.getByRole('checkbox', { name: '同时发布' }).isDisabled()).toBe(false);
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.getByText('共 3 行：新建 2，更新 0，未变 0，拒绝 1。 新建和更新的条目已发布。').waitFor();
    const stored = (await cms.strapi.db.query(ITEM).findMany({
      where: { department: { code: 'finance' }, locale: 'zh-Hans' },
      select: ['itemCode', 'title', 'publishedAt'],
      orderBy: [{ itemCode: 'asc' }, { id: 'asc' }],
    })) as Array<{ itemCode: string; title: string; publishedAt: string | null }>;
    // Each good row as a draft and its published version; CZ-302 nowhere.
    expect(stored.map((i) => [i.itemCode, i.title, i.publishedAt === null ? '草稿' : '已发布'])).toEqual([
      ['CZ-301', '企业上市奖励', '草稿'],
      ['CZ-301', '企业上市奖励', '已发布'],
      ['CZ-303', '融资担保补助', '草稿'],
      ['CZ-303', '融资担保补助', '已发布'],
    ]);

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByRole('button', { name: '导出', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('财政局政策条目清单.xlsx');
    const saved = path.join(dir, 'exported.xlsx');
    await download.saveAs(saved);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    const sheet = workbook.getWorksheet('政策条目')!;
    const rows = sheet.getSheetValues().slice(2).map((r) => (r as ExcelJS.CellValue[]).slice(1, 3));
    expect(rows).toEqual([
      ['CZ-301', '企业上市奖励'],
      ['CZ-303', '融资担保补助'],
    ]);
    // The editor has no department to choose.
    expect(await page.getByRole('combobox', { name: '部门' }).count()).toBe(0);
    await page.screenshot({ path: path.join(cms.db.dataDir, 'import-export-page.png'), fullPage: true });
  });
  it('the office picks a department, imports a file with one bad row into it after a preview, and exports its list as CSV', { timeout: 180_000 }, async () => {
    const tax = ((await cms.strapi.db.query('api::department.department').findOne({ where: { code: 'tax' } })) as { documentId: string }).documentId;
    await cms.strapi.documents(ITEM).create({ locale: 'zh-Hans', data: { title: '研发费用加计扣除', itemCode: 'SW-401', department: tax, eligibility: '科技型中小企业；\n研发费用单独归集', order: 1 } as never });
    await cms.strapi.documents(ITEM).create({ locale: 'zh-Hans', data: { title: '高新技术企业所得税优惠', itemCode: 'SW-402', department: tax, order: 2 } as never });
    const officePage = await browser.newPage({ acceptDownloads: true, locale: 'zh-CN' });
    await login(officePage, office);
    await officePage.getByRole('link', { name: '导入导出' }).click();
    await officePage.getByRole('heading', { name: '导入导出', level: 1 }).waitFor({ timeout: 30_000 });
    await officePage.getByRole('combobox', { name: '部门' }).click();
    await officePage.getByRole('option', { name: '税务局' }).click();

    // The office imports into the department it picked: SW-402 renamed, SW-403 new, SW-404 with a
    // negative amount (row 4, counting the header as row 1).
    const csvFile = path.join(dir, '税务局清单.csv');
    writeFileSync(
      csvFile,
      ['条目编号 itemCode,标题 title,最高扶持金额（万元） maxAmount', 'SW-402,高新技术企业减按15%税率,', 'SW-403,小型微利企业所得税优惠,', 'SW-404,留抵退税,-1'].join('\r\n'),
    );
    await officePage.getByLabel('导入文件').setInputFiles(csvFile);
    await officePage.getByRole('button', { name: '上传并预览' }).click();
    await officePage.getByRole('heading', { name: '预览（尚未写入）' }).waitFor({ timeout: 30_000 });
    for (const count of ['新建 1', '更新 1', '未变 0', '拒绝 1']) await officePage.getByRole('listitem', { name: count }).waitFor();
    const issues = officePage.getByRole('grid', { name: '未通过检查的行（不会导入，其余行照常导入）' });
    const badRow = issues.getByRole('row').filter({ hasText: '第 4 行' });
    await badRow.waitFor();
    expect(await badRow.innerText()).toMatch(/第 4 行\s+最高扶持金额（万元） maxAmount\s+最高扶持金额不能小于 0（实际为 -1）/);
    expect(await cms.strapi.db.query(ITEM).count({ where: { itemCode: 'SW-403' } })).toBe(0);
    await officePage.getByRole('button', { name: '确认导入' }).click();
    await officePage.getByText('导入完成', { exact: true }).first().waitFor({ timeout: 30_000 });
    await officePage.getByText('共 3 行：新建 1，更新 1，未变 0，拒绝 1。 新建和更新的条目已保存为草稿，请在内容管理中检查后发布。').waitFor();
    const taxItems = (await cms.strapi.db.query(ITEM).findMany({
      where: { locale: 'zh-Hans', publishedAt: null, itemCode: { $in: ['SW-402', 'SW-403', 'SW-404'] } },
      select: ['itemCode', 'title'],
      populate: { department: { select: ['code'] } },
      orderBy: [{ itemCode: 'asc' }],
    })) as Array<{ itemCode: string; title: string; department: { code: string } | null }>;
    // Written into 税务局, the department the office picked (the office has none of its own there).
    expect(taxItems.map((i) => [i.itemCode, i.title, i.department?.code])).toEqual([
      ['SW-402', '高新技术企业减按15%税率', 'tax'],
      ['SW-403', '小型微利企业所得税优惠', 'tax'],
    ]);

    await officePage.getByRole('combobox', { name: '文件格式' }).click();
    await officePage.getByRole('option', { name: 'CSV' }).click();
    const [download] = await Promise.all([officePage.waitForEvent('download', { timeout: 30_000 }), officePage.getByRole('button', { name: '导出', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('税务局政策条目清单.csv');
    const saved = path.join(dir, 'office.csv');
    await download.saveAs(saved);
    // Read back by Python's csv module: the multi-line 申报条件 of SW-401 stays one cell of one record.
    const rows = JSON.parse(
      execFileSync('python3', ['-c', 'import csv,io,json,sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.buffer.read().decode("utf-8-sig"), newline="")))))'], {
        input: readFileSync(saved),
        timeout: 20_000,
      }).toString(),
    ) as string[][];
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['条目编号 itemCode', '标题 title'],
      ['SW-401', '研发费用加计扣除'],
      ['SW-402', '高新技术企业减按15%税率'],
      ['SW-403', '小型微利企业所得税优惠'],
    ]);
    expect(rows[1]![rows[0]!.indexOf('申报条件 eligibility')]).toBe('科技型中小企业；\n研发费用单独归集');
    await officePage.close();
  });
});
