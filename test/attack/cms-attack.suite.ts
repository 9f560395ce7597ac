// An independent attacker's attempts on department isolation, beyond the shapes the admin UI sends:
// multipart fields holding JSON arrays, mixed bulk actions (nothing may be done half-way), every
// relation-input shape Strapi 5 accepts for `department`, a new locale of another department's
// document, filters that try to escape the department filter, the relation picker on system
// relations, and the staff-token route. Each attack asserts the safe outcome in the database too,
// not only the status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, createAdminUser, startCms, type CmsUnderTest } from '../helpers/cms.ts';
import type { DbKind } from '../helpers/databases.ts';

const POLICY = 'api::policy.policy';
const ITEM = 'api::policy-item.policy-item';
const INTERP = 'api::interpretation.interpretation';
const DEPARTMENT = 'api::department.department';
const FILE = 'plugin::upload.file';
const CHINESE = /[\u4e00-\u9fff]/;
const MARK = '税务局内部草稿';

type Res = { status: number; body: any };

async function multipart(client: AdminClient, pathname: string, fields: Array<[string, string]>, file?: { name: string; content: string }): Promise<Res> {
  const form = new FormData();
  if (file) form.append('files', new Blob([file.content], { type: 'text/plain' }), file.name);
  for (const [key, value] of fields) form.append(key, value);
  const res = await fetch(`${client.baseUrl}${pathname}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}` },
    body: form,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body };
}

function expectRefused(res: Res, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(403);
  expect(res.body?.error?.message, what).toMatch(CHINESE);
}

