// 诉求办理 in Chromium, as the office, a department's 企业服务专员 and the leading group work it:
// the office triages one petition end to end through the screens (materials, classification,
// assignment, expert opinion, the final answer citing a policy item); the 人力社保局 specialist sees
// only the petitions assigned to it, answers one and sees the urge addressed to it; the leading
// group sees the escalated list and downloads the report (the PDF printed by the api's Chromium); the
// office enters next year's holiday schedule on the calendar screen; an urge reaches the specialist's
// 消息 and the office sees a parked delivery there; a department with 101 petitions pages to the last
// one, every queue tab showing its count. The whole stack is real: the built admin with the workbench,
// Strapi, search-sync, Meilisearch and the api, with the api's petitions on the same database kind.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminBuild } from '../../scripts/start/admin-build.ts';
import { mintToken } from '../../api/src/auth/mint-token.ts';
import { departmentRoleCode, LEADER_ROLE_CODE, OFFICE_ROLE_CODE } from '../../cms/src/access/roles.ts';
import { ENTERPRISE_USCC, enterpriseInput, freshKey } from '../helpers/api/petition-client.ts';
import { HAS_CHROMIUM, launchChromium } from '../helpers/browser.ts';
import { createAdminUser } from '../helpers/cms.ts';
import { DB_KINDS } from '../helpers/databases.ts';
import { startSearchStack, type SearchStack } from '../helpers/search-stack.ts';

// The workbench's home in the admin (the staff keep it bookmarked).
const WORKBENCH = '/plugins/workbench';
const SECRET = 'search-api-test-secret-0123456789abcdef';
// Today in the api: Friday 2026-11-27, 10:00 in Shanghai (test/helpers/search-stack.ts).

/**
 * Logs in through the admin's login page. `to`: the admin page the person opened (e.g. a bookmark of
 * the workbench), where Strapi sends them back after the login (its ?redirectTo), instead of the home
 * page and then a second full load of the admin.
 */
async function logIn(page: Page, cmsUrl: string, email: string, password: string, to?: string): Promise<void> {
  await page.goto(`${cmsUrl}/admin/auth/login${to ? `?redirectTo=${encodeURIComponent(to)}` : ''}`, { waitUntil: 'domcontentloaded' });
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.includes('/auth/login'), { timeout: 30_000 });
}

