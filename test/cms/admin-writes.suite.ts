// Every write the Strapi admin makes, replayed through the real admin HTTP API with the exact request
// shapes recorded from the admin in Chromium (test/fixtures/admin-requests/, see record.ts there):
// a 人力社保局 specialist and the office (区企服办) on the demo content. Then the same shapes aimed at
// another department's entries (税务局), which must all be refused, in Chinese, changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, startCms, type CmsUnderTest } from '../helpers/cms.ts';
import type { DbKind } from '../helpers/databases.ts';
import { ALIAS_KEYS, loadFlows, placeholdersIn, resolvePlaceholders, type AliasKind, type RecordedFlow, type RecordedRequest } from '../fixtures/admin-requests/fixture.ts';

const ITEM = 'api::policy-item.policy-item';
const DEPT = 'api::department.department';
const PASSWORD = 'Demo-Passw0rd';

// Each 人力社保局 entry the specialist works on in the recording, aimed instead at a 税务局 entry of
// the same type (items: two distinct ones, so that a bulk action names two entries).
const TAX_ITEMS = ['SW-2025-003', 'SW-2025-004', 'SW-2025-002'];

// Requests that only read (the bulk publish dialog's validation read).
const isRead = (r: RecordedRequest) => r.path.endsWith('/actions/bulkFindForValidation');
// Recorded refusals the admin itself expects: auto-clone answers 400 for a type with a unique field
// (the admin then opens the duplicate in the form), and the office may not leave an item without a department.
const expectedRefusal = (flow: RecordedFlow, r: RecordedRequest) => r.path.includes('/auto-clone/') || flow.name.endsWith('remove-department');

function verbFor(r: RecordedRequest): string {
  if (/\/actions\/(bulkPublish|publish)$/.test(r.path)) return '发布';
  if (/\/actions\/(bulkUnpublish|unpublish)$/.test(r.path)) return '取消发布';
  if (r.path.endsWith('/actions/discard')) return '丢弃草稿';
  if (r.path.includes('/clone/')) return '复制';
  if (r.method === 'DELETE' || r.path.endsWith('/actions/bulkDelete')) return '删除';
  return '保存';
}

