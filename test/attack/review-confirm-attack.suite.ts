// Attacks on 确认复核 (POST /api-review/confirm, cms/src/citations/review-routes.ts): who may confirm which
// entry, input shapes the workbench never sends (prototype keys as the type, objects as the documentId),
// a documentId of another content type, a draft-only entry, and replays of a confirmation. Each attack
// asserts the stored entry too, not only the status. The flags are written straight into the rows (as
// change-flags.ts does), so the route is judged on the state it reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, createAdminUser, startCms, type CmsUnderTest } from '../helpers/cms.ts';
import type { DbKind } from '../helpers/databases.ts';

const ANSWER = 'api::hotline-answer.hotline-answer';
const INTERP = 'api::interpretation.interpretation';
const ITEM = 'api::policy-item.policy-item';
const DEPARTMENT = 'api::department.department';
const PATH = '/api-review/confirm';
const CHINESE = /[\u4e00-\u9fff]/;
const REASON = '所引政策条目「攻击测试条目」（RA-1）已修订：补助金额';

type Res = { status: number; body: any };

function expectBadInput(res: Res, field: string, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.body?.error?.message, what).toMatch(CHINESE);
  expect(res.body?.error?.details?.errors?.[0], what).toMatchObject({ path: [field], code: 'BAD_USER_INPUT' });
}

function expectForbidden(res: Res, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(403);
  expect(res.body?.error?.message, what).toMatch(CHINESE);
}

