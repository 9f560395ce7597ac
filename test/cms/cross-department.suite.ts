// The cross-department attempts, made the way a department specialist's browser makes them: through
// the real admin HTTP API, as the 财政局 (finance) specialist, against content, files and folders of
// 税务局 (tax). Relations are enumerated from Strapi's content types and the guarded routes from the
// route registry, so every relation and every guarded route is attacked, not a hand-picked few.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELATION_COVERAGE } from '../../cms/src/access/relation-guard.ts';
import { ROUTE_COVERAGE } from '../../cms/src/access/route-coverage.ts';
import { AdminClient, createAdminUser, startCms, type CmsUnderTest } from '../helpers/cms.ts';
import type { DbKind } from '../helpers/databases.ts';

const POLICY = 'api::policy.policy';
const ITEM = 'api::policy-item.policy-item';
const INTERP = 'api::interpretation.interpretation';
const ANSWER = 'api::hotline-answer.hotline-answer';
const DEPARTMENT = 'api::department.department';
const FILE = 'plugin::upload.file';
const FOLDER = 'plugin::upload.folder';
const SCOPED = [POLICY, ITEM, INTERP, ANSWER] as const;
const CHINESE = /[\u4e00-\u9fff]/;

interface Attribute { type: string; target?: string; mappedBy?: string }
type Res = { status: number; body: any };