export function defineCmsAttackSuite(kind: DbKind): void {
  describe(`attacks on department isolation in the CMS (${kind})`, () => {
    let cms: CmsUnderTest;
    let finance: AdminClient;
    let tax: AdminClient;
    let superAdmin: AdminClient;
    let twoDepartments: AdminClient;
    const dept: Record<string, { documentId: string; id: number }> = {};
    const own: Record<string, string> = {};
    const ownDraft: Record<string, string> = {};
    const taxDraft: Record<string, string> = {};
    const taxPublished: Record<string, string> = {};
    const media = { taxFolder: 0, financeFile: 0, taxFile: 0, taxFileDocumentId: '' };

    const textOf = (uid: string, title: string) =>
      uid === INTERP ? { title, body: `${title}正文`, format: 'text' } : uid === ITEM ? { title, itemCode: `A-${Math.random().toString(36).slice(2, 8)}` } : { title, validity: 'valid' };
    const departmentOf = async (uid: string, documentId: string) => {
      const rows = (await cms.strapi.db.query(uid as typeof POLICY).findMany({ where: { documentId }, populate: { department: { select: ['code'] } } })) as Array<{ department?: { code: string } | null; locale: string; publishedAt: unknown }>;
      return rows;
    };
    const filesInFolder = async (folderId: number) =>
      ((await cms.strapi.db.query(FILE).findMany({ where: { folder: { id: folderId } }, select: ['id', 'name'] })) as Array<{ id: number; name: string }>).map((f) => f.name);

    beforeAll(async () => {
      cms = await startCms(kind, 'attack');
      const s = cms.strapi;
      for (const code of ['finance', 'tax']) {
        const row = (await s.db.query(DEPARTMENT).findOne({ where: { code, locale: 'zh-Hans' } })) as { documentId: string; id: number };
        dept[code] = { documentId: row.documentId, id: row.id };
      }
      for (const uid of [POLICY, ITEM, INTERP]) {
        const create = async (code: string, title: string, status?: 'published') =>
          (await s.documents(uid as typeof POLICY).create({ locale: 'zh-Hans', ...(status ? { status } : {}), data: { ...textOf(uid, title), department: dept[code]!.documentId } as never })).documentId;
        own[uid] = await create('finance', `财政局${uid.split('.')[1]}`, 'published');
        ownDraft[uid] = await create('finance', `财政局草稿${uid.split('.')[1]}`);
        taxDraft[uid] = await create('tax', `${MARK}${uid.split('.')[1]}`);
        taxPublished[uid] = await create('tax', `税务局已发布${uid.split('.')[1]}`, 'published');
      }
      const f = await createAdminUser(s, 'atk-finance@test.local', 'department-editor-finance');
      const t = await createAdminUser(s, 'atk-tax@test.local', 'department-editor-tax');
      const a = await createAdminUser(s, 'atk-super@test.local', 'strapi-super-admin');
      const both = await createAdminUser(s, 'atk-both@test.local', 'department-editor-tax');
      const financeRole = (await s.db.query('admin::role').findOne({ where: { code: 'department-editor-finance' } })) as { id: number };
      const taxRole = (await s.db.query('admin::role').findOne({ where: { code: 'department-editor-tax' } })) as { id: number };
      const bothUser = (await s.db.query('admin::user').findOne({ where: { email: both.email } })) as { id: number };
      await s.db.query('admin::user').update({ where: { id: bothUser.id }, data: { roles: [taxRole.id, financeRole.id] } });
      finance = await AdminClient.login(cms.url, f.email, f.password);
      tax = await AdminClient.login(cms.url, t.email, t.password);
      superAdmin = await AdminClient.login(cms.url, a.email, a.password);
      twoDepartments = await AdminClient.login(cms.url, both.email, both.password);

      const folder = await tax.request('POST', '/upload/folders', { name: '税务局资料', parent: null });
      expect(folder.status, JSON.stringify(folder.body)).toBe(201);
      media.taxFolder = folder.body.data.id;
      media.financeFile = (await finance.upload('财政文件.txt', '财政局文件')).body[0].id;
      const taxFile = (await tax.upload('税务内部文件.txt', '税务局内部文件')).body[0];
      media.taxFile = taxFile.id;
      media.taxFileDocumentId = taxFile.documentId;
    });

    afterAll(async () => {
      await cms?.stop();
    });

    describe('the media library', () => {
      it('refuses an upload into another department’s folder when fileInfo is one multipart field holding a JSON array', async () => {
        const res = await multipart(finance, '/upload', [['fileInfo', JSON.stringify([{ name: '数组上传.txt', folder: media.taxFolder }])]], { name: '数组上传.txt', content: 'x' });
        expectRefused(res, 'POST /upload fileInfo="[{folder}]"');
        expect(await filesInFolder(media.taxFolder)).not.toContain('数组上传.txt');
      });
      it('refuses the same through POST /upload/files', async () => {
        const res = await multipart(finance, '/upload/files', [['fileInfo', JSON.stringify([{ name: '数组上传2.txt', folder: media.taxFolder }])]], { name: '数组上传2.txt', content: 'x' });
        expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
        expect(await filesInFolder(media.taxFolder)).not.toContain('数组上传2.txt');
      });
      it('refuses moving an own file into another department’s folder with ?id and a JSON-array fileInfo', async () => {
        const res = await multipart(finance, `/upload?id=${media.financeFile}`, [['fileInfo', JSON.stringify([{ name: '财政文件.txt', folder: media.taxFolder }])]]);
        expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
        expect(await filesInFolder(media.taxFolder)).not.toContain('财政文件.txt');
      });
      it('refuses moving an own file into another department’s folder with PUT and a JSON-array fileInfo', async () => {
        const res = await finance.request('PUT', `/upload/files/${media.financeFile}`, { fileInfo: [{ name: '财政文件.txt', folder: media.taxFolder }] });
        expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
        const str = await finance.request('PUT', `/upload/files/${media.financeFile}`, { fileInfo: JSON.stringify([{ name: '财政文件.txt', folder: media.taxFolder }]) });
        expect(str.status, JSON.stringify(str.body)).toBeGreaterThanOrEqual(400);
        expect(await filesInFolder(media.taxFolder)).not.toContain('财政文件.txt');
      });
      it('refuses a folder id written as a non-integer string', async () => {
        const res = await multipart(finance, '/upload', [['fileInfo', JSON.stringify({ name: '怪编号.txt', folder: `${media.taxFolder}.0` })]], { name: '怪编号.txt', content: 'x' });
        expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
        expect(await filesInFolder(media.taxFolder)).not.toContain('怪编号.txt');
      });
    });

    describe('bulk actions mixing own and other departments’ documents do nothing half-way', () => {
      it('bulkDelete [own draft, tax draft]: refused, the own draft survives', async () => {
        const res = await finance.bulkDelete(ITEM, [ownDraft[ITEM]!, taxDraft[ITEM]!]);
        expect(res.status, JSON.stringify(res.body)).toBe(403);
        expect(await departmentOf(ITEM, ownDraft[ITEM]!)).toHaveLength(1);
        expect(await departmentOf(ITEM, taxDraft[ITEM]!)).toHaveLength(1);
      });
      it('bulkPublish [own draft, tax draft]: refused, neither is published', async () => {
        const res = await finance.bulkPublish(POLICY, [ownDraft[POLICY]!, taxDraft[POLICY]!]);
        expect(res.status, JSON.stringify(res.body)).toBe(403);
        expect((await departmentOf(POLICY, ownDraft[POLICY]!)).some((r) => r.publishedAt)).toBe(false);
        expect((await departmentOf(POLICY, taxDraft[POLICY]!)).some((r) => r.publishedAt)).toBe(false);
      });
      it('bulkUnpublish [own published, tax published]: refused, both stay published', async () => {
        const res = await finance.request('POST', `/content-manager/collection-types/${INTERP}/actions/bulkUnpublish?locale=zh-Hans`, { documentIds: [own[INTERP], taxPublished[INTERP]] });
        expect(res.status, JSON.stringify(res.body)).toBe(403);
        expect((await departmentOf(INTERP, own[INTERP]!)).some((r) => r.publishedAt)).toBe(true);
        expect((await departmentOf(INTERP, taxPublished[INTERP]!)).some((r) => r.publishedAt)).toBe(true);
      });
      it('bulkFindForValidation of tax documents returns none of their content', async () => {
        const res = await finance.request('POST', `/content-manager/collection-types/${ITEM}/actions/bulkFindForValidation?locale=zh-Hans`, { documentIds: [taxDraft[ITEM]] });
        expect(JSON.stringify(res.body)).not.toContain(MARK);
      });
    });

    describe('every relation-input shape for `department` on an own document', () => {
      const shapes = (): Array<[string, unknown]> => [
        ['row id', dept.tax!.id],
        ['row id as string', String(dept.tax!.id)],
        ['documentId', dept.tax!.documentId],
        ['[documentId]', [dept.tax!.documentId]],
        ['{ documentId }', { documentId: dept.tax!.documentId }],
        ['{ id }', { id: dept.tax!.id }],
        ['{ id: "n" }', { id: String(dept.tax!.id) }],
        ['connect [{ id }]', { connect: [{ id: dept.tax!.id }] }],
        ['connect [{ documentId, locale: en }]', { connect: [{ documentId: dept.tax!.documentId, locale: 'en' }] }],
        ['connect with position start', { connect: [{ documentId: dept.tax!.documentId, position: { start: true } }] }],
        ['connect with position before own', { connect: [{ documentId: dept.tax!.documentId, position: { before: dept.finance!.documentId } }] }],
        ['set [{ documentId }]', { set: [{ documentId: dept.tax!.documentId }] }],
        ['set + connect own', { set: [{ documentId: dept.tax!.documentId }], connect: [{ documentId: dept.finance!.documentId }] }],
        ['connect own + tax', { connect: [{ documentId: dept.finance!.documentId }, { documentId: dept.tax!.documentId }] }],
        ['disconnect own, connect tax', { disconnect: [{ documentId: dept.finance!.documentId }], connect: [dept.tax!.documentId] }],
      ];
      it('refuses each and leaves the document in finance', async () => {
        for (const [name, department] of shapes()) {
          const res = await finance.update(ITEM, own[ITEM]!, { title: `改部门 ${name}`, department });
          expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(400);
          expect(res.status, name).toBeLessThan(500);
          const rows = await departmentOf(ITEM, own[ITEM]!);
          expect(rows.every((r) => r.department?.code === 'finance'), name).toBe(true);
        }
      });
    });

    describe('every input shape for a media attribute on an own policy', () => {
      it('refuses attaching another department’s file by string id, documentId, or in connect/set', async () => {
        const shapes: Array<[string, unknown]> = [
          ['id as string', String(media.taxFile)],
          ['[id as string]', [String(media.taxFile)]],
          ['documentId', media.taxFileDocumentId],
          ['[documentId]', [media.taxFileDocumentId]],
          ['[{ documentId }]', [{ documentId: media.taxFileDocumentId }]],
          ['connect [{ documentId }]', { connect: [{ documentId: media.taxFileDocumentId }] }],
          ['set [{ id: "n" }]', { set: [{ id: String(media.taxFile) }] }],
          ['connect [n]', { connect: [media.taxFile] }],
        ];
        for (const [name, attachments] of shapes) {
          const res = await finance.update(POLICY, own[POLICY]!, { title: `附件 ${name}`, attachments });
          const rows = (await cms.strapi.db.query(POLICY).findMany({ where: { documentId: own[POLICY] }, populate: { attachments: { select: ['id'] } } })) as Array<{ attachments?: Array<{ id: number }> }>;
          const linked = rows.flatMap((r) => (r.attachments ?? []).map((a) => a.id));
          expect(linked, `${name}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).not.toContain(media.taxFile);
          expect(res.status, name).toBeLessThan(500);
        }
      });
    });

    describe('locales', () => {
      it('refuses creating an en version of another department’s document that names the own department', async () => {
        const res = await finance.update(POLICY, taxDraft[POLICY]!, { title: 'hijack', validity: 'valid', department: dept.finance!.documentId }, 'en');
        expectRefused(res, 'PUT tax document ?locale=en');
        const rows = await departmentOf(POLICY, taxDraft[POLICY]!);
        expect(rows.map((r) => r.locale)).toEqual(['zh-Hans']);
      });
      it('reads no other department’s draft in any locale or with a locale wildcard', async () => {
        for (const locale of ['en', '*', 'zh-Hans&locale=en']) {
          const res = await finance.request('GET', `/content-manager/collection-types/${POLICY}?page=1&pageSize=100&locale=${locale}`);
          expect(JSON.stringify(res.body), locale).not.toContain(MARK);
        }
        const one = await finance.request('GET', `/content-manager/collection-types/${POLICY}/${taxDraft[POLICY]}?locale=en`);
        expect(JSON.stringify(one.body)).not.toContain(MARK);
      });
    });

    describe('query parameters', () => {
      it('filters that name another department or OR around the department filter find nothing of it', async () => {
        const queries = [
          'filters[department][code][$eq]=tax',
          'filters[$or][0][department][code][$eq]=tax&filters[$or][1][id][$notNull]=true',
          'filters[$not][department][code][$eq]=finance',
          `filters[title][$startsWith]=${encodeURIComponent(MARK)}`,
          `filters[localizations][title][$startsWith]=${encodeURIComponent(MARK)}`,
          `_q=${encodeURIComponent(MARK)}`,
          `filters[items][title][$startsWith]=${encodeURIComponent(MARK)}`,
        ];
        for (const q of queries) {
          const res = await finance.request('GET', `/content-manager/collection-types/${POLICY}?page=1&pageSize=100&locale=zh-Hans&${q}`);
          expect(res.status, q).toBeLessThan(500);
          const titles = ((res.body?.results ?? []) as Array<{ title: string }>).map((r) => r.title);
          expect(titles.filter((t) => t.startsWith('税务局')), q).toEqual([]);
        }
      });
      it('deep populate of relations returns no other department’s draft', async () => {
        const res = await finance.request('GET', `/content-manager/collection-types/${INTERP}?page=1&pageSize=100&locale=zh-Hans&populate[policy][populate][items]=true&populate[items][populate]=*&populate[department][populate]=*`);
        expect(res.status).toBeLessThan(500);
        expect(JSON.stringify(res.body)).not.toContain(MARK);
      });
      it('the relation picker lists no other department’s draft, whatever the filters', async () => {
        const pickers = [
          `/content-manager/relations/${INTERP}/items?id=${own[INTERP]}&locale=zh-Hans&_q=${encodeURIComponent(MARK)}`,
          `/content-manager/relations/${INTERP}/items?locale=zh-Hans&filters[department][code]=tax`,
          `/content-manager/relations/${INTERP}/policy?locale=zh-Hans&filters[$or][0][department][code]=tax`,
          `/content-manager/relations/${POLICY}/replacedBy?locale=zh-Hans&status=draft`,
          `/content-manager/relations/${ITEM}/policy?locale=zh-Hans&_filter=$notNull&_q=x`,
        ];
        for (const p of pickers) {
          const res = await finance.request('GET', p);
          expect(res.status, p).toBeLessThan(500);
          expect(JSON.stringify(res.body), p).not.toContain(MARK);
        }
      });
      it('the relations of an own co-issued policy do not show another department’s draft item', async () => {
        const s = cms.strapi;
        const coIssued = await s.documents(POLICY).create({ locale: 'zh-Hans', data: { title: '财政局联合发文', validity: 'valid', department: dept.finance!.documentId, coIssuingDepartments: [dept.tax!.documentId] } as never });
        await s.documents(ITEM).create({ locale: 'zh-Hans', data: { title: `${MARK}联合条目`, itemCode: 'SW-CO-1', department: dept.tax!.documentId, policy: coIssued.documentId } as never });
        const existing = await finance.request('GET', `/content-manager/relations/${POLICY}/${coIssued.documentId}/items?locale=zh-Hans&pageSize=50`);
        expect(existing.status).toBeLessThan(500);
        expect(JSON.stringify(existing.body)).not.toContain(MARK);
        const entry = await finance.request('GET', `/content-manager/collection-types/${POLICY}/${coIssued.documentId}?locale=zh-Hans`);
        expect(JSON.stringify(entry.body)).not.toContain(MARK);
      });
      it('the relation picker does not list admin accounts through createdBy / updatedBy', async () => {
        for (const field of ['createdBy', 'updatedBy']) {
          const res = await finance.request('GET', `/content-manager/relations/${POLICY}/${field}?locale=zh-Hans`);
          expect(JSON.stringify(res.body), field).not.toContain('atk-tax@test.local');
          expect(JSON.stringify(res.body), field).not.toContain('atk-super@test.local');
          expectRefused(res, `picker ${field}`);
        }
      });
    });

    describe('the staff token route', () => {
      it('refuses a super admin without a staff role, and a request without a login', async () => {
        const res = await superAdmin.request('POST', '/api-identity/token');
        expect(res.status).toBe(403);
        const anon = await fetch(`${cms.url}/api-identity/token`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
        expect(anon.status).toBe(401);
      });
      it('gives an account of two departments a token of one department only, never a wider role', async () => {
        const res = await twoDepartments.request('POST', '/api-identity/token');
        expect(res.status).toBe(200);
        expect(res.body.role).toBe('department');
        expect(['finance', 'tax']).toContain(res.body.department);
      });
      it('publishes no private key material in the JWKS', async () => {
        const res = await fetch(`${cms.url}/api-identity/jwks.json`, { signal: AbortSignal.timeout(10_000) });
        const body = (await res.json()) as { keys: Array<Record<string, unknown>> };
        expect(body.keys.length).toBe(1);
        for (const key of body.keys) for (const k of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(key[k]).toBeUndefined();
      });
      it('is not reachable by GET, nor with an api token', async () => {
        const res = await finance.request('GET', '/api-identity/token');
        expect(res.status).not.toBe(200);
      });
    });

    describe('import and export', () => {
      it('refuses another department given as an array, in another case or padded', async () => {
        for (const q of ['department=tax', 'department[]=tax', 'department=%20tax%20', 'department=finance&department=tax', 'department[code]=tax']) {
          const res = await finance.request('GET', `/import-export/export?format=json&${q}`);
          expect([400, 403], `${q}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`).toContain(res.status);
          expect(JSON.stringify(res.body), q).not.toContain('"tax"');
        }
      });
      it('a row naming another department’s unpublished policy by 文号 reads like an unknown 文号, and links nothing on confirm', async () => {
        const taxPolicy = await cms.strapi.documents(POLICY).create({ locale: 'zh-Hans', data: { title: `${MARK}文件`, validity: 'valid', docNumber: '嘉开税〔2026〕9号', department: dept.tax!.documentId } as never });
        const csv = '条目编号,标题,所属政策\nCZ-ATK-1,财政条目一,嘉开税〔2026〕9号\nCZ-ATK-2,财政条目二,嘉开税〔2026〕99号\n';
        const res = await multipart(finance, '/import-export/imports', [], { name: 'items.csv', content: csv });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const issues = (res.body.data.issues ?? []) as Array<{ row: number; column: string; reason: string }>;
        const reasonOf = (row: number) => issues.find((i) => i.row === row)?.reason.replace(/〔2026〕\d+号/, '〔2026〕N号');
        expect(reasonOf(2), JSON.stringify(issues)).toBeDefined();
        expect(reasonOf(2)).toBe(reasonOf(3));
        await finance.request('POST', `/import-export/imports/${res.body.data.id}/confirm`, {});
        const linked = (await cms.strapi.db.query(ITEM).findMany({ where: { policy: { documentId: taxPolicy.documentId } }, select: ['id'] })) as unknown[];
        expect(linked).toEqual([]);
      });
      it('a preview id of another user cannot be re-previewed or confirmed', async () => {
        const form: Array<[string, string]> = [];
        const csv = '条目编号,标题\nSW-901,税务局测试条目\n';
        const res = await multipart(tax, '/import-export/imports', form, { name: 'items.csv', content: csv });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const id = res.body.data.id as string;
        expect((await finance.request('POST', `/import-export/imports/${id}/preview`, { publish: true })).status).toBe(404);
        expect((await finance.request('POST', `/import-export/imports/${id}/confirm`, {})).status).toBe(404);
      });
    });
  });
}