describe.skipIf(!HAS_CHROMIUM).each(DB_KINDS)('诉求办理 screens in Chromium (%s)', (kind) => {
  let stack: SearchStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let tokens: { enterprise: string; hotline: string; office: string; hr: string; tax: string; economy: string };

  async function session(roleCode: string, name: string, to?: string): Promise<Page> {
    const user = await createAdminUser(stack.cms.strapi, `${name}-${kind}@workbench.test`, roleCode);
    await stack.cms.strapi.db.query('admin::user').update({ where: { email: user.email }, data: { preferedLanguage: 'zh-Hans' } });
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    contexts.push(context);
    await context.addInitScript("window.localStorage.setItem('strapi-admin-language', 'zh-Hans')");
    const page = await context.newPage();
    await logIn(page, stack.cms.url, user.email, user.password, to);
    return page;
  }

  async function gql<T = any>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const r = await stack.api.gql<T>(query, variables, { authorization: `Bearer ${token}` });
    if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    return r.data as T;
  }

  async function submit(token: string, input: Record<string, unknown>): Promise<string> {
    const d = await gql<{ submitPetition: { id: string } }>(token, `mutation($input: SubmitPetitionInput!, $key: String!) { submitPetition(input: $input, idempotencyKey: $key) { id } }`, { input, key: freshKey() });
    return d.submitPetition.id;
  }

  /** A petition recorded by the hotline, received on `receivedAt`, accepted and assigned by the office. */
  async function assigned(title: string, receivedAt: string, lead: string): Promise<string> {
    const id = await submit(tokens.hotline, { ...enterpriseInput({ channel: 'HOTLINE_96871', title, content: `${title}，请协调。` }), attachments: [], receivedAt });
    await gql(tokens.office, `mutation($id: ID!) { acceptPetition(id: $id, category: PROFESSIONAL) { id } }`, { id });
    await gql(tokens.office, `mutation($id: ID!, $lead: String!) { assignDepartments(id: $id, lead: $lead) { id } }`, { id, lead });
    return id;
  }

  beforeAll(async () => {
    await ensureAdminBuild(() => {});
    stack = await startSearchStack(kind, 'petition-screens', { serveAdminPanel: true, apiOnSameDbKind: true });
    browser = await launchChromium();
    tokens = {
      enterprise: await mintToken({ role: 'enterprise', sub: 'ent-1', uscc: ENTERPRISE_USCC }, SECRET),
      hotline: await mintToken({ role: 'hotline', sub: 'hotline-1' }, SECRET),
      office: await mintToken({ role: 'office', sub: 'office-1' }, SECRET),
      hr: await mintToken({ role: 'department', sub: 'd-hr', department: 'human-resources' }, SECRET),
      tax: await mintToken({ role: 'department', sub: 'd-tax', department: 'tax' }, SECRET),
      economy: await mintToken({ role: 'department', sub: 'd-econ', department: 'economy-commerce' }, SECRET),
    };
  }, 420_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await stack?.stop();
  });

  it('the office triages a petition end to end: materials, 综合类, assignment, expert opinion, the answer citing an item', async () => {
    const id = await submit(tokens.enterprise, enterpriseInput({ title: '新招员工补贴咨询', content: '我司今年新招外省籍员工 40 人，能享受哪些招工补贴？', attachments: [] }));
    const page = await session(OFFICE_ROLE_CODE, 'office');

    // From the menu to the office's queues; the new petition is in 新收.
    await page.getByRole('link', { name: /^(工作台|Workbench)$/ }).first().click();
    await page.getByRole('link', { name: '诉求办理' }).click();
    await page.getByRole('tab', { name: '新收' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('tab', { name: '新收' }).getAttribute('aria-selected')).toBe('true');
    // Each tab shows its count: this petition is the only one not yet classified (the others are accepted at once).
    await page.getByRole('tab', { name: '新收 (1)', exact: true }).waitFor({ timeout: 15_000 });
    for (const queue of ['待补材料', '办理中', '今日到期', '已超期', '已提交领导小组', '已答复待评价']) await page.getByRole('tab', { name: queue }).waitFor();
    const row = page.getByRole('row').filter({ hasText: '新招员工补贴咨询' });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.innerText()).toContain('新收待分类');
    await row.getByRole('link', { name: id }).click();

    // 第八条: ask for the materials; the rule and the effect are shown before confirming.
    const materials = page.getByRole('form', { name: '要求补充材料' });
    await materials.waitFor({ timeout: 15_000 });
    expect(await materials.innerText()).toContain('依据：第八条');
    expect(await materials.innerText()).toContain('暂停计时');
    await materials.getByLabel('需补充的材料').fill('请补充新招员工花名册和社保缴费证明。');
    await materials.getByRole('button', { name: '确认要求补充材料' }).click();
    await page.getByRole('status').filter({ hasText: '已完成：要求补充材料' }).waitFor({ timeout: 15_000 });
    await page.getByRole('region', { name: '办理时限' }).getByText('已暂停计时（等待补充材料）').waitFor();
    expect(await page.getByRole('region', { name: '办理过程' }).innerText()).toContain('请补充新招员工花名册和社保缴费证明。');

    // The enterprise supplies them (on the same day: no working day was paused).
    await gql(tokens.enterprise, `mutation($id: ID!) { supplyMaterials(id: $id, note: "花名册和社保缴费证明已上传") { id } }`, { id });
    await page.reload({ waitUntil: 'domcontentloaded' });

    // 第七、十条: 综合类, 10 working days after the receipt day 11-27 → Friday 12月11日 (no holiday in between).
    const accept = page.getByRole('form', { name: '受理并分类' });
    await accept.waitFor({ timeout: 30_000 });
    await accept.getByRole('radio', { name: '综合类（10个工作日）' }).click();
    await accept.getByText('综合类，自收到次日（11月27日后）起算 10 个工作日，12月11日前答复').waitFor({ timeout: 15_000 });
    await accept.getByRole('button', { name: '确认受理' }).click();
    await page.getByRole('status').filter({ hasText: '已完成：受理并分类' }).waitFor({ timeout: 15_000 });
    const sla = page.getByRole('region', { name: '办理时限' });
    await sla.getByText('剩余 10 个工作日').waitFor();
    expect(await sla.innerText()).toContain('12月11日到期');

    // Lead 人力社保局, co 经信商务局; the due date does not move.
    const assign = page.getByRole('form', { name: '交办部门' });
    expect(await assign.innerText()).toContain('期限不变');
    await assign.getByRole('radiogroup', { name: '牵头部门' }).getByRole('radio', { name: '人力社保局' }).click();
    await assign.getByRole('group', { name: '协办部门' }).getByRole('checkbox', { name: '经信商务局' }).click();
    await assign.getByRole('button', { name: '确认交办' }).click();
    await page.getByRole('status').filter({ hasText: '已完成：交办部门' }).waitFor({ timeout: 15_000 });
    const assignments = page.getByRole('region', { name: '交办部门与答复' });
    expect(await assignments.innerText()).toContain('牵头部门 人力社保局：尚未答复');
    expect(await assignments.innerText()).toContain('协办部门 经信商务局：尚未答复');

    // Both departments answer (their own screen is tested below).
    await gql(tokens.hr, `mutation($id: ID!) { answerAsDepartment(id: $id, answer: "符合条件的可申领企业新招员工招工补贴，每人1000元。") { id } }`, { id });
    await gql(tokens.economy, `mutation($id: ID!) { answerAsDepartment(id: $id, answer: "经信商务局无相关补贴。") { id } }`, { id });
    await page.reload({ waitUntil: 'domcontentloaded' });

    // 第十条: 综合类 needs an expert opinion.
    const expert = page.getByRole('form', { name: '记录专家意见' });
    await expert.waitFor({ timeout: 30_000 });
    await expert.getByLabel('专家姓名').fill('李教授');
    await expert.getByLabel('专家意见').fill('建议按招工补贴政策办理，并告知申报时间。');
    await expert.getByRole('button', { name: '确认记录专家意见' }).click();
    await page.getByRole('status').filter({ hasText: '已完成：记录专家意见' }).waitFor({ timeout: 15_000 });

    // The final answer cites the policy item found through search.
    const item = (await stack.cms.strapi.db.query('api::policy-item.policy-item').findOne({ where: { itemCode: 'RS-2025-002' } })) as { documentId: string };
    const final = page.getByRole('form', { name: '最终答复' });
    expect(await final.innerText()).toContain('停止计时，按期答复');
    await final.getByLabel('答复内容').fill('贵司可申领企业新招员工招工补贴，每人1000元，请于申报期内向人力社保局申报。');
    await final.getByLabel('搜索政策条目').fill('招工补贴');
    await final.getByRole('button', { name: '引用 企业新招员工招工补贴' }).click({ timeout: 15_000 });
    await final.getByRole('list', { name: '已引用的政策条目' }).getByText('已引用：企业新招员工招工补贴').waitFor();
    await final.getByRole('button', { name: '确认发送最终答复' }).click();
    await page.getByRole('status').filter({ hasText: '已完成：最终答复' }).waitFor({ timeout: 15_000 });
    const answer = page.getByRole('region', { name: '最终答复' });
    expect(await answer.innerText()).toContain('按期答复');

    const timeline = await page.getByRole('region', { name: '办理过程' }).innerText();
    for (const step of ['收到诉求', '要求补充材料', '材料已补齐', '受理并分类', '交办部门', '部门答复', '专家意见', '最终答复']) expect(timeline).toContain(step);

    // What the api holds: answered on time, citing the item.
    const d = await gql(tokens.office, `query($id: ID!) { petition(id: $id) { status category dueDate answer { policyIds onTime } expertOpinions { expert } } }`, { id });
    expect(d.petition).toEqual({ status: 'ANSWERED', category: 'COMPREHENSIVE', dueDate: '2026-12-11', answer: { policyIds: [item.documentId], onTime: true }, expertOpinions: [{ expert: '李教授' }] });

    // Back in the queues, it is under 已答复待评价.
    await page.getByRole('link', { name: '返回诉求列表' }).click();
    await page.getByRole('tab', { name: '已答复待评价' }).click();
    await page.getByRole('row').filter({ hasText: '新招员工补贴咨询' }).waitFor({ timeout: 15_000 });
    // Only this petition has a final answer; none is left unclassified.
    await page.getByRole('tab', { name: '已答复待评价 (1)', exact: true }).waitFor({ timeout: 15_000 });
    await page.getByRole('tab', { name: '新收 (0)', exact: true }).waitFor();

    // The platform refused the answer's webhook ten times: the delivery is parked (written to the
    // outbox as the dispatcher leaves it), and the office sees it under 消息 and sends it again.
    const parkedAt = '2026-11-27T01:30:00.000Z';
    await stack.api.app.services.db
      .insertInto('notification_deliveries')
      .values({
        id: `answered:${id}|platform|webhook`,
        event_key: `answered:${id}`,
        kind: 'answered',
        petition_id: id,
        recipient: 'platform',
        channel: 'webhook',
        payload: JSON.stringify({ kind: 'answered', petitionId: id, department: null, dueOn: null, occurredAt: parkedAt, data: { text: '答复' } }),
        status: 'parked',
        attempts: 10,
        next_attempt_at: parkedAt,
        lease_until: null,
        last_error: 'HTTP 503 Service Unavailable',
        created_at: parkedAt,
        delivered_at: null,
        parked_at: parkedAt,
        updated_at: parkedAt,
      })
      .execute();
    await page.goto(`${stack.cms.url}/admin/plugins/workbench`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('link', { name: '消息', exact: true }).click();
    const parked = page.getByRole('region', { name: '投递失败已搁置的通知' });
    const parkedRow = parked.getByRole('row').filter({ hasText: id });
    await parkedRow.waitFor({ timeout: 30_000 });
    const parkedText = await parkedRow.innerText();
    for (const cell of ['答复', '企业服务平台', '平台推送', '10', 'HTTP 503 Service Unavailable', '11月27日 09:30']) expect(parkedText).toContain(cell);
    await parkedRow.getByRole('button', { name: '重新投递' }).click();
    await parked.getByRole('status').filter({ hasText: `已重新投递：诉求 ${id} → 企业服务平台` }).waitFor({ timeout: 15_000 });
    await parked.getByText('没有搁置的通知。').waitFor({ timeout: 15_000 });
    const requeued = await stack.api.app.services.db.selectFrom('notification_deliveries').select(['status', 'attempts']).where('id', '=', `answered:${id}|platform|webhook`).executeTakeFirstOrThrow();
    expect(requeued).toEqual({ status: 'pending', attempts: 0 });
  }, 120_000); // the longest journey: 41.6 s on PostgreSQL at load ~8, and past 60 s once on SQLite at load ~9

  it('人力社保局 sees only its own petitions, answers one and sees the urge addressed to it', async () => {
    // Received Thursday 11-19, 专业类 (5 working days) → due Thursday 11-26; urge 1 falls due Friday 11-27 (today).
    const ours = await assigned('招工补贴申领进度', '2026-11-19T09:00:00+08:00', 'human-resources');
    const theirs = await assigned('研发费用加计扣除口径', '2026-11-19T09:00:00+08:00', 'tax');
    const { sweep } = await import('../../api/src/petitions/urging/sweeper.ts');
    await sweep(stack.api.app.services.petitions);
    // The outbox's dispatcher (every NOTIFY_INTERVAL_SECONDS in the api) delivers the urges to the inboxes.
    await stack.api.app.notifications.dispatcher.runOnce();

    const page = await session(departmentRoleCode('human-resources'), 'hr', WORKBENCH);
    await page.getByRole('link', { name: '本部门诉求' }).click();
    await page.getByRole('tab', { name: '待本部门答复' }).waitFor({ timeout: 30_000 });
    const table = page.getByRole('region', { name: '待本部门答复' });
    const row = table.getByRole('row').filter({ hasText: '招工补贴申领进度' });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.innerText()).toContain('已超期 1 个工作日');
    expect(await table.innerText()).not.toContain('研发费用加计扣除口径');
    await page.getByRole('tab', { name: '全部交办诉求' }).click();
    await page.getByRole('region', { name: '全部交办诉求' }).getByRole('row').filter({ hasText: '招工补贴申领进度' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('region', { name: '全部交办诉求' }).innerText()).not.toContain('研发费用加计扣除口径');

    await page.getByRole('region', { name: '全部交办诉求' }).getByRole('link', { name: ours }).click();
    // The urge, with the day it was due.
    const timeline = page.getByRole('region', { name: '办理过程' });
    await timeline.getByText('催办').first().waitFor({ timeout: 15_000 });
    expect(await timeline.innerText()).toContain('催办')
    expect(await timeline.innerText()).toContain('到期日：11月27日');
    expect(await page.getByRole('region', { name: '办理时限' }).innerText()).toContain('已催办 1 次');

    // No office actions here: only the department's own.
    expect(await page.getByRole('form', { name: '受理并分类' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: '最终答复' }).count()).toBe(0);
    const answer = page.getByRole('form', { name: '本部门答复' });
    expect(await answer.innerText()).toContain('依据：第十条');
    await answer.getByLabel('答复内容').fill('补贴已于11月25日拨付，请查收。');
    await answer.getByRole('button', { name: '确认提交答复' }).click();
    await page.getByRole('status').filter({ hasText: '已完成：本部门答复' }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('region', { name: '交办部门与答复' }).innerText()).toContain('牵头部门 人力社保局：补贴已于11月25日拨付，请查收。');
    const note = page.getByRole('form', { name: '添加备注' });
    await note.getByLabel('备注').fill('已电话告知企业。');
    await note.getByRole('button', { name: '确认添加备注' }).click();
    await page.getByRole('region', { name: '办理过程' }).getByText('已电话告知企业。').waitFor({ timeout: 15_000 });

    // The other department's petition is not reachable by its address either.
    await page.goto(`${stack.cms.url}/admin/plugins/workbench/petition/${encodeURIComponent(theirs)}`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('alert').filter({ hasText: '加载失败' }).waitFor({ timeout: 30_000 });
    expect(await page.getByText('研发费用加计扣除口径').count()).toBe(0);

    // 消息: the urge is in the department's inbox, unread, with the day it fell due (第十一条).
    // The api is unreachable for the home screen's first read of the count: the badge is not lost
    // until a reload, it comes with the retry a few seconds later (UnreadBadge.tsx).
    let unreadReads = 0;
    const failFirstUnreadRead = (route: Route) => {
      if (route.request().method() === 'POST' && (route.request().postData() ?? '').includes('WorkbenchInboxUnread') && unreadReads++ === 0) return route.abort('connectionrefused');
      return route.fallback();
    };
    await page.route((u) => u.pathname === '/graphql', failFirstUnreadRead);
    await page.goto(`${stack.cms.url}/admin/plugins/workbench`, { waitUntil: 'domcontentloaded' });
    await page.getByText('1 条未读').waitFor({ timeout: 30_000 });
    await page.unroute((u) => u.pathname === '/graphql', failFirstUnreadRead);
    expect(unreadReads).toBeGreaterThanOrEqual(2);
    await page.getByRole('link', { name: '消息', exact: true }).click();
    const inbox = page.getByRole('region', { name: '收到的消息' });
    await inbox.getByRole('heading', { name: '未读 1 条' }).waitFor({ timeout: 30_000 });
    const message = inbox.getByRole('row').filter({ hasText: `催办：诉求 ${ours}（第1次）` });
    const messageText = await message.innerText();
    for (const cell of ['未读', '催办', '11月27日']) expect(messageText).toContain(cell);
    expect(await inbox.innerText()).not.toContain(theirs);
    // Opening it goes to the petition, and it is read from then on.
    await message.getByRole('link', { name: ours }).click();
    await page.getByRole('heading', { name: '招工补贴申领进度' }).waitFor({ timeout: 30_000 });
    await page.goto(`${stack.cms.url}/admin/plugins/workbench/messages`, { waitUntil: 'domcontentloaded' });
    await inbox.getByRole('heading', { name: '未读 0 条' }).waitFor({ timeout: 30_000 });
    expect(await inbox.getByRole('row').filter({ hasText: `催办：诉求 ${ours}（第1次）` }).innerText()).toContain('已读');
    expect(await inbox.getByRole('button', { name: '全部标为已读' }).isDisabled()).toBe(true);
  });

  it('the leading group sees the escalated petitions and reads and downloads the monthly report', async () => {
    // Received Friday 11-13 → due 11-20; urges 11-23, 24, 25 unanswered → escalated on 11-26.
    const escalated = await assigned('园区道路积水影响物流', '2026-11-13T09:00:00+08:00', 'construction-transport');
    const { sweep } = await import('../../api/src/petitions/urging/sweeper.ts');
    await sweep(stack.api.app.services.petitions);
    await stack.api.app.notifications.dispatcher.runOnce();

    const page = await session(LEADER_ROLE_CODE, 'leader', WORKBENCH);
    await page.getByRole('link', { name: '领导小组' }).click();
    const table = page.getByRole('region', { name: '已提交领导小组' });
    const row = table.getByRole('row').filter({ hasText: '园区道路积水影响物流' });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.innerText()).toContain('已提交领导小组');
    expect(await table.innerText()).not.toContain('招工补贴申领进度');
    await row.getByRole('link', { name: escalated }).click();
    const timeline = page.getByRole('region', { name: '办理过程' });
    await timeline.getByText('提交领导小组').first().waitFor({ timeout: 15_000 });
    // The leading group reads; it has no actions and no contact data.
    expect(await page.getByRole('region', { name: '办理操作' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: '诉求内容' }).innerText()).not.toContain('0573-82000000');

    // 消息: the escalation reached the leading group; 全部标为已读 reads it.
    await page.goto(`${stack.cms.url}/admin/plugins/workbench`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('link', { name: '消息', exact: true }).click();
    const inbox = page.getByRole('region', { name: '收到的消息' });
    const message = inbox.getByRole('row').filter({ hasText: `提请协调：诉求 ${escalated}` });
    await message.waitFor({ timeout: 30_000 });
    expect(await message.innerText()).toContain('督办升级');
    await inbox.getByRole('heading', { name: '未读 1 条' }).waitFor();
    await inbox.getByRole('button', { name: '全部标为已读' }).click();
    await inbox.getByRole('status').filter({ hasText: '已标为已读：1 条' }).waitFor({ timeout: 15_000 });
    await inbox.getByRole('heading', { name: '未读 0 条' }).waitFor();
    expect(await message.innerText()).toContain('已读');

    // 第十二条: the month's report on screen, with its charts, and as files.
    await page.goto(`${stack.cms.url}/admin/plugins/workbench`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('link', { name: '月度报告' }).click();
    await page.getByLabel('月份').fill('2026-11');
    await page.getByRole('button', { name: '查看报告' }).click();
    const report = page.frameLocator('iframe[title="2026-11 月度报告"]');
    await report.getByRole('heading', { name: '2026年11月企业诉求办理情况报告' }).waitFor({ timeout: 60_000 });
    expect(await report.locator('img[src^="data:image/svg+xml"], svg').count()).toBeGreaterThan(0);

    const files: Record<string, Buffer> = {};
    for (const format of ['HTML', 'PDF', 'XLSX', 'CSV']) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: `下载 ${format}` }).click()]);
      files[download.suggestedFilename()] = readFileSync((await download.path())!);
    }
    expect(Object.keys(files).sort()).toEqual(['monthly-report-2026-11-petitions.csv', 'monthly-report-2026-11.html', 'monthly-report-2026-11.pdf', 'monthly-report-2026-11.xlsx']);
    // The PDF, printed by the api's Chromium: a real PDF whose text is the report's.
    const pdf = files['monthly-report-2026-11.pdf']!;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    let pdfText: string;
    try {
      pdfText = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf, timeout: 30_000, encoding: 'utf8' });
    } catch (err) {
      throw new Error(`pdftotext (Debian package poppler-utils, installed by .ci/run) reads the PDF: ${(err as Error).message}`);
    }
    expect(pdfText).toContain('2026年11月企业诉求办理情况报告');
    // TODO: a hand-worked figure from the PDF's tables: their cells wrap in print (the escalated
    // petition's title and id come out split across lines by pdftotext), so only the title is read here.
    expect(files['monthly-report-2026-11.html']!.toString('utf8')).toContain('2026年11月企业诉求办理情况报告');
    // XLSX is a zip (PK\x03\x04); the CSV lists the escalated petition, without contact data.
    expect(files['monthly-report-2026-11.xlsx']!.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const csv = files['monthly-report-2026-11-petitions.csv']!.toString('utf8');
    expect(csv).toContain(escalated);
    expect(csv).not.toContain('0573-82000000');
  });
  it('财政局 has 101 petitions: its tabs count them, page 1 shows the newest 100 and 下一页 the 101st', async () => {
    // Inserted fast through the api's own commands, in-process (no GraphQL, no rate limit): received,
    // accepted as 专业类 and assigned to 财政局 today, so none is due or urged yet.
    const { submitPetition } = await import('../../api/src/petitions/intake/submit-petition.ts');
    const { acceptPetition } = await import('../../api/src/petitions/triage/triage-commands.ts');
    const { assignDepartments } = await import('../../api/src/petitions/handling/handling-commands.ts');
    const deps = stack.api.app.services.petitions;
    const office = { role: 'office', id: 'office-bulk' } as const;
    const hotline = { role: 'hotline', id: 'hotline-bulk' } as const;
    for (let i = 1; i <= 101; i++) {
      const n = String(i).padStart(3, '0');
      const input = { channel: 'hotline_96871', submitter: { kind: 'enterprise', name: '嘉兴某制造有限公司', uscc: ENTERPRISE_USCC }, contact: { name: '王会计', phone: '0573-82000001' }, topic: 'production_operation', title: `财政补贴拨付进度 ${n}`, content: `第 ${n} 笔补贴何时拨付？` };
      const { petition } = await submitPetition(deps, hotline, input, freshKey());
      await acceptPetition(deps, office, petition.id, 'professional');
      await assignDepartments(deps, office, petition.id, 'finance', []);
    }

    const page = await session(departmentRoleCode('finance'), 'finance', WORKBENCH);
    await page.getByRole('link', { name: '本部门诉求' }).click();
    // Only 财政局's own: the other departments' petitions of this stack are not counted.
    await page.getByRole('tab', { name: '待本部门答复 (101)', exact: true }).waitFor({ timeout: 30_000 });
    await page.getByRole('tab', { name: '全部交办诉求 (101)', exact: true }).waitFor();
    const table = page.getByRole('region', { name: '待本部门答复' });
    await table.getByText('第 1 页：第 1–100 件，共 101 件').waitFor({ timeout: 30_000 });
    // Newest first: 101 down to 002 on page 1.
    await table.getByRole('row').filter({ hasText: '财政补贴拨付进度 101' }).waitFor();
    expect(await table.getByRole('row').filter({ hasText: '财政补贴拨付进度' }).count()).toBe(100);
    expect(await table.getByRole('row').filter({ hasText: '财政补贴拨付进度 001' }).count()).toBe(0);

    await table.getByRole('button', { name: '下一页' }).click();
    await table.getByText('第 2 页：第 101–101 件，共 101 件').waitFor({ timeout: 30_000 });
    const last = table.getByRole('row').filter({ hasText: '财政补贴拨付进度 001' });
    await last.waitFor();
    expect(await table.getByRole('row').filter({ hasText: '财政补贴拨付进度' }).count()).toBe(1);
    expect(await table.getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
    // Row 101 opens like any other.
    await last.getByRole('link').click();
    await page.getByRole('heading', { name: '财政补贴拨付进度 001' }).waitFor({ timeout: 30_000 });
  });

  it('the office enters 2027 from the 国办 notice in bulk; the warning disappears and 元旦 is a day off', async () => {
    const page = await session(OFFICE_ROLE_CODE, 'calendar-office', WORKBENCH);
    await page.getByRole('link', { name: '工作日历' }).click();
    // The api's today is 2026-11-27: 2026 is in the bundled dataset, 2027 is not.
    const warning = page.getByRole('alert').filter({ hasText: '2027年的节假日安排尚未录入' });
    await warning.waitFor({ timeout: 30_000 });
    expect(await warning.innerText()).toContain('2027年1月1日（元旦）也会算作工作日');
    expect(await page.getByRole('region', { name: '节假日安排覆盖情况' }).innerText()).toContain('2026年：已覆盖（国务院办公厅安排，内置数据）');

    const form = page.getByRole('form', { name: '录入全年节假日安排' });
    expect(await form.getByLabel('年份').inputValue()).toBe('2027');
    await form.getByLabel('放假日期').fill('一、元旦：1月1日（周五）至3日放假调休，共3天。\n二、春节：2月6日（星期六）至14日放假调休，共9天。');
    await form.getByLabel('调休上班日期').fill('2月20日（星期六）上班。');
    await form.getByLabel('说明（例如通知文号）').fill('国办发明电〔2026〕X号');
    // 1–3 January (3 days) and 6–14 February (9 days) off; Saturday 20 February worked.
    const preview = form.getByRole('region', { name: '录入预览' });
    await preview.getByText('将录入：放假 12 天，调休上班 1 天').waitFor();
    expect(await preview.innerText()).toContain('调休上班：2027-02-20');
    await form.getByRole('button', { name: '确认录入' }).click();
    await page.getByRole('status').filter({ hasText: '已录入2027年安排：放假 12 天，调休上班 1 天' }).waitFor({ timeout: 15_000 });

    await page.getByRole('region', { name: '节假日安排覆盖情况' }).getByText('2027年：已覆盖（区企服办录入：放假 12 天，调休上班 1 天）').waitFor({ timeout: 15_000 });
    expect(await warning.count()).toBe(0);
    const table = page.getByRole('region', { name: '区企服办录入的调整' });
    expect(await table.getByRole('row').filter({ hasText: '2027-01-01' }).innerText()).toContain('休息日');
    expect(await table.getByRole('row').filter({ hasText: '2027-02-20' }).innerText()).toContain('工作日');

    // The month view, as the api counts: 1 January 2027 off, Monday 4 January a working day.
    const monthView = page.getByRole('region', { name: '月历' });
    for (let i = 0; i < 24 && (await monthView.getByRole('heading', { name: '2027年1月' }).count()) === 0; i++) await monthView.getByRole('button', { name: '下个月' }).click();
    await monthView.getByRole('listitem', { name: '2027-01-01 休息日' }).waitFor({ timeout: 15_000 });
    await monthView.getByRole('listitem', { name: '2027-01-04 工作日' }).waitFor();

    // And the api now counts 1 January as a day off.
    expect((await gql(tokens.office, `{ calendar { isWorkingDay(date: "2027-01-01") } }`)).calendar.isWorkingDay).toBe(false);
  });
});
