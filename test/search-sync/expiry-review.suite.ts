// 待复核 beyond publications: an item (or a policy still marked 有效) whose 有效期 passes flags the 口径 and
// interpretations citing it, durably and once (cms/src/citations/expiry-flags.ts); and a flag reaches the
// department's specialists as one inbox message and one e-mail (api/src/review/review-notices.ts, through
// the notification outbox). The real CMS in-process, search-sync, Meilisearch and the api; expected values
// are written out by hand from the content each test creates.
//
// The expiry pass is called with the instant it should take as "now": the dates below lie years ahead, so
// the pass the CMS runs by itself (at boot and hourly, on the real clock) never sees them expire first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flagExpiredCitations } from '../../cms/src/citations/expiry-flags.ts';
import { enqueueReviewNotices } from '../../api/src/review/review-notices.ts';
import { AdminClient, createAdminUser, startCms, type CmsUnderTest } from '../helpers/cms.ts';
import type { DbKind } from '../helpers/databases.ts';
import { startMeili, type MeiliUnderTest } from '../helpers/meili.ts';
import { startSync, type SyncUnderTest } from '../helpers/sync.ts';
import { cmsToken, staffMember } from '../helpers/identity.ts';
import { startSearchApi, type ApiUnderTest } from '../helpers/search-stack.ts';
import { openTestDatabase, type TestDatabase } from '../helpers/api/test-database.ts';
import { SmtpSink } from '../helpers/notifications/smtp-sink.ts';

const ITEM = 'api::policy-item.policy-item';
const POLICY = 'api::policy.policy';
const INTERP = 'api::interpretation.interpretation';
const ANSWER = 'api::hotline-answer.hotline-answer';
const DEPT = 'api::department.department';
const HR_MAIL = 'rsj@example.cn';
// These waits follow publications fanning out to the entries citing them: on the shared machine they take a while.
const SLOW = 30_000;

