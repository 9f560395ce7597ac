// The media library as the 财政局 specialist sees it in the real admin UI (built admin panel, real
// Strapi, headless Chromium): their department's folder is there, 税务局's folder is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DB_KINDS } from '../helpers/databases.ts';
import { ensureAdminBuild } from '../../scripts/start/admin-build.ts';
import { AdminClient, createAdminUser, startCms, type CmsUnderTest } from '../helpers/cms.ts';
import { HAS_CHROMIUM, launchChromium } from '../helpers/browser.ts';

describe.skipIf(!HAS_CHROMIUM).each(DB_KINDS)('media library in Chromium (%s): a specialist sees only their department’s folders', (kind) => {
  let cms: CmsUnderTest;
  let browser: Browser;
  let finance: { email: string; password: string };

  beforeAll(async () => {
    await ensureAdminBuild(() => {});
    cms = await startCms(kind, 'media-browser', { serveAdminPanel: true });
    finance = await createAdminUser(cms.strapi, 'finance@media.local', 'department-editor-finance');
    const t = await createAdminUser(cms.strapi, 'tax@media.local', 'department-editor-tax');
    const tax = await AdminClient.login(cms.url, t.email, t.password);
    expect((await tax.request('POST', '/upload/folders', { name: '税务局资料', parent: null })).status).toBe(201);
    const financeApi = await AdminClient.login(cms.url, finance.email, finance.password);
    expect((await financeApi.request('POST', '/upload/folders', { name: '财政局资料', parent: null })).status).toBe(201);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await cms?.stop();
  });

  // Generous waits: the machine is shared, and the first admin page load compiles nothing but is slow.
  it('opens the media library and finds 财政局资料, not 税务局资料', { timeout: 240_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(`${cms.url}/admin/auth/login`, { waitUntil: 'domcontentloaded' });
    await page.getByLabel(/^电子邮件/).fill(finance.email);
    await page.getByLabel(/^密码/).first().fill(finance.password);
    await page.getByRole("button", { name: /^登录/ }).click();
    await page.waitForURL((u) => !u.pathname.includes('/auth/login'), { timeout: 90_000 });

    await page.goto(`${cms.url}/admin/plugins/upload`, { waitUntil: 'domcontentloaded' });
    await page.getByText('财政局资料').first().waitFor({ timeout: 90_000 });
    expect(await page.getByText('税务局资料').count()).toBe(0);
    await page.screenshot({ path: `${cms.db.dataDir}/media-library.png` });
  });
});