export function defineAdminWritesSuite(kind: DbKind): void {
  describe(`every write the admin makes (${kind})`, () => {
    let cms: CmsUnderTest;
    const clients: Record<string, AdminClient> = {};
    const TO_TAX: Record<string, string> = {};
    const flows = loadFlows();

    const send = async (who: string, flow: RecordedFlow, request: RecordedRequest, retarget: Record<string, string> = {}) => {
      const resolved = await resolvePlaceholders(cms.strapi, request, retarget);
      const query = new URLSearchParams(resolved.query).toString();
      return clients[who]!.request(resolved.method, `${resolved.path}${query ? `?${query}` : ''}`, resolved.body);
    };

    const rows = async (uid: string, where: Record<string, unknown>) =>
      (await cms.strapi.db.query(uid as typeof ITEM).findMany({ where, populate: { department: { select: ['code'] } } })) as Array<
        Record<string, unknown> & { locale: string; publishedAt: string | null; department?: { code: string } | null }
      >;
    const item = (itemCode: string) => rows(ITEM, { itemCode });
    const draft = async (itemCode: string, locale = 'zh-Hans') => (await item(itemCode)).find((r) => !r.publishedAt && r.locale === locale);
    const published = async (itemCode: string, locale = 'zh-Hans') => (await item(itemCode)).find((r) => r.publishedAt && r.locale === locale);

    /** Everything 税务局 has, as text: any change shows up as a difference. */
    const taxSnapshot = async () => {
      const out: string[] = [];
      for (const uid of [ITEM, 'api::policy.policy', 'api::interpretation.interpretation', 'api::hotline-answer.hotline-answer']) {
        const list = (await cms.strapi.db.query(uid as typeof ITEM).findMany({
          where: { department: { code: 'tax' } },
          populate: { department: { select: ['code'] } },
          orderBy: [{ documentId: 'asc' }, { locale: 'asc' }, { publishedAt: 'asc' }],
        })) as Array<Record<string, unknown>>;
        for (const r of list) out.push(JSON.stringify({ uid, ...r, id: undefined, updatedAt: undefined }));
      }
      return out;
    };

    beforeAll(async () => {
      cms = await startCms(kind, 'admin-writes', { seedDemo: true });
      clients['human-resources'] = await AdminClient.login(cms.url, 'human-resources@demo.local', PASSWORD);
      clients.office = await AdminClient.login(cms.url, 'office@demo.local', PASSWORD);

      // Every entry named in the specialist's recordings, paired with a 税务局 entry of the same type.
      const aliases = new Set(flows.filter((f) => f.account === 'human-resources').flatMap((f) => placeholdersIn(f.requests)));
      const ownEntries = [...new Set([...aliases].map((a) => a.replace(/^@(doc|id):/, '').split(':').slice(0, 2).join(':')))];
      const taxItems = [...TAX_ITEMS];
      for (const entry of ownEntries) {
        const kind = entry.split(':')[0] as AliasKind;
        if (kind === 'department') continue;
        if (kind === 'item') {
          TO_TAX[entry] = `item:${taxItems.shift() ?? 'SW-2025-002'}`;
          continue;
        }
        const { uid, key } = ALIAS_KEYS[kind];
        const tax = (await cms.strapi.db.query(uid as typeof ITEM).findOne({ where: { locale: 'zh-Hans', department: { code: 'tax' } }, select: [key] })) as Record<string, string> | null;
        if (tax) TO_TAX[entry] = `${kind}:${tax[key]}`;
      }
    }, 180_000);

    afterAll(async () => {
      await cms?.stop();
    });

    it('has recordings of every write the brief lists, each made by the real admin without a recording error', () => {
      const names = flows.map((f) => f.name);
      for (const name of [
        'editor.item.save',
        'editor.item.publish',
        'editor.item.unpublish',
        'editor.item.discard',
        'editor.item.bulk-unpublish',
        'editor.item.bulk-publish',
        'editor.item.new-locale',
        'editor.item.create',
        'editor.item.clone',
        'editor.item.bulk-delete',
        'editor.answer.link-item',
        'office.item.save-publish',
        'office.item.change-department',
        'office.department.save',
      ]) {
        expect(names, name).toContain(name);
      }
      for (const flow of flows) {
        expect(flow.recordingError, flow.name).toBeUndefined();
        expect(flow.requests.length, flow.name).toBeGreaterThan(0);
      }
      // The shapes the relation helpers must read: an untouched relation, a connect with position, a disconnect.
      const bodies = JSON.stringify(flows.flatMap((f) => f.requests.map((r) => r.body)));
      expect(bodies).toContain('"department":{"connect":[],"disconnect":[]}');
      expect(bodies).toMatch(/"connect":\[\{"id":"@id:item:[^"]+","documentId":"@doc:item:[^"]+","locale":"zh-Hans"/);
      expect(bodies).toMatch(/"disconnect":\[\{"id":"@id:department:tax/);
    });

    describe('replayed in the order recorded, every write succeeds as it did in the admin', () => {
      for (const flow of flows) {
        it(`${flow.account}: ${flow.name} — ${flow.description}`, async () => {
          for (const request of flow.requests) {
            const res = await send(flow.account, flow, request);
            if (expectedRefusal(flow, request)) expect(res.status, JSON.stringify(res.body)).toBe(400);
            else expect(res.status, `${request.method} ${request.path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
          }
          await checkEffect(flow.name);
        });
      }
    });

    // What each flow left in the database, worked out from what the person typed while recording.
    async function checkEffect(name: string) {
      switch (name) {
        case 'editor.item.save':
          expect((await draft('RS-2025-001'))?.summary).toBe('录制：修改后的摘要');
          expect((await draft('RS-2025-001'))?.department?.code).toBe('human-resources');
          break;
        case 'editor.item.publish':
          expect((await published('RS-2025-001'))?.summary).toBe('录制：直接发布的摘要');
          break;
        case 'editor.item.unpublish':
          expect(await published('RS-2025-001')).toBeUndefined();
          break;
        case 'editor.item.discard':
          expect((await draft('RS-2025-001'))?.summary).toBe((await published('RS-2025-001'))?.summary);
          expect((await draft('RS-2025-001'))?.summary).not.toBe('录制：将被丢弃的修改');
          break;
        case 'editor.item.bulk-unpublish':
          expect(await published('RS-2025-001')).toBeUndefined();
          expect(await published('RS-2025-002')).toBeUndefined();
          break;
        case 'editor.item.bulk-publish':
          expect(await published('RS-2025-001')).toBeDefined();
          expect(await published('RS-2025-002')).toBeDefined();
          break;
        case 'editor.item.new-locale': {
          const en = await draft('RS-2025-002', 'en');
          expect(en?.title).toBe('Recruitment subsidy');
          expect(en?.department?.code).toBe('human-resources');
          break;
        }
        case 'editor.item.create':
          expect((await draft('RS-REC-001'))?.department?.code).toBe('human-resources');
          break;
        case 'editor.item.clone':
          expect((await draft('RS-REC-002'))?.department?.code).toBe('human-resources');
          break;
        case 'editor.item.bulk-delete':
          expect(await item('RS-REC-001')).toHaveLength(0);
          expect(await item('RS-REC-002')).toHaveLength(0);
          break;
        case 'editor.item.conditions': {
          const row = (await cms.strapi.db.query(ITEM).findOne({ where: { itemCode: 'RS-2025-005', locale: 'zh-Hans', publishedAt: null }, populate: { conditions: true } })) as {
            conditions: Array<Record<string, unknown>>;
          };
          expect(row.conditions.map(({ attribute, operator, value, clause }) => ({ attribute, operator, value, clause }))).toEqual([
            { attribute: 'employees', operator: 'gte', value: '50', clause: '在职员工 50 人以上' },
          ]);
          break;
        }
        case 'office.item.save-publish':
          expect((await published('SW-2025-001'))?.summary).toBe('录制：企服办修改的摘要');
          break;
        case 'office.item.change-department':
          expect((await draft('SW-2025-001'))?.department?.code).toBe('development-reform');
          break;
        case 'office.item.remove-department':
          expect((await draft('SW-2025-001'))?.department?.code).toBe('development-reform');
          break;
        case 'office.department.save': {
          const tax = (await cms.strapi.db.query(DEPT).findOne({ where: { code: 'tax', locale: 'zh-Hans' } })) as { phone: string };
          expect(tax.phone).toBe('0573-82000199');
          break;
        }
        default:
          break;
      }
    }

    describe('eligibility conditions entered by hand, in the shape the admin sends (政策找企业)', () => {
      // The recorded save of a condition (20-editor.item.conditions.json), its condition replaced by
      // what a specialist might type. Each refusal names the condition and its field, in Chinese.
      const flow = () => flows.find((f) => f.name === 'editor.item.conditions')!;
      const withConditions = (conditions: unknown[]) => {
        const request = structuredClone(flow().requests[0]!);
        (request.body as { conditions: unknown[] }).conditions = conditions;
        return request;
      };
      const storedConditions = async () =>
        (((await cms.strapi.db.query(ITEM).findOne({ where: { itemCode: 'RS-2025-005', locale: 'zh-Hans', publishedAt: null }, populate: { conditions: true } })) as { conditions: Array<Record<string, unknown>> }).conditions ?? []).map(
          ({ attribute, operator, value }) => `${String(attribute)} ${String(operator)} ${String(value)}`,
        );
      const admin = (attribute: string, operator: string, value: string) => ({ attribute, operator, value, clause: '', __temp_key__: 'a1' });

      const refused: Array<[string, unknown[], Array<string | number>, string, string]> = [
        ['an unknown attribute', [admin('turnover', 'gte', '50')], ['conditions', 0, 'attribute'], 'CONDITION_ATTRIBUTE',
          '申报条件（结构化）第 1 条的条件属性：未知的条件属性「turnover」，可选：主体类型、区内注册、行业、成立年限、年营业收入、年纳税额、员工人数、研发费用占比、纳税信用等级、资质、项目投资额'],
        ['an operator not allowed for a number', [admin('employees', 'gte', '50'), admin('employees', 'includes_any', '50')], ['conditions', 1, 'operator'], 'CONDITION_OPERATOR',
          '申报条件（结构化）第 2 条的运算符：「员工人数」（数值）不能使用运算符「包含任一」；可选：大于等于（≥）、大于（>）、小于等于（≤）、小于（<）、等于（=）、介于'],
        ['an operator not allowed for a yes/no attribute', [admin('registeredInZone', 'gte', 'true')], ['conditions', 0, 'operator'], 'CONDITION_OPERATOR',
          '申报条件（结构化）第 1 条的运算符：「区内注册」（是 / 否）不能使用运算符「大于等于（≥）」；可选：是 / 否'],
        ['a word where a number belongs', [admin('annualRevenue', 'gte', '五百万')], ['conditions', 0, 'value'], 'CONDITION_VALUE',
          '申报条件（结构化）第 1 条的取值：「年营业收入」的取值应为数字（单位万元），收到「五百万」'],
        ['a range with the bounds swapped', [admin('employees', 'between', '100,10')], ['conditions', 0, 'value'], 'CONDITION_VALUE', '申报条件（结构化）第 1 条的取值：「员工人数」的下限 100 大于上限 10'],
        ['a qualification not in the vocabulary', [admin('qualifications', 'includes_any', 'high_tech,独角兽企业')], ['conditions', 0, 'value'], 'CONDITION_VALUE',
          '申报条件（结构化）第 1 条的取值：「资质」的取值「独角兽企业」不在词表中，可选：高新技术企业、专精特新中小企业、专精特新“小巨人”企业、科技型中小企业、规上工业企业、创新型中小企业、省级企业研发机构、绿色工厂'],
        ['a subject type not in 第六条', [admin('subjectType', 'in', 'industrial,agriculture')], ['conditions', 0, 'value'], 'CONDITION_VALUE',
          '申报条件（结构化）第 1 条的取值：「主体类型」的取值「agriculture」不在词表中，可选：工业企业、生产性服务业企业、创业个人'],
        ['an industry code GB/T 4754 does not have', [admin('industry', 'in', 'C13,Z99')], ['conditions', 0, 'value'], 'CONDITION_VALUE',
          '申报条件（结构化）第 1 条的取值：「行业」的取值「Z99」不是 GB/T 4754-2017 的门类字母（A–T）或大类代码（如 C13 或 13）'],
        ['a yes/no attribute given a number', [admin('registeredInZone', 'is', '2')], ['conditions', 0, 'value'], 'CONDITION_VALUE', '申报条件（结构化）第 1 条的取值：「区内注册」的取值应为 是 或 否（true / false），收到「2」'],
      ];
      for (const [label, conditions, path, code, message] of refused) {
        it(`refuses ${label} with a coded Chinese error naming the field, and stores nothing`, async () => {
          const before = await storedConditions();
          const res = await send('human-resources', flow(), withConditions(conditions));
          expect(res.status, JSON.stringify(res.body)).toBe(400);
          expect(res.body.error.name).toBe('ValidationError');
          expect(res.body.error.details.errors).toEqual([{ path, message, name: 'ValidationError', code }]);
          expect(await storedConditions()).toEqual(before);
        });
      }

      it('stores what a person types in the canonical form: units dropped, labels as keys, 是 as true', async () => {
        const res = await send('human-resources', flow(), withConditions([
          admin('employees', 'gte', '50人'),
          admin('annualRevenue', 'between', '500~20000'),
          admin('qualifications', 'includes_any', '高新技术企业、科技型中小企业'),
          admin('subjectType', 'in', '工业企业'),
          admin('industry', 'not_in', 'c13，14'),
          admin('registeredInZone', 'is', '是'),
        ]));
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(await storedConditions()).toEqual([
          'employees gte 50',
          'annualRevenue between 500,20000',
          'qualifications includes_any high_tech,tech_sme',
          'subjectType in industrial',
          'industry not_in 13,14',
          'registeredInZone is true',
        ]);
      });
    });

    describe('every relation input shape, read the same way by the rules and the guard', () => {
      // Strapi 5 accepts more shapes than the admin sends: the Document Service's set, a plain
      // documentId, a row id, and connect entries with a position. Each keeps or links what it names.
      const ids: Record<string, string | number> = {};
      const save = (who: string, documentId: string, body: Record<string, unknown>) =>
        clients[who]!.request('PUT', `/content-manager/collection-types/${ITEM}/${documentId}?locale=zh-Hans`, body);

      beforeAll(async () => {
        const dept = async (code: string) => (await cms.strapi.db.query(DEPT).findOne({ where: { code, locale: 'zh-Hans' }, select: ['id', 'documentId'] })) as { id: number; documentId: string };
        const hr = await dept('human-resources');
        const tax = await dept('tax');
        Object.assign(ids, { hr: hr.documentId, hrId: hr.id, tax: tax.documentId, taxId: tax.id });
        ids.own = (await draft('RS-2025-005'))!.documentId as string;
        ids.taxItem = (await draft('SW-2025-002'))!.documentId as string;
      });

      const ownShapes: Array<[string, () => unknown]> = [
        ['untouched { connect: [], disconnect: [] }', () => ({ connect: [], disconnect: [] })],
        ['connect by documentId with locale and position end', () => ({ connect: [{ documentId: ids.hr, locale: 'zh-Hans', position: { end: true } }], disconnect: [] })],
        ['connect by row id', () => ({ connect: [{ id: ids.hrId }] })],
        ['set by documentId', () => ({ set: [{ documentId: ids.hr, locale: 'zh-Hans' }] })],
        ['a plain documentId', () => ids.hr],
      ];
      for (const [label, shape] of ownShapes) {
        it(`specialist keeps the own department with ${label}`, async () => {
          const res = await save('human-resources', ids.own as string, { summary: label, department: shape() });
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          expect((await draft('RS-2025-005'))?.department?.code).toBe('human-resources');
        });
      }

      const refused: Array<[string, () => unknown, string]> = [
        ['set: []', () => ({ set: [] }), '无权保存：所属部门不能为空，政策条目必须属于本部门（人力社保局）'],
        ['null', () => null, '无权保存：所属部门不能为空，政策条目必须属于本部门（人力社保局）'],
        ['a bare disconnect', () => ({ connect: [], disconnect: [{ documentId: ids.hr, locale: 'zh-Hans' }] }), '无权保存：所属部门不能为空，政策条目必须属于本部门（人力社保局）'],
        ['connect 税务局 with position before', () => ({ connect: [{ documentId: ids.tax, locale: 'zh-Hans', position: { before: ids.hr, locale: 'zh-Hans' } }], disconnect: [{ documentId: ids.hr }] }), '无权保存：只能为本部门（人力社保局）保存政策条目，不能改为税务局'],
        ['connect 税务局 by row id', () => ({ connect: [{ id: ids.taxId }] }), '无权保存：只能为本部门（人力社保局）保存政策条目，不能改为税务局'],
        ['set 税务局', () => ({ set: [{ documentId: ids.tax }] }), '无权保存：只能为本部门（人力社保局）保存政策条目，不能改为税务局'],
        ['a plain 税务局 documentId', () => ids.tax, '无权保存：只能为本部门（人力社保局）保存政策条目，不能改为税务局'],
        ['an entry that names no document', () => ({ connect: [{ locale: 'zh-Hans' }] }), '无权保存：所选的所属部门不存在，只能为本部门（人力社保局）保存政策条目'],
      ];
      for (const [label, shape, message] of refused) {
        it(`specialist is refused with ${label}, and nothing changes`, async () => {
          const res = await save('human-resources', ids.own as string, { summary: `refused ${label}`, department: shape() });
          expect(res.status, JSON.stringify(res.body)).toBe(403);
          expect(res.body.error.message).toBe(message);
          const row = await draft('RS-2025-005');
          expect(row?.department?.code).toBe('human-resources');
          expect(row?.summary).not.toBe(`refused ${label}`);
        });
      }

      it('links an own item with a position, and is refused a 税务局 item by connect or set', async () => {
        const answer = (await cms.strapi.db.query('api::hotline-answer.hotline-answer').findOne({
          where: { locale: 'zh-Hans', publishedAt: null, department: { code: 'human-resources' } },
          select: ['documentId'],
        })) as { documentId: string };
        const put = (body: unknown) => clients['human-resources']!.request('PUT', `/content-manager/collection-types/api::hotline-answer.hotline-answer/${answer.documentId}?locale=zh-Hans`, body);
        const own = await put({ relatedItems: { connect: [{ documentId: ids.own, locale: 'zh-Hans', position: { start: true } }], disconnect: [] } });
        expect(own.status, JSON.stringify(own.body)).toBe(200);
        for (const relatedItems of [
          { connect: [{ documentId: ids.taxItem, locale: 'zh-Hans', position: { end: true } }], disconnect: [] },
          { set: [{ documentId: ids.own }, { documentId: ids.taxItem }] },
        ]) {
          const res = await put({ relatedItems });
          expect(res.status).toBe(403);
          expect(res.body.error.message).toBe('无权保存：只能关联本部门的政策条目，所选条目属于税务局（本部门：人力社保局）');
        }
      });

      it('the office moves an item with connect + disconnect, keeps it with the untouched shape, and must keep a department', async () => {
        const move = await save('office', ids.taxItem as string, { department: { connect: [{ documentId: ids.hr, locale: 'zh-Hans', position: { end: true } }], disconnect: [{ documentId: ids.tax, locale: 'zh-Hans' }] } });
        expect(move.status, JSON.stringify(move.body)).toBe(200);
        expect((await draft('SW-2025-002'))?.department?.code).toBe('human-resources');
        const keep = await save('office', ids.taxItem as string, { summary: '企服办保存', department: { connect: [], disconnect: [] } });
        expect(keep.status).toBe(200);
        expect((await draft('SW-2025-002'))?.department?.code).toBe('human-resources');
        const back = await save('office', ids.taxItem as string, { department: { set: [{ documentId: ids.tax }] } });
        expect(back.status).toBe(200);
        const cleared = await save('office', ids.taxItem as string, { department: { set: [] } });
        expect(cleared.status).toBe(400);
        expect(cleared.body.error.details.errors[0]).toMatchObject({ path: ['department'], message: '所属部门不能为空' });
        expect((await draft('SW-2025-002'))?.department?.code).toBe('tax');
      });
    });

    describe('the specialist’s shapes aimed at 税务局 entries are refused and change nothing', () => {
      const editorFlows = flows.filter((f) => f.account === 'human-resources' && f.name !== 'editor.item.create');
      for (const flow of editorFlows) {
        it(`${flow.name} on a 税务局 entry`, async () => {
          const before = await taxSnapshot();
          for (const request of flow.requests) {
            const res = await send('human-resources', flow, request, TO_TAX);
            if (isRead(request)) {
              // The validation read shows nothing of another department.
              expect(res.status).toBe(200);
              expect(res.body.results).toEqual([]);
              continue;
            }
            if (request.path.includes('/auto-clone/')) {
              expect([400, 403]).toContain(res.status);
              continue;
            }
            expect(res.status, `${request.method} ${request.path}: ${JSON.stringify(res.body)}`).toBe(403);
            // Every refusal reads in Chinese, also where Strapi's own permission check answers first
            // (delete and the bulk actions): the action, the other department and the own one by name.
            expect(res.body?.error?.name, JSON.stringify(res.body)).toBe('PolicyError');
            const message = res.body.error.message as string;
            expect(message.startsWith(`无权${verbFor(request)}：`), message).toBe(true);
            expect(message).toContain('税务局');
            expect(message).toContain('人力社保局');
            expect(message).not.toMatch(/\btax\b|human-resources|Forbidden/);
          }
          expect(await taxSnapshot()).toEqual(before);
        });
      }

      it('delete and the bulk actions on 税务局 items are refused in Chinese, naming the action and both departments, and change nothing', async () => {
        const hr = clients['human-resources']!;
        const doc = async (itemCode: string) => (await draft(itemCode))!.documentId as string;
        const taxIds = [await doc('SW-2025-003'), await doc('SW-2025-004')];
        const own = await doc('RS-2025-004');
        const before = await taxSnapshot();
        const ownPublishedBefore = Boolean(await published('RS-2025-004'));
        const bulk = (action: string, documentIds: string[]) => hr.request('POST', `/content-manager/collection-types/${ITEM}/actions/${action}?locale=zh-Hans`, { documentIds });
        // Worked out from the wording of the guard's refusals: 无权<动作>：<which>，只能<动作>本部门（人力社保局）的内容.
        const cases: Array<[string, () => ReturnType<AdminClient['request']>, string]> = [
          ['bulk publish', () => bulk('bulkPublish', taxIds), '无权发布：所选政策条目中有属于税务局的，只能发布本部门（人力社保局）的内容'],
          ['bulk publish of an own and a 税务局 item', () => bulk('bulkPublish', [own, taxIds[0]!]), '无权发布：所选政策条目中有属于税务局的，只能发布本部门（人力社保局）的内容'],
          ['bulk unpublish', () => bulk('bulkUnpublish', taxIds), '无权取消发布：所选政策条目中有属于税务局的，只能取消发布本部门（人力社保局）的内容'],
          ['bulk delete', () => bulk('bulkDelete', taxIds), '无权删除：所选政策条目中有属于税务局的，只能删除本部门（人力社保局）的内容'],
          ['delete', () => hr.request('DELETE', `/content-manager/collection-types/${ITEM}/${taxIds[0]}?locale=zh-Hans`), '无权删除：该政策条目属于税务局，只能删除本部门（人力社保局）的内容'],
        ];
        for (const [label, send, message] of cases) {
          const res = await send();
          expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(403);
          expect(res.body.error.name, label).toBe('PolicyError');
          expect(res.body.error.message, label).toBe(message);
          expect(res.body.error.details.code, label).toBe('DEPARTMENT_SCOPE');
        }
        expect(await taxSnapshot()).toEqual(before);
        // The own item of the mixed request was not published either: the request is refused whole.
        expect(Boolean(await published('RS-2025-004'))).toBe(ownPublishedBefore);
      });

      it('single-entry refusals come from the department guard, in Chinese, naming the action', async () => {
        const save = flows.find((f) => f.name === 'editor.item.save')!;
        const res = await send('human-resources', save, save.requests[0]!, TO_TAX);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe('无权保存：该政策条目属于税务局，只能保存本部门（人力社保局）的内容');
      });

      it('moving an own item to 税务局 with the admin’s connect/disconnect shape is refused', async () => {
        const change = flows.find((f) => f.name === 'office.item.change-department')!;
        const put = change.requests.find((r) => r.method === 'PUT')!;
        // The office's recorded save moved SW-2025-001 from 税务局 to 发展改革局; here the specialist's own
        // RS-2025-003 is moved from 人力社保局 to 税务局 with the same shape.
        const shaped = JSON.parse(
          JSON.stringify(put)
            .replaceAll('department:development-reform', 'department:TARGET')
            .replaceAll('department:tax', 'department:human-resources')
            .replaceAll('department:TARGET', 'department:tax'),
        ) as RecordedRequest;
        const res = await send('human-resources', change, shaped, { 'item:SW-2025-001': 'item:RS-2025-003' });
        expect(res.status, JSON.stringify(res.body)).toBe(403);
        expect(res.body.error.message).toBe('无权保存：只能为本部门（人力社保局）保存政策条目，不能改为税务局');
        expect((await draft('RS-2025-003'))?.department?.code).toBe('human-resources');
      });

      it('linking a 税务局 item to an own hotline answer with the admin’s connect shape is refused', async () => {
        const link = flows.find((f) => f.name === 'editor.answer.link-item')!;
        const put = link.requests.find((r) => r.method === 'PUT')!;
        const linked = JSON.stringify((put.body as { relatedItems: unknown }).relatedItems).match(/item:(RS-[0-9-]+)/)![1]!;
        const res = await send('human-resources', link, put, { [`item:${linked}`]: 'item:SW-2025-002' });
        expect(res.status, JSON.stringify(res.body)).toBe(403);
        expect(res.body.error.message).toContain('只能关联本部门的政策条目');
        expect(res.body.error.message).toContain('税务局');
      });
    });
  });
}
