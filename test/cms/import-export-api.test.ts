// The 导入导出 plugin's admin routes, against the real CMS on each database: who may call them (every
// route enumerated from the running router), that the department is the editor's own, that a preview
// writes nothing, that the confirmation imports the previewed good rows, and that the exports read
// back exactly (the CSV with Python's csv module, an independent RFC 4180 parser).
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, createAdminUser, startCms, type CmsUnderTest } from '../helpers/cms.ts';
import { DB_KINDS } from '../helpers/databases.ts';

const ITEM = 'api::policy-item.policy-item';
const BASE = '/import-export';
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024; // LIMITS.maxUploadBytes, as the page tells the specialist (5 MB)

type Client = AdminClient;

async function upload(client: Client | null, file: { name: string; content: string | Buffer }, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.append('file', new Blob([file.content]), file.name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(`${(client as Client | null)?.baseUrl ?? ''}${BASE}/imports`, {
    method: 'POST',
    headers: client ? { authorization: `Bearer ${client.token}` } : {},
    body: form,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function download(client: Client, query: string) {
  const res = await fetch(`${client.baseUrl}${BASE}/export?${query}`, { headers: { authorization: `Bearer ${client.token}` }, signal: AbortSignal.timeout(30_000) });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Parses CSV text with Python's csv module (RFC 4180 dialect "excel"), not with the library that wrote it. */
function pythonCsv(bytes: Buffer): string[][] {
  const out = execFileSync('python3', ['-c', 'import csv,io,json,sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.buffer.read().decode("utf-8-sig"), newline="")))))'], {
    input: bytes,
    timeout: 20_000,
  });
  return JSON.parse(out.toString()) as string[][];
}

describe.each(DB_KINDS)('导入导出 admin routes (%s)', (kind) => {
  let cms: CmsUnderTest;
  let finance: Client; // 财政局 企业服务专员
  let office: Client; // 区企服办
  let outsider: Client; // an admin with a role that is neither a department's nor the office's

  /** Row counts of every content table, its join tables and the search outbox: a dry run must change none. */
  async function tableCounts(): Promise<Record<string, number>> {
    const s = cms.strapi;
    const tables = new Set<string>(['search_outbox']);
    for (const [uid, meta] of s.db.metadata as unknown as Map<string, { tableName: string; attributes: Record<string, { joinTable?: { name: string } }> }>) {
      if (!uid.startsWith('api::')) continue;
      tables.add(meta.tableName);
      for (const attribute of Object.values(meta.attributes)) if (attribute.joinTable?.name) tables.add(attribute.joinTable.name);
    }
    const schema = s.db.getSchemaName();
    const counts: Record<string, number> = {};
    for (const table of [...tables].sort()) {
      const q = schema ? s.db.connection(table).withSchema(schema) : s.db.connection(table);
      const [row] = (await q.count({ n: '*' })) as Array<{ n: number | string }>;
      counts[table] = Number(row!.n);
    }
    return counts;
  }

  const drafts = async (department: string) =>
    (await cms.strapi.db.query(ITEM).findMany({
      where: { department: { code: department }, locale: 'zh-Hans', publishedAt: null },
      select: ['itemCode', 'title', 'maxAmount', 'eligibility'],
      orderBy: [{ itemCode: 'asc' }],
    })) as Array<{ itemCode: string; title: string; maxAmount: number | string | null; eligibility: string | null }>;

  beforeAll(async () => {
    cms = await startCms(kind, 'import-export-api');
    const s = cms.strapi;
    const dept = async (code: string) => ((await s.db.query('api::department.department').findOne({ where: { code } })) as { documentId: string }).documentId;
    const tax = await dept('tax');
    for (const [title, itemCode] of [
      ['研发费用加计扣除', 'SW-101'],
      ['高新技术企业所得税优惠', 'SW-102'],
    ] as const) {
      await s.documents(ITEM).create({ locale: 'zh-Hans', data: { title, itemCode, department: tax } as never });
    }
    const roles = s.admin.services.role as { create(data: Record<string, unknown>): Promise<unknown> };
    await roles.create({ name: '测试 其他后台角色', code: 'test-outsider', description: '既不是部门专员也不是区企服办' });
    const users = [
      await createAdminUser(s, 'finance@import-export.local', 'department-editor-finance'),
      await createAdminUser(s, 'office@import-export.local', 'office-editor'),
      await createAdminUser(s, 'outsider@import-export.local', 'test-outsider'),
    ];
    const [f, o, x] = await Promise.all(users.map((u) => AdminClient.login(cms.url, u.email, u.password)));
    [finance, office, outsider] = [f!, o!, x!];
  }, 300_000);

  afterAll(async () => {
    await cms?.stop();
  });

  it('every route of the plugin is an admin route: refused without a login, and refused to staff who are neither a department nor the office', async () => {
    const live = (cms.strapi.server.listRoutes() as Array<{ path: string; methods: string[] }>)
      .filter((layer) => layer.path.startsWith(`${BASE}/`))
      .flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((method) => ({ method, path: layer.path })));
    // The five routes of server/src/routes.ts, as the router has them.
    expect(live.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /import-export/context',
      'GET /import-export/export',
      'POST /import-export/imports',
      'POST /import-export/imports/:id/confirm',
      'POST /import-export/imports/:id/preview',
    ]);
    const declared = (cms.strapi.plugin('import-export').routes as unknown as { admin: { type: string; routes: Array<{ config: { policies: string[] } }> } }).admin;
    expect(declared.type).toBe('admin');
    for (const route of declared.routes) expect(route.config.policies).toEqual(['admin::isAuthenticatedAdmin', 'plugin::import-export.is-department-staff']);

    for (const route of live) {
      const path = route.path.replace(':id', '00000000-0000-4000-8000-000000000000');
      const anonymous = await fetch(`${cms.url}${path}`, { method: route.method, signal: AbortSignal.timeout(10_000) });
      expect(anonymous.status, `${route.method} ${route.path} without a login`).toBe(401);
      const other = await outsider.request(route.method, path, route.method === 'POST' ? {} : undefined);
      expect(other.status, `${route.method} ${route.path} as another role`).toBe(403);
      expect(other.body.error.details.code).toBe('NOT_DEPARTMENT_STAFF');
      expect(other.body.error.message).toBe('只有部门企业服务专员和区企服办可以导入导出政策条目清单');
    }
  });

  it('a department editor works on their own department only and cannot choose another; the office chooses any', async () => {
    const mine = await finance.request('GET', `${BASE}/context`);
    expect(mine.status).toBe(200);
    expect(mine.body.data).toMatchObject({ canChooseDepartment: false, departments: [{ code: 'finance', name: '财政局' }], maxUploadBytes: MAX_UPLOAD_BYTES });

    const csv = '条目编号,标题\nCZ-900,企业上市奖励\n';
    const chosen = await upload(finance, { name: 'list.csv', content: csv }, { department: 'tax' });
    expect(chosen.status).toBe(403);
    expect(chosen.body.error.details.code).toBe('DEPARTMENT_NOT_YOURS');
    expect(chosen.body.error.message).toContain('只能导入导出本部门的政策条目');
    const exported = await finance.request('GET', `${BASE}/export?department=tax&format=json`);
    expect(exported.status).toBe(403);
    expect(exported.body.error.details.code).toBe('DEPARTMENT_NOT_YOURS');
    // A row naming another department is rejected, not moved there.
    const otherRow = await upload(finance, { name: 'list.csv', content: '条目编号,标题,部门代码\nSW-900,冒名条目,tax\n' });
    expect(otherRow.status).toBe(200);
    expect(otherRow.body.data).toMatchObject({ department: { code: 'finance' }, created: 0, rejected: 1 });
    expect(otherRow.body.data.issues).toEqual([{ row: 2, column: '部门代码 department', reason: '这一行属于部门 tax，与 --department finance 不一致' }]);

    const all = await office.request('GET', `${BASE}/context`);
    expect(all.body.data.canChooseDepartment).toBe(true);
    expect(all.body.data.departments).toHaveLength(17); // the 16 departments of the mechanism's attachments and 区企服办
    const noChoice = await office.request('GET', `${BASE}/export?format=json`);
    expect(noChoice.status).toBe(400);
    expect(noChoice.body.error.details).toEqual({ code: 'DEPARTMENT_REQUIRED', field: 'department' });
    const taxList = await download(office, 'department=tax&format=json');
    expect(taxList.status).toBe(200);
    const json = JSON.parse(taxList.bytes.toString()) as { department: string; items: Array<{ itemCode: string; title: string }> };
    expect(json.department).toBe('tax');
    expect(json.items.map((i) => [i.itemCode, i.title])).toEqual([
      ['SW-101', '研发费用加计扣除'],
      ['SW-102', '高新技术企业所得税优惠'],
    ]);
    expect(decodeURIComponent(taxList.headers.get('content-disposition') ?? '')).toContain('税务局政策条目清单.json');
  });

  it('a file with one bad row: the preview names its row, column and reason and writes nothing; the confirmation imports the good rows once', async () => {
    const file = [
      '条目编号,标题,最高扶持金额（万元）,申报条件',
      'CZ-101,企业上市奖励,300,"在区内注册纳税；\n已完成股份制改造"',
      'CZ-102,财政贴息补助,-5,',
      'CZ-103,融资担保补助,50,',
    ].join('\n');
    const before = await tableCounts();
    const preview = await upload(finance, { name: '财政局清单.csv', content: file });
    expect(preview.status).toBe(200);
    expect(preview.body.data).toMatchObject({
      fileName: '财政局清单.csv',
      department: { code: 'finance', name: '财政局' },
      dryRun: true,
      publish: false,
      total: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: 1,
    });
    // The quoted cell spans two lines, so CZ-102 is the file's third record: row 3 as a spreadsheet shows it.
    expect(preview.body.data.issues).toEqual([{ row: 3, column: '最高扶持金额（万元） maxAmount', reason: '最高扶持金额不能小于 0（实际为 -5）' }]);
    // Previewing again with 同时发布 is still a dry run.
    const republish = await finance.request('POST', `${BASE}/imports/${preview.body.data.id}/preview`, { publish: true });
    expect(republish.status).toBe(200);
    expect(republish.body.data).toMatchObject({ dryRun: true, publish: true, created: 2, rejected: 1 });
    const unpublish = await finance.request('POST', `${BASE}/imports/${preview.body.data.id}/preview`, { publish: false });
    expect(unpublish.body.data.publish).toBe(false);
    expect(await tableCounts()).toEqual(before);

    // Someone else cannot confirm the editor's preview.
    const stolen = await office.request('POST', `${BASE}/imports/${preview.body.data.id}/confirm`, {});
    expect(stolen.status).toBe(404);
    expect(stolen.body.error.details.code).toBe('PREVIEW_NOT_FOUND');

    const confirmed = await finance.request('POST', `${BASE}/imports/${preview.body.data.id}/confirm`, {});
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.data).toMatchObject({ dryRun: false, publish: false, total: 3, created: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(await drafts('finance')).toEqual([
      { itemCode: 'CZ-101', title: '企业上市奖励', maxAmount: 300, eligibility: '在区内注册纳税；\n已完成股份制改造' },
      { itemCode: 'CZ-103', title: '融资担保补助', maxAmount: 50, eligibility: null },
    ]);
    const after = await tableCounts();
    expect(after[cms.strapi.db.metadata.get(ITEM).tableName]).toBe(before[cms.strapi.db.metadata.get(ITEM).tableName]! + 2);

    const twice = await finance.request('POST', `${BASE}/imports/${preview.body.data.id}/confirm`, {});
    expect(twice.status).toBe(404);
    expect(twice.body.error.message).toBe('预览已过期或不存在（或已经导入）：请重新上传文件');
    expect(await drafts('finance')).toHaveLength(2);
  });

  it('refuses a file over the size limit, a file of another type and a request without a file, each with a coded Chinese error', async () => {
    const big = await upload(finance, { name: 'big.csv', content: Buffer.alloc(MAX_UPLOAD_BYTES + 1, 'a') });
    expect(big.status).toBe(413);
    expect(big.body.error.details).toEqual({ code: 'FILE_TOO_LARGE', field: 'file' });
    expect(big.body.error.message).toBe('文件太大（5.0 MB）：导入文件不能超过 5 MB');
    const doc = await upload(finance, { name: '清单.docx', content: 'x' });
    expect(doc.status).toBe(400);
    expect(doc.body.error.details).toEqual({ code: 'UNSUPPORTED_FORMAT', field: 'file' });
    expect(doc.body.error.message).toContain('不支持的文件类型「.docx」');
    const none = await finance.request('POST', `${BASE}/imports`, {});
    expect(none.status).toBe(400);
    expect(none.body.error.details).toEqual({ code: 'FILE_MISSING', field: 'file' });
    const broken = await upload(finance, { name: 'broken.xlsx', content: 'not a workbook' });
    expect(broken.status).toBe(400);
    expect(broken.body.error.details.code).toBe('UNREADABLE');
  });

  it('exports CSV by RFC 4180 (multi-line, quoted and comma cells, CRLF) that Python reads back row for row, and XLSX that exceljs reads back', async () => {
    const s = cms.strapi;
    const hr = ((await s.db.query('api::department.department').findOne({ where: { code: 'human-resources' } })) as { documentId: string }).documentId;
    const eligibility = '1. 在区内注册；\n2. 与员工签订劳动合同，并缴纳社保\r\n3. 上年度营收≥500万元';
    const summary = '补贴“见习岗位”，每人每月, 最高 2000 元';
    await s.documents(ITEM).create({ locale: 'zh-Hans', data: { title: '就业见习补贴', itemCode: 'RS-201', department: hr, eligibility, summary, order: 1 } as never });
    await s.documents(ITEM).create({ locale: 'zh-Hans', data: { title: '招用高校毕业生社保补贴', itemCode: 'RS-202', department: hr, order: 2 } as never });

    const csv = await download(office, 'department=human-resources&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = pythonCsv(csv.bytes);
    expect(rows).toHaveLength(3); // header + 2 items, however many lines the cells span
    const header = rows[0]!;
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    expect(cell(rows[1]!, '条目编号 itemCode')).toBe('RS-201');
    // The list writes every line break as \n (the import compares cells that way too).
    expect(cell(rows[1]!, '申报条件 eligibility')).toBe('1. 在区内注册；\n2. 与员工签订劳动合同，并缴纳社保\n3. 上年度营收≥500万元');
    expect(cell(rows[1]!, '摘要 summary')).toBe(summary);
    expect(cell(rows[2]!, '条目编号 itemCode')).toBe('RS-202');
    expect(cell(rows[2]!, '标题 title')).toBe('招用高校毕业生社保补贴');

    const xlsx = await download(office, 'department=human-resources&format=xlsx');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('政策条目')!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(2).getCell(1).value).toBe('RS-201');
    expect(sheet.getRow(2).getCell(2).value).toBe('就业见习补贴');
    expect(sheet.getRow(3).getCell(1).value).toBe('RS-202');
  });
});