export function defineExpiryReviewSuite(kind: DbKind): void {
  describe(`expiry flags and review notices (${kind})`, () => {
    let cms: CmsUnderTest;
    let meili: MeiliUnderTest;
    let sync: SyncUnderTest;
    let admin: AdminClient;
    let api: ApiUnderTest;
    let apiDb: TestDatabase | undefined;
    const sink = new SmtpSink();
    const dept: Record<string, string> = {};
    const ids: Record<string, string> = {};

    const docs = (uid: string) => cms.strapi.documents(uid as typeof ITEM);
    const row = async (uid: string, documentId: string) =>
      (await cms.strapi.db.query(uid as typeof ANSWER).findOne({ where: { documentId, publishedAt: { $notNull: true } } })) as Record<string, any>;
    const answerDoc = (documentId: string) => `hotline_answer-${documentId}-zh-Hans`;
    const item = async (title: string, itemCode: string, department: string, extra: Record<string, unknown> = {}) =>
      (await docs(ITEM).create({ locale: 'zh-Hans', status: 'published', data: { title, itemCode, department: dept[department], maxAmount: 20, ...extra } as never })).documentId;
    const answer = async (question: string, department: string, items: string[]) =>
      (await docs(ANSWER).create({ locale: 'zh-Hans', status: 'published', data: { question, shortAnswer: `${question}：详见条目。`, department: dept[department], relatedItems: items } as never }))
        .documentId;
    const confirm = async (documentId: string) => expect((await admin.request('POST', '/api-review/confirm', { type: 'hotline_answer', documentId })).status).toBe(200);
    const markers = async () => {
      const schema = cms.strapi.db.getSchemaName();
      const q = schema ? cms.strapi.db.connection('citation_expiry_flags').withSchema(schema) : cms.strapi.db.connection('citation_expiry_flags');
      return (await q.select('document_id', 'effective_until', 'entries').orderBy(['document_id', 'effective_until'])) as Array<{ document_id: string; effective_until: string; entries: number }>;
    };

    beforeAll(async () => {
      meili = await startMeili(`expiry-${kind}`);
      cms = await startCms(kind, 'expiry');
      for (const code of ['finance', 'tax', 'human-resources']) {
        const d = (await cms.strapi.db.query(DEPT).findOne({ where: { code, locale: 'zh-Hans' } })) as { documentId: string };
        dept[code] = d.documentId;
      }
      sync = await startSync(cms, meili, `expiry_${kind}`);
      const o = await createAdminUser(cms.strapi, 'office@expiry.test', 'office-editor');
      admin = await AdminClient.login(cms.url, o.email, o.password);
      await sink.start();
      // The api's own database (its notification outbox) of the same kind as the CMS's.
      apiDb = kind === 'postgres' ? await openTestDatabase('postgres') : undefined;
      api = await startSearchApi({
        host: meili.host,
        searchKey: sync.runtime.searchKey,
        prefix: sync.prefix,
        database: apiDb?.database,
        env: { API_CMS_JWKS_URL: `${cms.url}/api-identity/jwks.json`, NOTIFY_SMTP_URL: sink.url, NOTIFY_EMAIL_TO: JSON.stringify({ 'department:human-resources': HR_MAIL }) },
      });
    });

    afterAll(async () => {
      await api?.stop();
      await apiDb?.cleanup();
      await sink.stop();
      await sync?.stop();
      await cms?.stop();
      await meili?.destroy();
    });

    it('an item or policy past its 有效期 flags every 口径 and interpretation citing it, once; a new 有效期 that passes flags again', async () => {
      // Finance: item X (有效期至 2031-06-30) cited by 口径 H1 and interpretation I1; item Y (same day) cited by
      // nothing; item Z (2031-12-31) cited by H2; policy PX (有效, 有效期至 2031-06-30) whose item W is cited by H3.
      ids.PX = (await docs(POLICY).create({ locale: 'zh-Hans', status: 'published', data: { title: '关于外贸企业的扶持办法', department: dept.finance, validity: 'valid', effectiveFrom: '2026-01-01', effectiveUntil: '2031-06-30' } as never })).documentId;
      ids.X = await item('出口信用保险保费补助', 'EX-A', 'finance', { effectiveUntil: '2031-06-30' });
      ids.Y = await item('境外商标注册补助', 'EX-B', 'finance', { effectiveUntil: '2031-06-30' });
      ids.Z = await item('跨境电商平台入驻补助', 'EX-C', 'finance', { effectiveUntil: '2031-12-31' });
      ids.W = await item('外贸展会补助', 'EX-D', 'finance', { policy: ids.PX });
      ids.H1 = await answer('出口信保有补贴吗', 'finance', [ids.X]);
      ids.H2 = await answer('入驻跨境平台有补贴吗', 'finance', [ids.Z]);
      ids.H3 = await answer('参加外贸展会有补贴吗', 'finance', [ids.W]);
      ids.I1 = (await docs(INTERP).create({ locale: 'zh-Hans', status: 'published', data: { title: '出口信保补助解读', body: '解读正文', department: dept.finance, items: [ids.X] } as never })).documentId;

      // 2031-06-30 is the last day of X and PX: on 1 July (Shanghai) they are 失效.
      expect(await flagExpiredCitations(cms.strapi, new Date('2031-06-30T23:59:00+08:00'))).toEqual({ expired: 0, flagged: 0 });
      expect(await flagExpiredCitations(cms.strapi, new Date('2031-07-01T00:00:00+08:00'))).toEqual({ expired: 3, flagged: 3 });
      const itemExpired = '所引政策条目「出口信用保险保费补助」（EX-A）已失效：有效期至 2031-06-30';
      expect(await row(ANSWER, ids.H1)).toMatchObject({ reviewStatus: 'pending', reviewReason: itemExpired });
      expect(await row(INTERP, ids.I1)).toMatchObject({ reviewStatus: 'pending', reviewReason: itemExpired });
      expect(await row(ANSWER, ids.H3)).toMatchObject({ reviewStatus: 'pending', reviewReason: '所引条目所属政策《关于外贸企业的扶持办法》已失效：有效期至 2031-06-30' });
      expect((await row(ANSWER, ids.H2)).reviewStatus).toBe('current');
      // Once: the same expiry seen again flags nothing more.
      expect(await flagExpiredCitations(cms.strapi, new Date('2031-07-01T10:00:00+08:00'))).toEqual({ expired: 0, flagged: 0 });
      expect((await row(ANSWER, ids.H1)).reviewReason).toBe(itemExpired);

      // The flags reach the index through the search outbox, and the finance specialist's queue lists them.
      await sync.until(
        'H1, H3 and I1 pending in the index',
        async () =>
          (await sync.get(answerDoc(ids.H1!)))?.reviewStatus === 'pending' &&
          (await sync.get(answerDoc(ids.H3!)))?.reviewStatus === 'pending' &&
          (await sync.get(`interpretation-${ids.I1}-zh-Hans`))?.reviewStatus === 'pending',
        SLOW,
      );
      const finance = await cmsToken(await staffMember(cms.strapi, cms.url, 'finance@expiry.test', 'department-editor-finance'));
      const queue = await api.gql(`{ reviewQueue { flagged { documentId review { status reason } } } }`, {}, { authorization: `Bearer ${finance.token}` });
      expect(queue.errors).toBeUndefined();
      const flagged = new Map(queue.data.reviewQueue.flagged.map((f: { documentId: string; review: { reason: string } }) => [f.documentId, f.review.reason]));
      expect(flagged.get(ids.H1)).toBe(itemExpired);
      expect(flagged.get(ids.I1)).toBe(itemExpired);
      expect(flagged.has(ids.H2)).toBe(false);

      // Reviewed, then the item is given a new 有效期 (a revision: flagged as such, reviewed again); when that
      // one passes too, H1 is flagged again for it. Z has passed its day by then as well.
      await confirm(ids.H1);
      await docs(ITEM).update({ documentId: ids.X, locale: 'zh-Hans', status: 'published', data: { effectiveUntil: '2032-06-30' } as never });
      expect((await row(ANSWER, ids.H1)).reviewReason).toBe('所引政策条目「出口信用保险保费补助」（EX-A）已修订：条目有效期');
      await confirm(ids.H1);
      expect(await flagExpiredCitations(cms.strapi, new Date('2032-07-01T09:00:00+08:00'))).toEqual({ expired: 2, flagged: 3 });
      expect(await row(ANSWER, ids.H1)).toMatchObject({ reviewStatus: 'pending', reviewReason: '所引政策条目「出口信用保险保费补助」（EX-A）已失效：有效期至 2032-06-30' });
      expect(await row(ANSWER, ids.H2)).toMatchObject({ reviewStatus: 'pending', reviewReason: '所引政策条目「跨境电商平台入驻补助」（EX-C）已失效：有效期至 2031-12-31' });
      // I1 was never reviewed: each change is one more line.
      expect((await row(INTERP, ids.I1)).reviewReason).toBe(
        [itemExpired, '所引政策条目「出口信用保险保费补助」（EX-A）已修订：条目有效期', '所引政策条目「出口信用保险保费补助」（EX-A）已失效：有效期至 2032-06-30'].join('\n'),
      );
      await confirm(ids.H1);
      expect(await flagExpiredCitations(cms.strapi, new Date('2032-07-02T09:00:00+08:00'))).toEqual({ expired: 0, flagged: 0 });
      expect((await row(ANSWER, ids.H1)).reviewStatus).toBe('current');
      const mine = (await markers()).filter((m) => [ids.X, ids.Y, ids.Z, ids.PX].includes(m.document_id));
      expect(mine.map((m) => [m.document_id, m.effective_until, Number(m.entries)]).sort()).toEqual(
        [
          [ids.X, '2031-06-30', 2],
          [ids.X, '2032-06-30', 2],
          [ids.Y, '2031-06-30', 0],
          [ids.Z, '2031-12-31', 1],
          [ids.PX, '2031-06-30', 1],
        ].sort(),
      );
    });

    it('a 口径 written after the item expired is not flagged for that expiry', async () => {
      // Written today about an item that ended in January 2020: its author saw it expired.
      ids.V = await item('2019年度稳岗返还', 'EX-V', 'finance', { effectiveUntil: '2020-01-31' });
      ids.H5 = await answer('2019年的稳岗返还还能申请吗', 'finance', [ids.V]);
      expect(await flagExpiredCitations(cms.strapi, new Date())).toEqual({ expired: 1, flagged: 0 });
      expect((await row(ANSWER, ids.H5)).reviewStatus).toBe('current');
      expect((await markers()).filter((m) => m.document_id === ids.V).map((m) => [m.effective_until, Number(m.entries)])).toEqual([['2020-01-31', 0]]);
    });

    it('a revision sends the department exactly one inbox message and one e-mail; other departments get none; re-running adds none', async () => {
      ids.NHR = await item('企业新招员工招工补贴', 'NT-HR-1', 'human-resources');
      ids.NTAX = await item('小微企业税费减免', 'NT-TAX-1', 'tax');
      ids.HHR = await answer('招工补贴能补多少', 'human-resources', [ids.NHR]);
      ids.HTAX = await answer('小微企业能减免哪些税费', 'tax', [ids.NTAX]);
      await docs(ITEM).update({ documentId: ids.NHR, locale: 'zh-Hans', status: 'published', data: { maxAmount: 25 } as never });
      const reason = '所引政策条目「企业新招员工招工补贴」（NT-HR-1）已修订：最高扶持金额';
      expect(await row(ANSWER, ids.HHR)).toMatchObject({ reviewStatus: 'pending', reviewReason: reason });
      // The revised item and the flagged 口径 both in the index (what the notice reads).
      await sync.until(
        'the revision and the flag in the index',
        async () => (await sync.get(answerDoc(ids.HHR!)))?.reviewStatus === 'pending' && (await sync.get(`policy_item-${ids.NHR}-zh-Hans`))?.maxAmount === 25,
        SLOW,
      );

      const notices = { db: api.app.services.db, search: api.app.services.search, clock: api.clock, targets: api.app.notifications.targets };
      const hrDeliveries = async () =>
        (await api.app.services.db.selectFrom('notification_deliveries').select(['channel', 'event_key']).where('recipient', '=', 'department:human-resources').orderBy('channel').execute()).map((d) => d.channel);
      await enqueueReviewNotices(notices);
      expect(await hrDeliveries()).toEqual(['email', 'inbox']);
      expect((await api.app.notifications.dispatcher.runOnce()).parked).toBe(0);

      const hr = await cmsToken(await staffMember(cms.strapi, cms.url, 'hr@expiry.test', 'department-editor-human-resources'));
      const tax = await cmsToken(await staffMember(cms.strapi, cms.url, 'tax@expiry.test', 'department-editor-tax'));
      const INBOX = `{ myInbox { kind title body petitionId } }`;
      const expected = [{ kind: 'REVIEW_FLAGGED', title: '口径待复核：招工补贴能补多少（所引事项 NT-HR-1 已修订）', body: `${reason}\n请在工作台「待复核」中核对口径内容，需要时修改，然后确认复核。`, petitionId: '' }];
      expect((await api.gql(INBOX, {}, { authorization: `Bearer ${hr.token}` })).data.myInbox).toEqual(expected);
      expect((await api.gql(INBOX, {}, { authorization: `Bearer ${tax.token}` })).data.myInbox).toEqual([]);
      expect(sink.received.filter((m) => m.to.includes(HR_MAIL))).toHaveLength(1);

      // The producer and the dispatcher run again (every interval, and after a restart): nothing is added.
      await enqueueReviewNotices(notices);
      await api.app.notifications.dispatcher.runOnce();
      expect(await hrDeliveries()).toEqual(['email', 'inbox']);
      expect((await api.gql(INBOX, {}, { authorization: `Bearer ${hr.token}` })).data.myInbox).toEqual(expected);
      expect(sink.received.filter((m) => m.to.includes(HR_MAIL))).toHaveLength(1);
    });
  });
}