export function defineReviewConfirmAttackSuite(kind: DbKind): void {
  describe(`attacks on 确认复核 (${kind})`, () => {
    let cms: CmsUnderTest;
    const clients: Record<'finance' | 'tax' | 'office' | 'hotline' | 'leader' | 'superAdmin', AdminClient> = {} as never;
    const dept: Record<string, string> = {};
    const ids: Record<string, string> = {};

    const rows = async (uid: string, documentId: string) =>
      (await cms.strapi.db.query(uid as typeof ANSWER).findMany({ where: { documentId }, select: ['reviewStatus', 'reviewReason', 'reviewedAt', 'reviewedBy', 'flaggedAt'] })) as Array<Record<string, unknown>>;
    const flag = async (uid: string, documentId: string) => {
      await cms.strapi.db.query(uid as typeof ANSWER).updateMany({ where: { documentId }, data: { reviewStatus: 'pending', reviewReason: REASON, flaggedAt: new Date(), reviewedAt: null, reviewedBy: null } });
    };
    const expectStillPending = async (uid: string, documentId: string, what: string) => {
      const r = await rows(uid, documentId);
      expect(r.length, what).toBeGreaterThan(0);
      for (const row of r) expect(row, what).toMatchObject({ reviewStatus: 'pending', reviewReason: REASON, reviewedBy: null });
    };

    beforeAll(async () => {
      cms = await startCms(kind, 'review-attack');
      const s = cms.strapi;
      for (const code of ['finance', 'tax']) {
        dept[code] = ((await s.db.query(DEPARTMENT).findOne({ where: { code, locale: 'zh-Hans' } })) as { documentId: string }).documentId;
      }
      const answer = async (question: string, code: string, status?: 'published') =>
        (await s.documents(ANSWER).create({ locale: 'zh-Hans', ...(status ? { status } : {}), data: { question, shortAnswer: `${question}：详见条目。`, department: dept[code] } as never })).documentId;
      const interpretation = async (title: string, code: string) =>
        (await s.documents(INTERP).create({ locale: 'zh-Hans', status: 'published', data: { title, body: `${title}正文`, format: 'text', department: dept[code] } as never })).documentId;
      ids.financeAnswer = await answer('财政局口径（复核攻击）', 'finance', 'published');
      ids.taxAnswer = await answer('税务局口径（复核攻击）', 'tax', 'published');
      ids.financeDraft = await answer('财政局草稿口径（复核攻击）', 'finance');
      ids.taxDraft = await answer('税务局草稿口径（复核攻击）', 'tax');
      ids.taxInterp = await interpretation('税务局解读（复核攻击）', 'tax');
      ids.financeInterp = await interpretation('财政局解读（复核攻击）', 'finance');
      ids.item = (await s.documents(ITEM).create({ locale: 'zh-Hans', status: 'published', data: { title: '攻击测试条目', itemCode: 'RA-1', department: dept.finance } as never })).documentId;

      const users: Array<[keyof typeof clients, string]> = [
        ['finance', 'department-editor-finance'],
        ['tax', 'department-editor-tax'],
        ['office', 'office-editor'],
        ['hotline', 'hotline-agent'],
        ['leader', 'leading-group'],
        ['superAdmin', 'strapi-super-admin'],
      ];
      for (const [name, role] of users) {
        const u = await createAdminUser(s, `review-attack-${name.toLowerCase()}@test.local`, role);
        clients[name] = await AdminClient.login(cms.url, u.email, u.password);
      }
    });

    afterAll(async () => {
      await cms?.stop();
    });

    it('refuses a request without an admin login, and staff roles that do not review', async () => {
      await flag(ANSWER, ids.taxAnswer!);
      const anonymous = await fetch(`${cms.url}${PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'hotline_answer', documentId: ids.taxAnswer }) });
      expect(anonymous.status).toBe(401);
      for (const who of ['hotline', 'leader', 'superAdmin'] as const) {
        expectForbidden(await clients[who].request('POST', PATH, { type: 'hotline_answer', documentId: ids.taxAnswer }), who);
      }
      await expectStillPending(ANSWER, ids.taxAnswer!, 'after the refused roles');
    });

    it('a specialist confirms neither another department’s 口径 nor its interpretation, published or draft-only', async () => {
      for (const [uid, type, documentId] of [
        [ANSWER, 'hotline_answer', ids.taxAnswer],
        [INTERP, 'interpretation', ids.taxInterp],
        [ANSWER, 'hotline_answer', ids.taxDraft],
      ] as const) {
        await flag(uid, documentId!);
        expectForbidden(await clients.finance.request('POST', PATH, { type, documentId }), `finance → ${type} ${documentId}`);
        await expectStillPending(uid, documentId!, `finance → ${type}`);
      }
    });

    it('an entry whose draft the office moved to another department is confirmed by neither department’s specialist', async () => {
      // The published 口径 is finance's (the queue and the notice say so); the office moved its draft to tax.
      const moved = (await cms.strapi.documents(ANSWER).create({ locale: 'zh-Hans', status: 'published', data: { question: '改部门草稿口径（复核攻击）', shortAnswer: '无', department: dept.finance } as never })).documentId;
      await cms.strapi.documents(ANSWER).update({ documentId: moved, locale: 'zh-Hans', data: { department: dept.tax } as never });
      const codes = ((await cms.strapi.db.query(ANSWER).findMany({ where: { documentId: moved }, populate: { department: { select: ['code'] } } })) as Array<{ department?: { code: string } }>).map((r) => r.department?.code).sort();
      expect(codes).toEqual(['finance', 'tax']);
      await flag(ANSWER, moved);
      for (const who of ['tax', 'finance'] as const) {
        expectForbidden(await clients[who].request('POST', PATH, { type: 'hotline_answer', documentId: moved }), `${who} → a 口径 of two departments`);
        await expectStillPending(ANSWER, moved, `${who} → a 口径 of two departments`);
      }
      expect((await clients.office.request('POST', PATH, { type: 'hotline_answer', documentId: moved })).status).toBe(200);
    });

    it('refuses a type that is not one of the two, including the names Object.prototype carries', async () => {
      await flag(ANSWER, ids.financeAnswer!);
      for (const type of [undefined, null, 42, ['hotline_answer'], { hotline_answer: true }, '', 'policy_item', 'HOTLINE_ANSWER', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
        expectBadInput(await clients.finance.request('POST', PATH, { type, documentId: ids.financeAnswer }), 'type', `type=${JSON.stringify(type)}`);
      }
      await expectStillPending(ANSWER, ids.financeAnswer!, 'after the bad types');
    });

    it('refuses a documentId that is not one string, and one of another content type', async () => {
      for (const documentId of [undefined, null, '', 7, [ids.financeAnswer], { $ne: '' }, { $notNull: true }]) {
        expectBadInput(await clients.office.request('POST', PATH, { type: 'hotline_answer', documentId }), 'documentId', `documentId=${JSON.stringify(documentId)}`);
      }
      // A body that is not an object: an array reaches the route and is refused for its type.
      expectBadInput(await clients.office.request('POST', PATH, [{ type: 'hotline_answer', documentId: ids.financeAnswer }]), 'type', 'an array body');
      // A JSON string is refused before the route by Strapi's body parser (koa-body, strict JSON), in its
      // English words for every route: an open defect outside this route, only the status is asserted.
      expect((await clients.office.request('POST', PATH, 'hotline_answer')).status).toBe(400);
      // The documentId of an interpretation, or of a policy item, sent as a 口径.
      await flag(INTERP, ids.financeInterp!);
      for (const documentId of [ids.financeInterp, ids.item, 'x'.repeat(5000)]) {
        expectBadInput(await clients.office.request('POST', PATH, { type: 'hotline_answer', documentId }), 'documentId', `hotline_answer ${String(documentId).slice(0, 30)}`);
      }
      await expectStillPending(INTERP, ids.financeInterp!, 'an interpretation sent as a 口径');
      await expectStillPending(ANSWER, ids.financeAnswer!, 'after the bad documentIds');
    });

    it('the own specialist confirms a pending entry, published or draft-only; the office confirms any', async () => {
      await flag(ANSWER, ids.financeAnswer!);
      const ok = await clients.finance.request('POST', PATH, { type: 'hotline_answer', documentId: ids.financeAnswer });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      for (const r of await rows(ANSWER, ids.financeAnswer!)) expect(r).toMatchObject({ reviewStatus: 'current', reviewReason: null, reviewedBy: expect.stringContaining('<review-attack-finance@test.local>') });

      await flag(ANSWER, ids.financeDraft!);
      expect((await clients.finance.request('POST', PATH, { type: 'hotline_answer', documentId: ids.financeDraft })).status).toBe(200);
      expect((await rows(ANSWER, ids.financeDraft!)).map((r) => r.reviewStatus)).toEqual(['current']);

      await flag(INTERP, ids.taxInterp!);
      const office = await clients.office.request('POST', PATH, { type: 'interpretation', documentId: ids.taxInterp });
      expect(office.status, JSON.stringify(office.body)).toBe(200);
      for (const r of await rows(INTERP, ids.taxInterp!)) expect(r).toMatchObject({ reviewStatus: 'current', reviewedBy: expect.stringContaining('<review-attack-office@test.local>') });
    });

    it('a replayed confirmation, or one of an entry not pending, is refused and changes no record of who reviewed when', async () => {
      await flag(ANSWER, ids.taxAnswer!);
      const first = await clients.tax.request('POST', PATH, { type: 'hotline_answer', documentId: ids.taxAnswer });
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      const before = await rows(ANSWER, ids.taxAnswer!);
      for (const who of ['tax', 'office'] as const) {
        const replay = await clients[who].request('POST', PATH, { type: 'hotline_answer', documentId: ids.taxAnswer });
        expect(replay.status, `${who} replay: ${JSON.stringify(replay.body)}`).toBe(409);
        expect(replay.body?.error?.message).toMatch(CHINESE);
        expect(replay.body?.error?.details?.errors?.[0]).toMatchObject({ path: ['documentId'], code: 'CONFLICT' });
      }
      expect(await rows(ANSWER, ids.taxAnswer!)).toEqual(before);
      // An entry never flagged: nothing to confirm, and the other department's specialist still learns only 403.
      const fresh = (await cms.strapi.documents(ANSWER).create({ locale: 'zh-Hans', status: 'published', data: { question: '未标记口径（复核攻击）', shortAnswer: '无', department: dept.tax } as never })).documentId;
      const untouched = await rows(ANSWER, fresh);
      expect((await clients.tax.request('POST', PATH, { type: 'hotline_answer', documentId: fresh })).status).toBe(409);
      expectForbidden(await clients.finance.request('POST', PATH, { type: 'hotline_answer', documentId: fresh }), 'finance → tax’s unflagged 口径');
      expect(await rows(ANSWER, fresh)).toEqual(untouched);
    });
  });
}
