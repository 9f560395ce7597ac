// search-sync end to end: the real CMS in-process (Document Service and admin HTTP API), the real
// search outbox, the real worker and a real Meilisearch. Expected values are written out by hand
// from the content each test creates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, createAdminUser, startCms, type CmsUnderTest } from '../helpers/cms.ts';
import type { DbKind } from '../helpers/databases.ts';
import { startMeili, type MeiliUnderTest } from '../helpers/meili.ts';
import { startSync, type SyncUnderTest } from '../helpers/sync.ts';

const ITEM = 'api::policy-item.policy-item';
const POLICY = 'api::policy.policy';
const INTERP = 'api::interpretation.interpretation';
const ANSWER = 'api::hotline-answer.hotline-answer';
const DEPT = 'api::department.department';
const SYNONYM = 'api::search-synonym.search-synonym';

export function defineSyncSuite(kind: DbKind): void {
  describe(`search-sync (${kind})`, () => {
    let cms: CmsUnderTest;
    let meili: MeiliUnderTest;
    let sync: SyncUnderTest;
    let admin: AdminClient;
    const dept: Record<string, string> = {};

    const docs = (uid: string) => cms.strapi.documents(uid as typeof ITEM);
    const outboxRows = async () =>
      (await cms.strapi.db.connection('search_outbox').withSchema(cms.strapi.db.getSchemaName() ?? '').select('*').orderBy('id')) as Array<{
        uid: string;
        document_id: string;
        locale: string | null;
        action: string;
      }>;
    const itemId = (documentId: string, locale = 'zh-Hans') => `policy_item-${documentId}-${locale}`;

    beforeAll(async () => {
      meili = await startMeili(`sync-${kind}`);
      cms = await startCms(kind, 'sync');
      for (const code of ['finance', 'tax', 'human-resources']) {
        const row = (await cms.strapi.db.query(DEPT).findOne({ where: { code, locale: 'zh-Hans' } })) as { documentId: string };
        dept[code] = row.documentId;
      }
      sync = await startSync(cms, meili, `sync_${kind}`);
      const o = await createAdminUser(cms.strapi, 'office@sync.test', 'office-editor');
      admin = await AdminClient.login(cms.url, o.email, o.password);
    });

    afterAll(async () => {
      await sync?.stop();
      await cms?.stop();
      await meili?.destroy();
    });

    describe('the outbox', () => {
      it('records create, update, publish, unpublish, discard-draft and delete per locale', async () => {
        await sync.runtime.worker.stop();
        const before = (await outboxRows()).length;
        const d = await docs(ITEM).create({ locale: 'zh-Hans', data: { title: '出口信保补助（草稿）', itemCode: 'OB-001', department: dept.finance } as never });
        await docs(ITEM).update({ documentId: d.documentId, locale: 'en', data: { title: 'Export credit insurance' } as never });
        await docs(ITEM).publish({ documentId: d.documentId, locale: 'zh-Hans' });
        await docs(ITEM).update({ documentId: d.documentId, locale: 'zh-Hans', data: { title: '出口信保补助（改）' } as never });
        await docs(ITEM).discardDraft({ documentId: d.documentId, locale: 'zh-Hans' });
        await docs(ITEM).unpublish({ documentId: d.documentId, locale: 'zh-Hans' });
        await docs(ITEM).delete({ documentId: d.documentId, locale: 'en' });
        const rows = (await outboxRows()).slice(before).map((r) => [r.action, r.locale, r.document_id === d.documentId]);
        // Writes that change only the draft are marked, so search-sync can skip them.
        expect(rows).toEqual([
          ['create:draft', 'zh-Hans', true],
          ['update:draft', 'en', true],
          ['publish', 'zh-Hans', true],
          ['update:draft', 'zh-Hans', true],
          ['discardDraft:draft', 'zh-Hans', true],
          ['unpublish', 'zh-Hans', true],
          ['delete', 'en', true],
        ]);
        sync.runtime.worker.start();
        await sync.until('outbox drained', async () => (await sync.runtime.outbox.pendingCount()) === 0);
        expect(await sync.get(itemId(d.documentId))).toBeNull();
      });

      it('is written in the same transaction as the change: a failure after the write rolls both back', async () => {
        const before = (await outboxRows()).length;
        // A failure inside the same Document Service call, after the write and the outbox insert.
        await expect(
          cms.strapi.db.transaction(async ({ trx }) => {
            await docs(ITEM).create({ locale: 'zh-Hans', status: 'published', data: { title: '回滚测试条目', itemCode: 'TX-001', department: dept.finance } as never });
            // Inside the transaction (on its connection) the outbox row is there already.
            const schema = cms.strapi.db.getSchemaName();
            const inside = await (schema ? trx('search_outbox').withSchema(schema) : trx('search_outbox')).count({ n: '*' });
            expect(Number((inside[0] as { n: number }).n)).toBe(before + 1);
            throw new Error('boom after the write');
          }),
        ).rejects.toThrow('boom after the write');
        expect(await cms.strapi.db.query(ITEM).count({ where: { itemCode: 'TX-001' } })).toBe(0);
        expect((await outboxRows()).length).toBe(before);
      });

      it('a change whose outbox row cannot be written is not saved either', async () => {
        const schema = cms.strapi.db.getSchemaName();
        const knex = cms.strapi.db.connection;
        const rename = (from: string, to: string) => (schema ? knex.schema.withSchema(schema) : knex.schema).renameTable(from, to);
        await sync.runtime.worker.stop();
        await rename('search_outbox', 'search_outbox_away');
        try {
          await expect(docs(ITEM).create({ locale: 'zh-Hans', status: 'published', data: { title: '无出箱记录的条目', itemCode: 'TX-002', department: dept.finance } as never })).rejects.toThrow();
        } finally {
          await rename('search_outbox_away', 'search_outbox');
          sync.runtime.worker.start();
        }
        expect(await cms.strapi.db.query(ITEM).count({ where: { itemCode: 'TX-002' } })).toBe(0);
      });
    });

    describe('publish → searchable', () => {
      let policyId: string;
      let itemDoc: string;

      it('a published item is searchable with its department, policy and 文号 flattened in, as plain text', async () => {
        const policy = await docs(POLICY).create({
          locale: 'zh-Hans',
          status: 'published',
          data: { title: '关于支持企业出海的若干措施', docNumber: '嘉开财（2026）3号', department: dept.finance, validity: 'valid', effectiveFrom: '2026-01-01', effectiveUntil: '2028-12-31' } as never,
        });
        policyId = policy.documentId;
        const res = await admin.create(ITEM, {
          title: '跨境电商海外仓租金补助',
          itemCode: 'CZ-2026-101',
          department: dept.finance,
          policy: policyId,
          summary: '对在境外租用**海外仓**的企业，按租金的 30% 给予补助。',
          supportStandard: '按年租金的 **30%** 补助，最高 50 万元。',
          maxAmount: 50,
          subjects: ['industrial'],
          topics: ['production_operation'],
          applicationStart: '2026-03-01',
          applicationEnd: '2026-05-31',
        });
        expect(res.status).toBe(201);
        itemDoc = res.body.data.documentId;
        expect(await sync.get(itemId(itemDoc))).toBeNull();
        expect((await admin.publish(ITEM, itemDoc)).status).toBe(200);
        const doc = await sync.until('item searchable', async () => (await sync.find('海外仓')).find((d) => d.documentId === itemDoc));
        expect(doc).toMatchObject({
          type: 'policy_item',
          locale: 'zh-Hans',
          title: '跨境电商海外仓租金补助',
          itemCode: 'CZ-2026-101',
          departmentCode: 'finance',
          departmentName: '财政局',
          policyTitle: '关于支持企业出海的若干措施',
          docNumber: '嘉开财（2026）3号',
          docNumberNormalized: '嘉开财〔2026〕3号',
          validity: 'valid',
          effectiveUntil: '2028-12-31',
          maxAmount: 50,
          subjects: ['industrial'],
          subjectLabels: ['工业企业'],
          topics: ['production_operation'],
          topicLabels: ['生产经营'],
          applicationStart: '2026-03-01',
          applicationEnd: '2026-05-31',
          applicationEndTs: Date.UTC(2026, 4, 31),
          summary: '对在境外租用海外仓的企业，按租金的 30% 给予补助。',
          body: '按年租金的 30% 补助，最高 50 万元。',
        });
        // 文号 written with other brackets finds the policy.
        for (const q of ['嘉开财〔2026〕3号', '嘉开财[2026]3号']) {
          const hits = await sync.find(q, { filter: 'type = "policy"' });
          expect(hits[0]?.documentId, q).toBe(policyId);
        }
      });

      it('a draft change does not reach the index until it is published', async () => {
        await docs(ITEM).update({ documentId: itemDoc, locale: 'zh-Hans', data: { title: '跨境电商海外仓租金补助（修订草稿）' } as never });
        await sync.until('drained', async () => (await sync.runtime.outbox.pendingCount()) === 0);
        expect((await sync.get(itemId(itemDoc)))?.title).toBe('跨境电商海外仓租金补助');
        await docs(ITEM).publish({ documentId: itemDoc, locale: 'zh-Hans' });
        await sync.until('published title', async () => (await sync.get(itemId(itemDoc)))?.title === '跨境电商海外仓租金补助（修订草稿）');
      });

      it('a new locale gets its own document; unpublishing it removes only that one', async () => {
        await docs(ITEM).update({ documentId: itemDoc, locale: 'en', status: 'published', data: { title: 'Overseas warehouse rent subsidy', department: dept.finance } as never });
        const en = await sync.until('en document', () => sync.get(itemId(itemDoc, 'en')));
        expect(en).toMatchObject({ locale: 'en', title: 'Overseas warehouse rent subsidy', itemCode: 'CZ-2026-101', departmentName: 'Finance Bureau' });
        expect(await sync.get(itemId(itemDoc))).not.toBeNull();
        await docs(ITEM).unpublish({ documentId: itemDoc, locale: 'en' });
        await sync.until('en gone', async () => (await sync.get(itemId(itemDoc, 'en'))) === null);
        expect(await sync.get(itemId(itemDoc))).not.toBeNull();
      });

      it('editing a policy re-indexes its items', async () => {
        await docs(POLICY).update({ documentId: policyId, locale: 'zh-Hans', status: 'published', data: { title: '关于支持企业开拓国际市场的若干措施' } as never });
        await sync.until('item shows the new policy title', async () => (await sync.get(itemId(itemDoc)))?.policyTitle === '关于支持企业开拓国际市场的若干措施');
      });

      it('unpublish removes the document; delete removes it too', async () => {
        expect((await admin.unpublish(ITEM, itemDoc)).status).toBe(200);
        await sync.until('unpublished item gone', async () => (await sync.get(itemId(itemDoc))) === null);
        expect((await admin.publish(ITEM, itemDoc)).status).toBe(200);
        await sync.until('republished', () => sync.get(itemId(itemDoc)));
        expect((await admin.remove(ITEM, itemDoc)).status).toBe(200);
        await sync.until('deleted item gone', async () => (await sync.get(itemId(itemDoc))) === null);
        expect(await sync.find('海外仓', { filter: 'type = "policy_item"' })).toEqual([]);
      });
    });

    it('renaming a department shows the new name on every item, interpretation and answer of it', async () => {
      const created: string[] = [];
      for (let i = 1; i <= 5; i++) {
        const d = await docs(ITEM).create({ locale: 'zh-Hans', status: 'published', data: { title: `就业补贴事项${i}`, itemCode: `RN-00${i}`, department: dept['human-resources'] } as never });
        created.push(d.documentId);
      }
      const answer = await docs(ANSWER).create({ locale: 'zh-Hans', status: 'published', data: { question: '招工有补贴吗？', shortAnswer: '有，每人1000元。', department: dept['human-resources'], relatedItems: [created[0]] } as never });
      await sync.until('items indexed', async () => (await sync.find('就业补贴事项', { filter: 'type = "policy_item"' })).length === 5);
      const res = await admin.update(DEPT, dept['human-resources']!, { name: '人力资源和社会保障局' });
      expect(res.status).toBe(200);
      await sync.until(
        'every item shows the new name',
        async () => {
          const hits = await sync.find('就业补贴事项', { filter: 'type = "policy_item"' });
          return hits.length === 5 && hits.every((h) => h.departmentName === '人力资源和社会保障局');
        },
        15_000,
      );
      await sync.until('the answer too', async () => (await sync.get(`hotline_answer-${answer.documentId}-zh-Hans`))?.departmentName === '人力资源和社会保障局');
    });

    it('markdown with HTML and script inside is indexed as plain text', async () => {
      const d = await docs(INTERP).create({
        locale: 'zh-Hans',
        status: 'published',
        data: {
          title: '标记测试解读',
          format: 'text',
          department: dept.tax,
          body: '## 要点\n\n<script>alert("x")</script>\n\n<div class="note">请<b>按时</b>申报</div>\n\n- [办理指南](https://example.org)\n- `代码` &lt;img src=x onerror=alert(1)&gt;',
        } as never,
      });
      const doc = await sync.until('interpretation indexed', () => sync.get(`interpretation-${d.documentId}-zh-Hans`));
      expect(doc.body).toBe('要点\n请 按时 申报\n办理指南\n代码');
      expect(doc.body).not.toMatch(/[<>]/);
    });

    it('a synonym the office adds in the CMS works without a reindex', async () => {
      const d = await docs(ITEM).create({ locale: 'zh-Hans', status: 'published', data: { title: '外贸企业展会摊位费补助', itemCode: 'SY-001', department: dept.finance } as never });
      await sync.until('indexed', () => sync.get(itemId(d.documentId)));
      expect(await sync.find('出海参展', { filter: 'type = "policy_item"' })).toEqual([]);
      const res = await admin.request('POST', `/content-manager/collection-types/${SYNONYM}`, { kind: 'synonyms', terms: '出海参展, 展会摊位费', note: '测试' });
      expect(res.status).toBe(201);
      await sync.until('synonym applied', async () => (await sync.find('出海参展', { filter: 'type = "policy_item"' }))[0]?.documentId === d.documentId);
      // The defaults are there too: 技该 (a typo) → 技改 → 技术改造.
      const tech = await docs(ITEM).create({ locale: 'zh-Hans', status: 'published', data: { title: '技术改造设备投资补助', itemCode: 'SY-002', department: dept.finance } as never });
      await sync.until('typo finds it', async () => (await sync.find('技该补助', { filter: 'type = "policy_item"' })).some((h) => h.documentId === tech.documentId));
    });

    it('an item whose effective-until passes becomes 失效 without anyone touching it', async () => {
      let today = '2026-06-30';
      await sync.stop();
      sync = await startSync(cms, meili, 'expiry', { prefix: sync.prefix, today: () => today, env: { SYNC_EXPIRY_INTERVAL_S: '1' } });
      const d = await docs(ITEM).create({ locale: 'zh-Hans', status: 'published', data: { title: '年中到期的补助', itemCode: 'EX-001', department: dept.finance, effectiveUntil: '2026-06-30' } as never });
      const doc = await sync.until('indexed', () => sync.get(itemId(d.documentId)));
      // 2026-06-30 is its last day: still valid on that day.
      expect(doc.validity).toBe('valid');
      today = '2026-07-01';
      await sync.until('expired', async () => (await sync.get(itemId(d.documentId)))?.validity === 'expired', 10_000);
    });

    it('a change that cannot be indexed is parked and shown, and the others go through', async () => {
      // A published row without a title (written past the CMS's validation, as a broken import would).
      const knex = cms.strapi.db.connection;
      const schema = cms.strapi.db.getSchemaName();
      const table = (t: string) => (schema ? knex(t).withSchema(schema) : knex(t));
      const good = await docs(ITEM).create({ locale: 'zh-Hans', status: 'published', data: { title: '正常条目', itemCode: 'PZ-002', department: dept.finance } as never });
      await table('policy_items').insert({ document_id: 'poisonpoisonpoisonpoison', locale: 'zh-Hans', title: null, item_code: 'PZ-001', published_at: new Date(), created_at: new Date(), updated_at: new Date() });
      await table('search_outbox').insert({ uid: ITEM, document_id: 'poisonpoisonpoisonpoison', locale: 'zh-Hans', action: 'publish', created_at: Date.now() });
      await sync.until('parked', async () => (await sync.runtime.outbox.parked()).some((p) => p.document_id === 'poisonpoisonpoisonpoison'));
      const parked = (await sync.runtime.outbox.parked()).find((p) => p.document_id === 'poisonpoisonpoisonpoison')!;
      expect(parked.last_error).toContain('DOCUMENT_INVALID');
      expect(await sync.until('good one indexed', () => sync.get(itemId(good.documentId)))).toBeTruthy();
      await table('policy_items').where({ document_id: 'poisonpoisonpoisonpoison' }).delete();
    });
  });
}
