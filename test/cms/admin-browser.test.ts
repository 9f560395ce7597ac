// One browser test: a department specialist logs into the real admin UI (built admin panel, real
// Strapi, headless Chromium) and the content-manager list shows only their department's items.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DB_KINDS } from '../helpers/databases.ts';
import { ensureAdminBuild } from '../../scripts/start/admin-build.ts';
import { createAdminUser, startCms, type CmsUnderTest } from '../helpers/cms.ts';
import { HAS_CHROMIUM, launchChromium } from '../helpers/browser.ts';

const ITEM = 'api::policy-item.policy-item';

describe.skipIf(!HAS_CHROMIUM).each(DB_KINDS)('admin UI in Chromium (%s): a department editor sees only their department', (kind) => {
  let cms: CmsUnderTest;
  let browser: Browser;
  let editor: { email: string; password: string };

  beforeAll(async () => {
    await ensureAdminBuild(() => {});
    cms = await startCms(kind, 'browser', { serveAdminPanel: true });
    const s = cms.strapi;
    const dept = async (code: string) => ((await s.db.query('api::department.department').findOne({ where: { code } })) as { documentId: string }).documentId;
    const finance = await dept('finance');
    const tax = await dept('tax');
    for (const [title, itemCode, department] of [
      ['企业上市奖励（财政）', 'CZ-101', finance],
      ['财政贴息补助（财政）', 'CZ-102', finance],
      ['研发费用加计扣除（税务）', 'SW-101', tax],
      ['高新技术企业所得税优惠（税务）', 'SW-102', tax],
    ] as const) {
      await s.documents(ITEM).create({ locale: 'zh-Hans', status: 'published', data: { title, itemCode, department } as never });
    }
    editor = await createAdminUser(s, 'finance@browser.local', 'department-editor-finance');
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await cms?.stop();
  });

  it('logs in and lists only 财政局 items', async () => {
    const page = await browser.newPage();
    await page.goto(`${cms.url}/admin/auth/login`, { waitUntil: 'domcontentloaded' });
    await page.locator('input[name="email"]').fill(editor.email);
    await page.locator('input[name="password"]').fill(editor.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((u) => !u.pathname.includes('/auth/login'), { timeout: 30_000 });

    await page.goto(`${cms.url}/admin/content-manager/collection-types/${ITEM}?page=1&pageSize=10&plugins[i18n][locale]=zh-Hans`, { waitUntil: 'domcontentloaded' });
    const table = page.locator('table');
    await table.getByText('企业上市奖励（财政）').waitFor({ timeout: 30_000 });
    const text = await table.innerText();
    expect(text).toContain('企业上市奖励（财政）');
    expect(text).toContain('财政贴息补助（财政）');
    expect(text).not.toContain('税务');
    const rows = await table.locator('tbody tr').count();
    expect(rows).toBe(2);
    await page.screenshot({ path: `${cms.db.dataDir}/content-manager.png` });
  });
});
