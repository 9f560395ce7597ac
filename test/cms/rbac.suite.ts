// Airtight per-department editor roles (第四、五条), checked through the real admin HTTP API that the
// admin UI uses. Two department specialists (财政局 finance, 税务局 tax) and the office (区企服办).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, createAdminUser, startCms, type CmsUnderTest } from '../helpers/cms.ts';
import type { DbKind } from '../helpers/databases.ts';

const ITEM = 'api::policy-item.policy-item';
const POLICY = 'api::policy.policy';
const INTERP = 'api::interpretation.interpretation';
const ANSWER = 'api::hotline-answer.hotline-answer';

export function defineRbacSuite(kind: DbKind): void {
  describe(`department editor roles (${kind})`, () => {
    let cms: CmsUnderTest;
    let finance: AdminClient;
    let tax: AdminClient;
    let office: AdminClient;
    const ids: Record<string, string> = {};

    const departmentOf = async (uid: string, documentId: string) => {
      const rows = (await cms.strapi.db.query(uid as typeof ITEM).findMany({
        where: { documentId },
        populate: { department: { select: ['code'] } },
      })) as Array<{ locale: string; publishedAt: string | null; title?: string; department?: { code: string } | null }>;
      return rows;
    };

    beforeAll(async () => {
      cms = await startCms(kind, 'rbac');
      const s = cms.strapi;
      const deptId = async (code: string) =>
        ((await s.db.query('api::department.department').findOne({ where: { code } })) as { documentId: string }).documentId;
      const financeDept = await deptId('finance');
      const taxDept = await deptId('tax');
      ids.financeDept = financeDept;
      ids.taxDept = taxDept;
      // Content created by the system (as an import would), one department each.
      const taxPolicy = await s.documents(POLICY).create({ locale: 'zh-Hans', status: 'published', data: { title: '税收优惠政策汇编', department: taxDept, validity: 'valid' } as never });
      ids.taxPolicy = taxPolicy.documentId;
      const financeItem = await s.documents(ITEM).create({ locale: 'zh-Hans', status: 'published', data: { title: '财政贴息', itemCode: 'CZ-001', department: financeDept } as never });
      ids.financeItem = financeItem.documentId;
      const taxItem = await s.documents(ITEM).create({ locale: 'zh-Hans', status: 'published', data: { title: '研发费用加计扣除', itemCode: 'SW-001', department: taxDept, policy: taxPolicy.documentId } as never });
      ids.taxItem = taxItem.documentId;
      const taxDraft = await s.documents(ITEM).create({ locale: 'zh-Hans', data: { title: '高企所得税优惠（草稿）', itemCode: 'SW-002', department: taxDept } as never });
      ids.taxDraft = taxDraft.documentId;
      const taxAnswer = await s.documents(ANSWER).create({ locale: 'zh-Hans', status: 'published', data: { question: '加计扣除比例？', shortAnswer: '100%。', department: taxDept } as never });
      ids.taxAnswer = taxAnswer.documentId;

      const f = await createAdminUser(s, 'finance@test.local', 'department-editor-finance');
      const t = await createAdminUser(s, 'tax@test.local', 'department-editor-tax');
      const o = await createAdminUser(s, 'office@test.local', 'office-editor');
      finance = await AdminClient.login(cms.url, f.email, f.password);
      tax = await AdminClient.login(cms.url, t.email, t.password);
      office = await AdminClient.login(cms.url, o.email, o.password);
    });

    afterAll(async () => {
      await cms?.stop();
    });

    it('creates one editor role per department and an office role, named for the specialists', async () => {
      const roles = (await cms.strapi.db.query('admin::role').findMany({ select: ['code', 'name'] })) as Array<{ code: string; name: string }>;
      const departmentRoles = roles.filter((r) => r.code.startsWith('department-editor-'));
      expect(departmentRoles).toHaveLength(16); // the 16 departments of 附件1、2 (the office has its own role)
      expect(roles.find((r) => r.code === 'department-editor-finance')?.name).toBe('财政局 企业服务专员');
      expect(roles.some((r) => r.code === 'office-editor')).toBe(true);
    });

    describe('a department editor sees only their department', () => {
      it('lists only own items', async () => {
        const res = await finance.list(ITEM);
        expect(res.status).toBe(200);
        const titles = res.body.results.map((r: { title: string }) => r.title);
        expect(titles).toEqual(['财政贴息']);
      });
      it('cannot open another department’s item, policy or answer', async () => {
        for (const [uid, id] of [[ITEM, ids.taxItem], [POLICY, ids.taxPolicy], [ANSWER, ids.taxAnswer]] as const) {
          const res = await finance.get(uid, id!);
          expect([403, 404]).toContain(res.status);
          expect(JSON.stringify(res.body)).not.toContain('加计扣除');
        }
      });
    });

    describe('every cross-department write fails and changes nothing', () => {
      it('cannot create an item for another department', async () => {
        const before = await cms.strapi.db.query(ITEM).count({});
        const res = await finance.create(ITEM, { title: '越权条目', itemCode: 'X-1', department: { connect: [{ documentId: ids.taxDept, locale: 'zh-Hans' }] } });
        expect(res.status).toBe(403);
        expect(res.body.error.message).toContain('本部门');
        expect(await cms.strapi.db.query(ITEM).count({})).toBe(before);
      });
      it('cannot move an own item into another department', async () => {
        const res = await finance.update(ITEM, ids.financeItem!, { title: '财政贴息', department: { connect: [{ documentId: ids.taxDept, locale: 'zh-Hans' }], disconnect: [] } });
        expect(res.status).toBe(403);
        const rows = await departmentOf(ITEM, ids.financeItem!);
        expect(rows.every((r) => r.department?.code === 'finance')).toBe(true);
      });
      it('cannot clear the department of an own item', async () => {
        const res = await finance.update(ITEM, ids.financeItem!, { department: { connect: [], disconnect: [{ documentId: ids.financeDept }] } });
        expect(res.status).toBe(403);
        const rows = await departmentOf(ITEM, ids.financeItem!);
        expect(rows.every((r) => r.department?.code === 'finance')).toBe(true);
      });
      it('cannot update another department’s item', async () => {
        const res = await finance.update(ITEM, ids.taxItem!, { title: '被篡改' });
        expect(res.status).toBe(403);
        const rows = await departmentOf(ITEM, ids.taxItem!);
        expect(rows.map((r) => r.title)).not.toContain('被篡改');
      });
      it('cannot publish, unpublish, discard or delete another department’s content', async () => {
        expect((await finance.publish(ITEM, ids.taxDraft!)).status).toBe(403);
        expect((await finance.unpublish(ITEM, ids.taxItem!)).status).toBe(403);
        expect((await finance.discard(ITEM, ids.taxItem!)).status).toBe(403);
        expect((await finance.remove(ITEM, ids.taxItem!)).status).toBe(403);
        expect((await finance.remove(ANSWER, ids.taxAnswer!)).status).toBe(403);
        const draft = await departmentOf(ITEM, ids.taxDraft!);
        expect(draft.filter((r) => r.publishedAt)).toHaveLength(0);
        const item = await departmentOf(ITEM, ids.taxItem!);
        expect(item.filter((r) => r.publishedAt)).toHaveLength(1);
        expect(await departmentOf(ANSWER, ids.taxAnswer!)).toHaveLength(2);
      });
      it('cannot bulk-publish or bulk-delete another department’s items', async () => {
        const pub = await finance.bulkPublish(ITEM, [ids.taxDraft!]);
        expect(pub.status).toBeGreaterThanOrEqual(400);
        const del = await finance.bulkDelete(ITEM, [ids.taxItem!]);
        expect(del.status === 403 || del.body?.data?.count === 0 || del.status === 400).toBe(true);
        expect((await departmentOf(ITEM, ids.taxDraft!)).filter((r) => r.publishedAt)).toHaveLength(0);
        expect(await departmentOf(ITEM, ids.taxItem!)).toHaveLength(2);
      });
      it('cannot add a locale to another department’s item', async () => {
        const res = await finance.update(ITEM, ids.taxItem!, { title: 'R&D super deduction', itemCode: 'SW-001' }, 'en');
        expect(res.status).toBe(403);
        const rows = await departmentOf(ITEM, ids.taxItem!);
        expect(rows.some((r) => r.locale === 'en')).toBe(false);
      });
      it('cannot clone another department’s item', async () => {
        const before = await cms.strapi.db.query(ITEM).count({});
        const res = await finance.clone(ITEM, ids.taxItem!, { title: '克隆', itemCode: 'CZ-CLONE' });
        expect([403, 404]).toContain(res.status);
        expect(await cms.strapi.db.query(ITEM).count({})).toBe(before);
      });
      it('cannot link another department’s items or policies', async () => {
        const interp = await finance.create(INTERP, { title: '解读', body: '正文', format: 'text', items: { connect: [{ documentId: ids.taxItem, locale: 'zh-Hans' }] } });
        expect(interp.status).toBe(403);
        expect(interp.body.error.message).toContain('本部门的政策条目');
        const item = await finance.create(ITEM, { title: '挂靠他部门政策', itemCode: 'CZ-009', policy: { connect: [{ documentId: ids.taxPolicy, locale: 'zh-Hans' }] } });
        expect(item.status).toBe(403);
        const answer = await finance.update(ANSWER, ids.taxAnswer!, { relatedItems: { connect: [{ documentId: ids.financeItem, locale: 'zh-Hans' }] } });
        expect(answer.status).toBe(403);
      });
    });

    describe('media', () => {
      it('a department editor neither sees nor changes files uploaded by another department', async () => {
        const up = await tax.upload('税务申报指引.txt', '加计扣除申报指引（示例）');
        expect(up.status).toBe(201);
        const fileId = up.body[0].id as number;
        const financeView = await finance.request('GET', '/upload/files?page=1&pageSize=100');
        expect(financeView.status).toBe(200);
        expect(JSON.stringify(financeView.body)).not.toContain('税务申报指引');
        const taxView = await tax.request('GET', '/upload/files?page=1&pageSize=100');
        expect(JSON.stringify(taxView.body)).toContain('税务申报指引');
        expect((await finance.request('DELETE', `/upload/files/${fileId}`)).status).toBe(403);
        expect(await cms.strapi.db.query('plugin::upload.file').count({ where: { id: fileId } })).toBe(1);
        const officeView = await office.request('GET', '/upload/files?page=1&pageSize=100');
        expect(JSON.stringify(officeView.body)).toContain('税务申报指引');
      });
    });

    describe('own-department work succeeds', () => {
      it('creates (department filled in), updates, publishes, unpublishes, adds a locale and deletes', async () => {
        const created = await finance.create(ITEM, { title: '企业上市奖励', itemCode: 'CZ-002', maxAmount: 200 });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const documentId = created.body.data.documentId as string;
        expect((await departmentOf(ITEM, documentId))[0]?.department?.code).toBe('finance');

        expect((await finance.update(ITEM, documentId, { summary: '对成功上市企业给予奖励' })).status).toBe(200);
        expect((await finance.publish(ITEM, documentId)).status).toBe(200);
        expect((await departmentOf(ITEM, documentId)).filter((r) => r.publishedAt)).toHaveLength(1);
        expect((await finance.unpublish(ITEM, documentId)).status).toBe(200);
        expect((await departmentOf(ITEM, documentId)).filter((r) => r.publishedAt)).toHaveLength(0);

        const en = await finance.update(ITEM, documentId, { title: 'Listing award', itemCode: 'CZ-002' }, 'en');
        expect(en.status).toBe(200);
        const rows = await departmentOf(ITEM, documentId);
        expect(rows.find((r) => r.locale === 'en')?.department?.code).toBe('finance'); // the department is set in every locale

        // An interpretation may cite only a published item (the citation rule), so the item is published again first.
        expect((await finance.publish(ITEM, documentId)).status).toBe(200);
        const interp = await finance.create(INTERP, { title: '上市奖励解读', body: '**要点**', format: 'qa', items: { connect: [{ documentId, locale: 'zh-Hans' }] } });
        expect(interp.status, JSON.stringify(interp.body)).toBe(201);

        expect((await finance.remove(ITEM, documentId, 'en')).status).toBe(200);
        expect((await finance.remove(ITEM, documentId)).status).toBe(200);
        expect(await departmentOf(ITEM, documentId)).toHaveLength(0);
      });
    });

    describe('the office edits everything', () => {
      it('updates, publishes and creates for any department', async () => {
        expect((await office.update(ITEM, ids.taxDraft!, { summary: '企服办补充说明' })).status).toBe(200);
        expect((await office.publish(ITEM, ids.taxDraft!)).status).toBe(200);
        expect((await departmentOf(ITEM, ids.taxDraft!)).filter((r) => r.publishedAt)).toHaveLength(1);
        const created = await office.create(ITEM, { title: '发改项目', itemCode: 'FG-001', department: { connect: [{ documentId: ids.taxDept, locale: 'zh-Hans' }] } });
        expect(created.status).toBe(201);
        const list = await office.list(ITEM);
        expect(list.body.results.length).toBeGreaterThanOrEqual(4);
      });
      it('must still name a department', async () => {
        const res = await office.create(ITEM, { title: '无部门', itemCode: 'NONE-1' });
        expect(res.status).toBe(400);
        expect(res.body.error.details.errors[0].path).toEqual(['department']);
      });
    });

    describe('content rules name the field', () => {
      it('rejects effective-until before effective-from', async () => {
        const res = await finance.create(POLICY, { title: '日期颠倒', validity: 'valid', effectiveFrom: '2026-01-01', effectiveUntil: '2025-12-31' });
        expect(res.status).toBe(400);
        expect(res.body.error.details.errors[0].path).toEqual(['effectiveUntil']);
      });
      it('rejects a duplicate item code within the department, allows it in another', async () => {
        const dup = await finance.create(ITEM, { title: '重复编号', itemCode: 'CZ-001' });
        expect(dup.status).toBe(400);
        expect(dup.body.error.details.errors[0].path).toEqual(['itemCode']);
        const other = await tax.create(ITEM, { title: '税务条目', itemCode: 'CZ-001' });
        expect(other.status).toBe(201);
      });
      it('rejects a negative amount and an unknown subject', async () => {
        const neg = await finance.create(ITEM, { title: '负数金额', itemCode: 'CZ-003', maxAmount: -5 });
        expect(neg.status).toBe(400);
        expect(JSON.stringify(neg.body.error)).toContain('maxAmount');
        const subj = await finance.create(ITEM, { title: '对象错误', itemCode: 'CZ-004', subjects: ['外资企业'] });
        expect(subj.status).toBe(400);
        expect(subj.body.error.details.errors[0].path).toEqual(['subjects']);
      });
      it('stores Chinese labels of subjects as their keys, and a normalized 文号', async () => {
        const item = await finance.create(ITEM, { title: '标签', itemCode: 'CZ-005', subjects: ['工业企业', '创业个人'] });
        expect(item.status).toBe(201);
        const stored = (await cms.strapi.db.query(ITEM).findOne({ where: { itemCode: 'CZ-005' } })) as { subjects: unknown };
        expect(stored.subjects).toEqual(['industrial', 'startup_individual']);
        const policy = await finance.create(POLICY, { title: '文号', validity: 'valid', docNumber: '嘉开财[2025] 7号' });
        expect(policy.status).toBe(201);
        const storedPolicy = (await cms.strapi.db.query(POLICY).findOne({ where: { title: '文号' } })) as { docNumberNormalized: string };
        expect(storedPolicy.docNumberNormalized).toBe('嘉开财〔2025〕7号');
      });
    });
  });
}