/** Multipart requests as the media library sends them (files + a JSON `fileInfo`). */
async function multipart(client: AdminClient, pathname: string, fileInfo: unknown, file?: { name: string; content: string }, fields: Record<string, string> = {}): Promise<Res> {
  const form = new FormData();
  if (file) form.append('files', new Blob([file.content], { type: 'text/plain' }), file.name);
  form.append('fileInfo', JSON.stringify(fileInfo));
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
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

export function defineCrossDepartmentSuite(kind: DbKind): void {
  describe(`cross-department attempts by a department specialist (${kind})`, () => {
    let cms: CmsUnderTest;
    let finance: AdminClient;
    let tax: AdminClient;
    let office: AdminClient;
    const dept: Record<string, string> = {};
    /** Finance's own document of each type; tax's unpublished draft and published document of each type. */
    const own: Record<string, string> = {};
    const taxDraft: Record<string, string> = {};
    const taxPublished: Record<string, string> = {};
    /** A marker only tax's drafts carry: it must never reach the finance specialist. */
    const MARK = '税务局内部草稿';
    const media = { taxFile: 0, taxFolder: 0, taxFileInFolder: 0, financeFile: 0 };

    const textOf = (uid: string, title: string) =>
      uid === ANSWER ? { question: title, shortAnswer: `${title}的答复` } : uid === INTERP ? { title, body: `${title}正文`, format: 'text' } : uid === ITEM ? { title, itemCode: `${title.length}-${Math.random().toString(36).slice(2, 8)}` } : { title, validity: 'valid' };
    const attributes = (uid: string) => (cms.strapi.contentTypes as unknown as Record<string, { attributes: Record<string, Attribute> }>)[uid]!.attributes;
    const linkedDocumentIds = async (uid: string, documentId: string, field: string) => {
      const rows = (await cms.strapi.db.query(uid as typeof POLICY).findMany({ where: { documentId }, populate: { [field]: { select: ['id', 'documentId'] } } })) as Array<Record<string, any>>;
      return rows.flatMap((r) => (Array.isArray(r[field]) ? r[field] : r[field] ? [r[field]] : [])).map((t: { documentId?: string; id: number }) => t.documentId ?? String(t.id));
    };

    beforeAll(async () => {
      cms = await startCms(kind, 'crossdept');
      const s = cms.strapi;
      for (const code of ['finance', 'tax']) {
        dept[code] = ((await s.db.query(DEPARTMENT).findOne({ where: { code } })) as { documentId: string }).documentId;
      }
      for (const uid of SCOPED) {
        const create = async (code: string, title: string, status?: 'published') =>
          (await s.documents(uid).create({ locale: 'zh-Hans', ...(status ? { status } : {}), data: { ...textOf(uid, title), department: dept[code] } as never })).documentId;
        own[uid] = await create('finance', `财政局${uid.split('.')[1]}`, 'published');
        taxDraft[uid] = await create('tax', `${MARK}${uid.split('.')[1]}`);
        taxPublished[uid] = await create('tax', `税务局已发布${uid.split('.')[1]}`, 'published');
      }
      const f = await createAdminUser(s, 'finance@test.local', 'department-editor-finance');
      const t = await createAdminUser(s, 'tax@test.local', 'department-editor-tax');
      const o = await createAdminUser(s, 'office@test.local', 'office-editor');
      finance = await AdminClient.login(cms.url, f.email, f.password);
      tax = await AdminClient.login(cms.url, t.email, t.password);
      office = await AdminClient.login(cms.url, o.email, o.password);

      media.taxFile = (await tax.upload('税务内部文件.txt', '税务局内部文件')).body[0].id;
      const folder = await tax.request('POST', '/upload/folders', { name: '税务局资料', parent: null });
      expect(folder.status, JSON.stringify(folder.body)).toBe(201);
      media.taxFolder = folder.body.data.id;
      media.taxFileInFolder = (await multipart(tax, '/upload', { name: '税务文件夹内文件.txt', folder: media.taxFolder }, { name: '税务文件夹内文件.txt', content: '税务' })).body[0].id;
      media.financeFile = (await finance.upload('财政文件.txt', '财政局文件')).body[0].id;
    });

    afterAll(async () => {
      await cms?.stop();
    });

    describe('the home page', () => {
      it('shows the specialist their department’s document counts, not the whole CMS', async () => {
        // Finance has one published document of each of the 4 types (created above), nothing else.
        const mine = await finance.request('GET', '/content-manager/homepage/count-documents');
        expect(mine.status).toBe(200);
        expect(mine.body.data).toEqual({ draft: 0, published: 4, modified: 0 });
        // The office sees all: 4 finance + 4 tax published + 4 tax drafts, plus the 17 departments.
        const all = await office.request('GET', '/content-manager/homepage/count-documents');
        expect(all.body.data.draft).toBe(4);
        expect(all.body.data.published).toBeGreaterThanOrEqual(8);
      });
      it('refuses the whole-CMS statistics (admins, API tokens) to the specialist, not to the office', async () => {
        expectRefused(await finance.request('GET', '/admin/homepage/key-statistics'), 'key-statistics');
        const all = await office.request('GET', '/admin/homepage/key-statistics');
        expect(all.status).toBe(200);
        expect(all.body.data.admins).toBe(3);
      });
      it('lists only own recent documents', async () => {
        const recent = await finance.request('GET', '/content-manager/homepage/recent-documents?action=update');
        expect(recent.status).toBe(200);
        expect(JSON.stringify(recent.body)).not.toContain('税务局');
      });
    });

    describe('writes through every relation and media attribute (enumerated from Strapi)', () => {
      it('refuses linking another department’s content through each relation, on create and on update', async () => {
        let attacked = 0;
        for (const uid of SCOPED) {
          for (const [field, attribute] of Object.entries(attributes(uid))) {
            if (attribute.type !== 'relation' && attribute.type !== 'media') continue;
            const rule = RELATION_COVERAGE[uid]![field]!.rule;
            if (rule === 'system' || rule === 'same-document' || rule === 'reference') continue; // not writable / any department by design
            const what = `${uid}.${field} (${rule})`;
            const value =
              attribute.type === 'media'
                ? [media.taxFile]
                : { connect: [{ documentId: attribute.target === DEPARTMENT ? dept.tax : taxDraft[attribute.target!], locale: 'zh-Hans' }] };
            const before = await linkedDocumentIds(uid, own[uid]!, field);
            expectRefused(await finance.update(uid, own[uid]!, { [field]: value }), `update ${what}`);
            if (attribute.type === 'relation') {
              // The other shapes Strapi accepts for a relation: by sequential row id, set, a bare documentId or list.
              const foreign = attribute.target === DEPARTMENT ? dept.tax! : taxDraft[attribute.target!]!;
              const foreignRow = ((await cms.strapi.db.query(attribute.target as typeof POLICY).findOne({ where: { documentId: foreign } })) as { id: number }).id;
              for (const shape of [{ connect: [{ id: foreignRow }] }, { set: [{ documentId: foreign, locale: 'zh-Hans' }] }, foreign, [foreign]]) {
                expectRefused(await finance.update(uid, own[uid]!, { [field]: shape }), `update ${what} as ${JSON.stringify(shape)}`);
              }
            }
            expect(await linkedDocumentIds(uid, own[uid]!, field), what).toEqual(before);
            const count = await cms.strapi.db.query(uid as typeof POLICY).count({});
            expectRefused(await finance.create(uid, { ...textOf(uid, `越权${field}`), [field]: value }), `create ${what}`);
            expect(await cms.strapi.db.query(uid as typeof POLICY).count({}), what).toBe(count);
            attacked += 1;
          }
        }
        // department ×4, policy.replacedBy/attachments/items, item.policy, interpretation.policy/items, answer.relatedItems
        expect(attacked).toBe(11);
      });

      it('refuses unlinking another department’s item from an own policy (the inverse side), by disconnect or set', async () => {
        // The office filed a tax item under the finance policy (e.g. a joint policy).
        await cms.strapi.documents(ITEM).update({ documentId: taxPublished[ITEM]!, locale: 'zh-Hans', data: { policy: own[POLICY] } as never });
        expect(await linkedDocumentIds(POLICY, own[POLICY]!, 'items')).toContain(taxPublished[ITEM]);
        expectRefused(await finance.update(POLICY, own[POLICY]!, { items: { disconnect: [{ documentId: taxPublished[ITEM], locale: 'zh-Hans' }] } }), 'disconnect');
        expectRefused(await finance.update(POLICY, own[POLICY]!, { items: { set: [] } }), 'set');
        expect(await linkedDocumentIds(POLICY, own[POLICY]!, 'items')).toContain(taxPublished[ITEM]);
        await cms.strapi.documents(ITEM).update({ documentId: taxPublished[ITEM]!, locale: 'zh-Hans', data: { policy: null } as never });
      });

      it('still links own content, own files, and another department’s published policy as 被替代', async () => {
        const item = await finance.update(POLICY, own[POLICY]!, { items: { connect: [{ documentId: own[ITEM], locale: 'zh-Hans' }] } });
        expect(item.status, JSON.stringify(item.body)).toBe(200);
        const file = await finance.update(POLICY, own[POLICY]!, { attachments: [media.financeFile] });
        expect(file.status, JSON.stringify(file.body)).toBe(200);
        const replaced = await finance.update(POLICY, own[POLICY]!, { replacedBy: { connect: [{ documentId: taxPublished[POLICY], locale: 'zh-Hans' }] } });
        expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
        expect(await linkedDocumentIds(POLICY, own[POLICY]!, 'replacedBy')).toEqual([taxPublished[POLICY]]);
        // Re-saving with the files already attached (the form sends the whole list) keeps working.
        expect((await finance.update(POLICY, own[POLICY]!, { attachments: [media.financeFile] })).status).toBe(200);
      });
    });

    describe('reads through every relation into department content (enumerated from Strapi)', () => {
      it('never returns another department’s draft through a relation of an own entry', async () => {
        let checked = 0;
        for (const uid of SCOPED) {
          for (const [field, attribute] of Object.entries(attributes(uid))) {
            if (attribute.type !== 'relation' || !attribute.target || !(SCOPED as readonly string[]).includes(attribute.target) || field === 'localizations') continue;
            // As the system (an import), so the link exists whatever the write guards say.
            const target = taxDraft[attribute.target]!;
            // A citation of an unpublished item is refused by the content rules for every writer (an import
            // too), so those links are written below the Document Service, on the entry's draft row.
            if (!(await cms.strapi.documents(uid).update({ documentId: own[uid]!, locale: 'zh-Hans', data: { [field]: { connect: [{ documentId: target, locale: 'zh-Hans' }] } } as never }).then(() => true, () => false))) {
              const draftRow = (u: string, documentId: string) => cms.strapi.db.query(u as never).findOne({ where: { documentId, locale: 'zh-Hans', publishedAt: null } }) as Promise<{ id: number }>;
              const [ownRow, targetRow] = await Promise.all([draftRow(uid, own[uid]!), draftRow(attribute.target, target)]);
              await cms.strapi.db.query(uid as never).update({ where: { id: ownRow.id }, data: { [field]: { connect: [{ id: targetRow.id }] } } as never });
            }
            expect(await linkedDocumentIds(uid, own[uid]!, field), `${uid}.${field}`).toContain(target);
            const responses = [
              await finance.list(uid),
              await finance.get(uid, own[uid]!),
              await finance.request('GET', `/content-manager/relations/${uid}/${own[uid]}/${field}?locale=zh-Hans`),
              await finance.request('GET', `/content-manager/relations/${uid}/${field}?id=${own[uid]}&locale=zh-Hans`),
            ];
            for (const r of responses) {
              expect(r.status, `${uid}.${field}`).toBe(200);
              expect(JSON.stringify(r.body), `${uid}.${field}`).not.toContain(MARK);
            }
            // Nor through a filter on the relation (an oracle on the draft's title, letter by letter).
            const mainField = attribute.target === ANSWER ? 'question' : 'title';
            const filtered = await finance.request(
              'GET',
              `/content-manager/collection-types/${uid}?page=1&pageSize=10&locale=zh-Hans&filters[$and][0][${field}][${mainField}][$contains]=${encodeURIComponent(MARK)}`,
            );
            expect(filtered.status, `${uid}.${field}`).toBe(200);
            expect(filtered.body.results, `filter on ${uid}.${field}`).toEqual([]);
            checked += 1;
          }
        }
        expect(checked).toBe(6); // policy.replacedBy, policy.items, item.policy, interpretation.policy, interpretation.items, answer.relatedItems
      });
      it('refuses the relation lists and draft-relation counts of another department’s entry', async () => {
        expectRefused(await finance.request('GET', `/content-manager/relations/${POLICY}/${taxDraft[POLICY]}/items?locale=zh-Hans`), 'findExisting');
        expectRefused(await finance.request('GET', `/content-manager/relations/${POLICY}/replacedBy?id=${taxDraft[POLICY]}&locale=zh-Hans`), 'findAvailable');
      });
    });

    describe('every guarded admin route, attacked with another department’s file, folder or entry', () => {
      const fileName = async (id: number) => ((await cms.strapi.db.query(FILE).findOne({ where: { id } })) as { name: string } | null)?.name;
      const folderName = async (id: number) => ((await cms.strapi.db.query(FOLDER).findOne({ where: { id } })) as { name: string } | null)?.name;
      const rowId = async (uid: string, documentId: string) => ((await cms.strapi.db.query(uid as typeof POLICY).findOne({ where: { documentId } })) as { id: number }).id;

      /** One attack per guarded route; each asserts refusal or no leak, and that nothing changed. */
      const ATTACKS: Record<string, () => Promise<void>> = {
        'POST /upload': async () => {
          expectRefused(await multipart(finance, `/upload?id=${media.taxFile}`, { name: '改名' }), 'edit via ?id');
          expectRefused(await multipart(finance, '/upload', { name: 'x.txt', folder: media.taxFolder }, { name: 'x.txt', content: 'x' }), 'upload into folder');
          expect(await fileName(media.taxFile)).toBe('税务内部文件.txt');
          // Uploading straight into another department's entry (ref/refId/field of the upload service).
          const refId = String(await rowId(POLICY, taxDraft[POLICY]!));
          const before = await linkedDocumentIds(POLICY, taxDraft[POLICY]!, 'attachments');
          const attach = await multipart(finance, '/upload', { name: 'w.txt' }, { name: 'w.txt', content: 'w' }, { ref: POLICY, refId, field: 'attachments' });
          expectRefused(attach, 'upload into an entry');
          expect(await linkedDocumentIds(POLICY, taxDraft[POLICY]!, 'attachments')).toEqual(before);
        },
        'POST /upload/files': async () => {
          expectRefused(await multipart(finance, '/upload/files', { name: 'y.txt', folder: media.taxFolder }, { name: 'y.txt', content: 'y' }), 'upload file into folder');
        },
        'POST /upload/actions/upload-from-urls': async () => {
          expectRefused(await finance.request('POST', '/upload/actions/upload-from-urls', { urls: ['http://127.0.0.1:9/x.txt'], folderId: media.taxFolder }), 'from urls');
        },
        'GET /upload/files/:id': async () => expectRefused(await finance.request('GET', `/upload/files/${media.taxFile}`), 'get file'),
        'PUT /upload/files/:id': async () => {
          expectRefused(await finance.request('PUT', `/upload/files/${media.taxFile}`, { fileInfo: { name: '改名' } }), 'edit file');
          expectRefused(await finance.request('PUT', `/upload/files/${media.financeFile}`, { fileInfo: { name: '财政文件.txt', folder: media.taxFolder } }), 'move own file into foreign folder');
          expect(await fileName(media.taxFile)).toBe('税务内部文件.txt');
        },
        'POST /upload/files/:id/replace': async () => {
          expectRefused(await multipart(finance, `/upload/files/${media.taxFile}/replace`, { name: 'z.txt' }, { name: 'z.txt', content: 'z' }), 'replace');
        },
        'DELETE /upload/files/:id': async () => {
          expectRefused(await finance.request('DELETE', `/upload/files/${media.taxFile}`), 'delete file');
          expect(await fileName(media.taxFile)).toBe('税务内部文件.txt');
        },
        'GET /upload/folders/:id': async () => expectRefused(await finance.request('GET', `/upload/folders/${media.taxFolder}`), 'get folder'),
        'GET /upload/folders': async () => {
          const res = await finance.request('GET', '/upload/folders?page=1&pageSize=100');
          expect(res.status).toBe(200);
          expect(JSON.stringify(res.body)).not.toContain('税务局资料');
          expect(JSON.stringify((await office.request('GET', '/upload/folders?page=1&pageSize=100')).body)).toContain('税务局资料');
        },
        'POST /upload/folders': async () => {
          expectRefused(await finance.request('POST', '/upload/folders', { name: '寄生文件夹', parent: media.taxFolder }), 'create in foreign folder');
          expect(await cms.strapi.db.query(FOLDER).count({ where: { name: '寄生文件夹' } })).toBe(0);
        },
        'PUT /upload/folders/:id': async () => {
          expectRefused(await finance.request('PUT', `/upload/folders/${media.taxFolder}`, { name: '被改名' }), 'rename folder');
          expect(await folderName(media.taxFolder)).toBe('税务局资料');
        },
        'GET /upload/folder-structure': async () => {
          const res = await finance.request('GET', '/upload/folder-structure');
          expect(res.status).toBe(200);
          expect(JSON.stringify(res.body)).not.toContain('税务局资料');
        },
        'POST /upload/actions/bulk-delete': async () => {
          expectRefused(await finance.request('POST', '/upload/actions/bulk-delete', { fileIds: [media.taxFile], folderIds: [] }), 'bulk-delete files');
          expectRefused(await finance.request('POST', '/upload/actions/bulk-delete', { fileIds: [], folderIds: [media.taxFolder] }), 'bulk-delete folder');
          expect(await fileName(media.taxFile)).toBe('税务内部文件.txt');
          expect(await fileName(media.taxFileInFolder)).toBe('税务文件夹内文件.txt');
          expect(await folderName(media.taxFolder)).toBe('税务局资料');
        },
        'POST /upload/actions/bulk-move': async () => {
          expectRefused(await finance.request('POST', '/upload/actions/bulk-move', { fileIds: [media.taxFileInFolder], folderIds: [], destinationFolderId: null }), 'move foreign file');
          expectRefused(await finance.request('POST', '/upload/actions/bulk-move', { fileIds: [media.financeFile], folderIds: [], destinationFolderId: media.taxFolder }), 'move into foreign folder');
          const inFolder = (await cms.strapi.db.query(FILE).findOne({ where: { id: media.taxFileInFolder }, populate: { folder: true } })) as { folder?: { id: number } };
          expect(inFolder.folder?.id).toBe(media.taxFolder);
        },
        'POST /upload/actions/bulk-update': async () => {
          expectRefused(await finance.request('POST', '/upload/actions/bulk-update', { updates: [{ id: media.taxFile, fileInfo: { name: '改名' } }] }), 'bulk-update');
          expect(await fileName(media.taxFile)).toBe('税务内部文件.txt');
        },
        'POST /upload/actions/generate-ai-metadata': async () => expectRefused(await finance.request('POST', '/upload/actions/generate-ai-metadata', { fileIds: [media.taxFile] }), 'ai'),
        'POST /upload/ai-metadata-jobs': async () => expectRefused(await finance.request('POST', '/upload/ai-metadata-jobs', {}), 'ai job'),
        'GET /upload/ai-metadata-jobs/latest': async () => expectRefused(await finance.request('GET', '/upload/ai-metadata-jobs/latest'), 'ai latest'),
        'GET /upload/ai-metadata-jobs/pending-count': async () => expectRefused(await finance.request('GET', '/upload/ai-metadata-jobs/pending-count'), 'ai count'),
        'GET /admin/homepage/key-statistics': async () => expectRefused(await finance.request('GET', '/admin/homepage/key-statistics'), 'key statistics'),
        'GET /content-manager/homepage/count-documents': async () => {
          const res = await finance.request('GET', '/content-manager/homepage/count-documents');
          expect(res.body.data.draft).toBe(0); // tax's 4 drafts are not counted
        },
        'GET /content-manager/relations/:model/:targetField': async () =>
          expectRefused(await finance.request('GET', `/content-manager/relations/${ITEM}/policy?id=${taxDraft[ITEM]}&locale=zh-Hans`), 'picker'),
        'GET /content-manager/relations/:model/:id/:targetField': async () =>
          expectRefused(await finance.request('GET', `/content-manager/relations/${INTERP}/${taxDraft[INTERP]}/items?locale=zh-Hans`), 'relations'),
        'GET /content-manager/collection-types/:model/:id/actions/countDraftRelations': async () =>
          expectRefused(await finance.request('GET', `/content-manager/collection-types/${POLICY}/${taxDraft[POLICY]}/actions/countDraftRelations?locale=zh-Hans`), 'countDraftRelations'),
        'GET /content-manager/collection-types/:model/actions/countManyEntriesDraftRelations': async () =>
          expectRefused(await finance.request('GET', `/content-manager/collection-types/${POLICY}/actions/countManyEntriesDraftRelations?documentIds[0]=${taxDraft[POLICY]}&locale=zh-Hans`), 'countMany'),
        'POST /i18n/content-manager/actions/get-non-localized-fields': async () =>
          expectRefused(await finance.request('POST', '/i18n/content-manager/actions/get-non-localized-fields', { model: POLICY, id: await rowId(POLICY, taxDraft[POLICY]!), locale: 'en' }), 'non-localized'),
        'GET /i18n/content-manager/get-fill-from-locale/:model': async () => {
          const res = await finance.request('GET', `/i18n/content-manager/get-fill-from-locale/${POLICY}?documentId=${taxDraft[POLICY]}&sourceLocale=zh-Hans&targetLocale=en`);
          expectRefused(res, 'fill from locale');
          expect(JSON.stringify(res.body)).not.toContain(MARK);
        },
        'PUT /i18n/settings': async () => expectRefused(await finance.request('PUT', '/i18n/settings', { aiLocalizations: true }), 'i18n settings'),
        'GET /i18n/ai-localization-jobs/collection-types/:contentType/:documentId': async () =>
          expectRefused(await finance.request('GET', `/i18n/ai-localization-jobs/collection-types/${POLICY}/${taxDraft[POLICY]}`), 'ai localization job'),
      };

      it('has an attack for every guarded route of the registry', () => {
        const guarded = Object.entries(ROUTE_COVERAGE).filter(([, c]) => 'guard' in c).map(([k]) => k);
        expect(guarded.filter((k) => !(k in ATTACKS))).toEqual([]);
        expect(Object.keys(ATTACKS).filter((k) => !guarded.includes(k))).toEqual([]);
      });
      for (const key of Object.keys(ATTACKS)) {
        it(key, async () => {
          await ATTACKS[key]!();
        });
      }
    });

    describe('own media work, and the office, are not hindered', () => {
      it('the specialist creates, fills, renames, moves and deletes own folders', async () => {
        const folder = await finance.request('POST', '/upload/folders', { name: '财政资料', parent: null });
        expect(folder.status, JSON.stringify(folder.body)).toBe(201);
        const folderId = folder.body.data.id as number;
        const up = await multipart(finance, '/upload', { name: '财政文件夹内.txt', folder: folderId }, { name: '财政文件夹内.txt', content: '财政' });
        expect(up.status, JSON.stringify(up.body)).toBe(201);
        expect((await finance.request('PUT', `/upload/folders/${folderId}`, { name: '财政局资料' })).status).toBe(200);
        expect((await finance.request('POST', '/upload/actions/bulk-move', { fileIds: [media.financeFile], folderIds: [], destinationFolderId: folderId })).status).toBe(200);
        const tree = await finance.request('GET', '/upload/folder-structure');
        expect(JSON.stringify(tree.body)).toContain('财政局资料');
        const del = await finance.request('POST', '/upload/actions/bulk-delete', { fileIds: [], folderIds: [folderId] });
        expect(del.status, JSON.stringify(del.body)).toBe(200);
        expect(await cms.strapi.db.query(FOLDER).count({ where: { id: folderId } })).toBe(0);
      });
      it('the office deletes another department’s folder with its files', async () => {
        const del = await office.request('POST', '/upload/actions/bulk-delete', { fileIds: [media.taxFile], folderIds: [media.taxFolder] });
        expect(del.status, JSON.stringify(del.body)).toBe(200);
        expect(await cms.strapi.db.query(FILE).count({ where: { id: { $in: [media.taxFile, media.taxFileInFolder] } } })).toBe(0);
      });
    });
  });
}
