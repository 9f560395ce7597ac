// A specialist's day in the real admin (built admin panel, real Strapi with the demo content, headless
// Chromium), on the whole search stack: the 人力社保局 企业服务专员 edits an item, saves, publishes —
// and an enterprise finds the new text through the api's search — unpublishes, and bulk-unpublishes
// and bulk-publishes three own items in the list. Then the office (区企服办) does the same to 税务局 items.
// The admin's language is switched to Chinese in parallel work: the locators accept both.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DB_KINDS } from '../helpers/databases.ts';
import { ensureAdminBuild } from '../../scripts/start/admin-build.ts';
import { HAS_CHROMIUM, launchChromium } from '../helpers/browser.ts';
import { startSearchStack, type SearchStack } from '../helpers/search-stack.ts';

const ITEM = 'api::policy-item.policy-item';
const PASSWORD = 'Demo-Passw0rd';
// What a specialist reads in the Chinese admin (Strapi's zh-Hans strings and ours, cms/src/admin/translations).
const UI = {
  save: /^保存$/,
  publish: /^发布$/,
  unpublish: /^取消发布$/,
  more: /^更多操作$/,
  summary: /^摘要/,
  saved: /^已保存$/,
  published: /^已发布$/,
  unpublished: /^已取消发布$/,
  bulkPublished: /^(已发布|发布成功。)$/,
  bulkUnpublished: /^(已取消发布。?|取消发布成功)$/,
};

// 人力社保局's items in the demo content (cms/src/seed/demo/content.json), counted by hand.
const HR_ITEM_CODES = ['RS-2024-006', 'RS-2025-001', 'RS-2025-002', 'RS-2025-003', 'RS-2025-004', 'RS-2025-005', 'RS-2025-007'];

const SEARCH = /* GraphQL */ `
  query Find($q: String!) {
    search(query: $q, first: 5) {
      totalCount
      edges {
        node {
          title
          itemCode
          snippet
        }
      }
    }
  }
`;

describe.skipIf(!HAS_CHROMIUM).each(DB_KINDS)('a specialist’s day in the admin (%s)', (kind) => {
  let stack: SearchStack;
  let browser: Browser;

  beforeAll(async () => {
    await ensureAdminBuild(() => {});
    stack = await startSearchStack(kind, 'journey', {
      serveAdminPanel: true,
    });
    browser = await launchChromium();
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  // The items' list (zh-Hans, 50 a page), as the specialists keep it bookmarked.
  const ITEMS = `/content-manager/collection-types/${ITEM}?page=1&pageSize=50&plugins[i18n][locale]=zh-Hans`;

  /**
   * Logs in through the admin's login page, having opened the items' list: Strapi sends the person
   * back there after the login (its ?redirectTo), instead of the home page and a second full load.
   */
  async function login(email: string): Promise<Page> {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 1000 },
    });
    await page.goto(`${stack.cms.url}/admin/auth/login?redirectTo=${encodeURIComponent(ITEMS)}`, {
      waitUntil: 'domcontentloaded',
    });
    await page.getByLabel(/^(电子邮件|邮箱|Email)/).fill(email);
    await page.getByLabel(/^(密码|Password)/).fill(PASSWORD);
    await page.getByRole('button', { name: /^(登录|Login)$/ }).click();
    await page.waitForURL((u) => !u.pathname.includes('/auth/login'), {
      timeout: 30_000,
    });
    await listShown(page);
    return page;
  }

  const listShown = (page: Page) => page.getByRole('row').nth(1).waitFor({ timeout: 30_000 });

  /** Loads the items' list afresh (what the server holds now). */
  async function openItems(page: Page, search?: string) {
    // The admin's own requests (fetch/xhr) from the navigation on, so the list can be awaited settled.
    let inFlight = 0;
    let lastChange = Date.now();
    const counted = (r: { resourceType(): string }) => r.resourceType() === 'fetch' || r.resourceType() === 'xhr';
    const started = (r: { resourceType(): string }) => counted(r) && (inFlight++, (lastChange = Date.now()));
    const ended = (r: { resourceType(): string }) => counted(r) && ((inFlight = Math.max(0, inFlight - 1)), (lastChange = Date.now()));
    page.on('request', started);
    page.on('requestfinished', ended);
    page.on('requestfailed', ended);
    try {
      await page.goto(`${stack.cms.url}/admin${ITEMS}${search ? `&_q=${encodeURIComponent(search)}` : ''}`, {
        waitUntil: 'domcontentloaded',
      });
      await listShown(page);
      // The list renders before the admin's last reads return, and a late one re-renders it, which
      // drops ticked rows: a person sees the list settle before ticking.
      await expect.poll(() => inFlight === 0 && Date.now() - lastChange > 750, { timeout: 30_000 }).toBe(true);
    } finally {
      page.off('request', started);
      page.off('requestfinished', ended);
      page.off('requestfailed', ended);
    }
  }

  /**
   * Ticks the rows, sees Strapi's "选择了 {n}条 " (with a trailing space) and presses the bar's button.
   * Should the list re-render and drop the ticks in between (the bar then has no button), the rows are
   * ticked again, as a person would; `check()` leaves a ticked row ticked.
   */
  async function tickAndPress(page: Page, itemCodes: string[], button: RegExp) {
    for (let attempt = 1; ; attempt++) {
      for (const code of itemCodes) await row(page, code).getByRole('checkbox').check();
      try {
        await expect.poll(() => page.getByText(new RegExp(`^\\s*选择了\\s*${itemCodes.length}\\s*条\\s*$`)).count(), { timeout: 10_000 }).toBe(1);
        await page.getByRole('button', { name: button }).click({ timeout: 10_000 });
        return;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  const row = (page: Page, itemCode: string) => page.getByRole('row').filter({ hasText: itemCode });

  async function expectToast(page: Page, text: RegExp) {
    await expect(page.getByText(text).first().waitFor({ timeout: 20_000 })).resolves.toBeUndefined();
  }

  /** Opens an item from the list shown, changes its summary, presses 保存 then 发布. */
  async function editSavePublish(page: Page, itemCode: string, summary: string) {
    await row(page, itemCode).getByRole('gridcell').nth(1).click();
    const field = page.getByLabel(UI.summary).first();
    await field.waitFor({ timeout: 30_000 });
    await field.fill(summary);
    await page.getByRole('button', { name: UI.save }).click();
    await expectToast(page, UI.saved);
    await page.getByRole('button', { name: UI.publish }).click();
    await expectToast(page, UI.published);
  }

  async function unpublishOpenEntry(page: Page) {
    await page.getByRole('button', { name: UI.more }).last().click();
    await page.getByRole('menuitem', { name: UI.unpublish }).click();
    await expectToast(page, UI.unpublished);
  }

  /** How many of these items (zh-Hans) have a published version, read from the CMS's database. */
  const publishedCount = (itemCodes: string[]) =>
    stack.cms.strapi.db.query(ITEM).count({ where: { itemCode: { $in: itemCodes }, locale: 'zh-Hans', publishedAt: { $notNull: true } } });

  /** The status column of a row (Strapi's badge: 草稿 / 已发布 / 已修改). */
  const statusOf = (page: Page, itemCode: string) => row(page, itemCode).getByRole('status').innerText();
  /** The toast, in the notifications region (the status badges of the list read 已发布 too). */
  const toast = (page: Page, text: RegExp) => page.getByRole('region', { name: /Notifications|通知/ }).getByText(text).first().waitFor({ timeout: 20_000 });

  /**
   * Confirms a bulk action in Strapi's confirmation (alertdialog 确认). The dialog closes as the click
   * lands, which can leave Playwright retrying on a detached button: the dialog closing is what a
   * person sees, so that is what is awaited.
   */
  async function confirmIn(page: Page, button: RegExp) {
    const confirm = page.getByRole('alertdialog', { name: '确认' });
    await confirm.waitFor({ timeout: 10_000 });
    void confirm.getByRole('button', { name: button }).click({ timeout: 10_000 }).catch(() => undefined);
    await confirm.waitFor({ state: 'detached', timeout: 15_000 });
  }

  /**
   * Ticks the rows and bulk-unpublishes them (the demo items are published, so Strapi offers only
   * 取消发布 and 删除 for them), then ticks them again and bulk-publishes them through Strapi's
   * 发布条目 dialog: it lists the ticked entries, each 可发布 once the admin's validation read passed.
   */
  async function bulkUnpublishThenPublish(page: Page, itemCodes: string[], search?: string) {
    // What the admin sends, kept so that a failure says which entries it named.
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/actions/bulk')) sent.push(`${r.url().split('/actions/')[1]} ${r.postData() ?? ''}`);
    });
    const ids = (await stack.cms.strapi.db.query(ITEM).findMany({ where: { itemCode: { $in: itemCodes }, locale: 'zh-Hans' }, select: ['itemCode', 'documentId'] })) as Array<{ itemCode: string; documentId: string }>;
    const named = () => `ticked ${ids.map((i) => `${i.itemCode}=${i.documentId}`).join(', ')}; the admin sent: ${sent.join(' | ')}`;
    await openItems(page, search);
    await tickAndPress(page, itemCodes, UI.unpublish);
    await confirmIn(page, /^确认$/);
    await toast(page, UI.bulkUnpublished);
    // What the toast promises holds on the server: none of the three is published any more.
    await expect.poll(() => publishedCount(itemCodes), { timeout: 20_000, message: named() }).toBe(0);
    // The list the person looks at next reads 草稿 for each.
    await openItems(page, search);
    for (const code of itemCodes) await expect.poll(() => statusOf(page, code), { timeout: 20_000 }).toBe('草稿');

    await openItems(page, search);
    await tickAndPress(page, itemCodes, UI.publish);
    const dialog = page.getByRole('dialog', { name: /^(发布条目|Publish entries)$/ });
    await dialog.waitFor({ timeout: 20_000 });
    // Every ticked entry passes the admin's validation (no "title is required"): each is 可发布.
    await expect.poll(() => dialog.getByRole('gridcell', { name: '可发布', exact: true }).count(), { timeout: 20_000 }).toBe(itemCodes.length);
    await expect(dialog.getByText(/is required|必填/).count()).resolves.toBe(0);
    await dialog.getByRole('button', { name: UI.publish }).click();
    await confirmIn(page, UI.publish);
    await toast(page, UI.bulkPublished);
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
    await openItems(page, search);
    for (const code of itemCodes) await expect.poll(() => statusOf(page, code), { timeout: 20_000 }).toBe('已发布');
  }

  async function findInSearch(text: string) {
    return stack.sync.until(
      `"${text}" is searchable`,
      async () => {
        const res = await stack.api.gql(SEARCH, { q: text });
        const edges = res.data?.search.edges ?? [];
        return edges.length > 0 ? edges : null;
      },
      30_000,
    );
  }

  /** Runs a person's steps; when one fails, keeps a screenshot of what they saw. */
  async function asPerson(email: string, steps: (page: Page) => Promise<void>) {
    const page = await login(email);
    try {
      await steps(page);
    } catch (error) {
      const file = path.join(tmpdir(), `journey-${kind}-${email.split('@')[0]}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      throw new Error(`${(error as Error).message}\n(screenshot: ${file})`, {
        cause: error,
      });
    } finally {
      await page.close();
    }
  }

  it('the 人力社保局 specialist sees only own items, saves, publishes (found by search) and unpublishes', async () => {
    await asPerson('human-resources@demo.local', async (page) => {
      // Logged in, the specialist is on the list.
      const rows = page.getByRole('row');
      await expect(rows.count()).resolves.toBe(HR_ITEM_CODES.length + 1); // + the header row
      for (const code of HR_ITEM_CODES) await expect(row(page, code).getByText('人力社保局').count()).resolves.toBe(1);
      await expect(page.getByText('税务局').count()).resolves.toBe(0);

      const summary = '企业稳岗返还 journeyhr 已简化为免申即享';
      await editSavePublish(page, 'RS-2025-001', summary);
      const found = await findInSearch('journeyhr');
      expect(found[0].node.itemCode).toBe('RS-2025-001');
      expect(found[0].node.title).toBe('失业保险稳岗返还');

      await unpublishOpenEntry(page);
      await bulkUnpublishThenPublish(page, ['RS-2025-003', 'RS-2025-004', 'RS-2025-005']);
    });
  }, 300_000);

  it('the office does the same to 税务局 items: edits, saves, publishes (found by search), unpublishes, bulk-unpublishes and bulk-publishes', async () => {
    await asPerson('office@demo.local', async (page) => {
      await editSavePublish(page, 'SW-2025-001', '研发费用加计扣除 journeyoffice 企服办核对');
      const found = await findInSearch('journeyoffice');
      expect(found[0].node.itemCode).toBe('SW-2025-001');
      await unpublishOpenEntry(page);
      // The office sees every department's 48 items; it searches for the 税务局 ones it means, as a
      // person would (the bulk bar sat far above the ticked rows in the whole list, and in 2 of 3 runs
      // on a slow machine it showed 选择了 3条 without 取消发布).
      await bulkUnpublishThenPublish(page, ['SW-2025-002', 'SW-2025-003', 'SW-2025-004'], 'SW-2025');
    });
  }, 300_000);
});
