// Bad input in every field — huge, empty, control characters, invisible format controls, invalid
// Unicode — gives a coded BAD_USER_INPUT naming the field, never a 500, and nothing is stored half-way.
// Markup is text: it is stored as typed and escaped where rendered (test/petitions/adversarial-*.test.ts).
import { PETITION_LIMITS } from '@zone/schemas';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect, type TestApi } from '../helpers/api/test-api.ts';
import { ENTERPRISE_USCC, PetitionClient, enterpriseInput, freshKey, must } from '../helpers/api/petition-client.ts';

type Case = { field: string; input: Record<string, unknown> };

const base = enterpriseInput();
const submitter = base['submitter'] as Record<string, unknown>;
const contact = base['contact'] as Record<string, unknown>;
const huge = (n: number) => '企'.repeat(n);

/** For each text field: huge, empty, control characters, a bidi override, a lone surrogate. */
function textCases(field: string, set: (v: string) => Record<string, unknown>, max: number): Case[] {
  return [
    { field, input: set(huge(max + 1)) },
    { field, input: set('   ') },
    { field, input: set('正常\u0000文本') },
    { field, input: set('发票\u202Egnp.exe') },
    { field, input: set('半个\uD800字符') },
  ];
}

const CASES: Case[] = [
  ...textCases('input.title', (v) => enterpriseInput({ title: v }), PETITION_LIMITS.titleMaxChars),
  ...textCases('input.content', (v) => enterpriseInput({ content: v }), PETITION_LIMITS.contentMaxChars),
  ...textCases('input.submitter.name', (v) => enterpriseInput({ submitter: { ...submitter, name: v } }), PETITION_LIMITS.nameMaxChars),
  ...textCases('input.contact.name', (v) => enterpriseInput({ contact: { ...contact, name: v } }), PETITION_LIMITS.nameMaxChars),
  ...textCases('input.attachments.0.name', (v) => enterpriseInput({ attachments: [{ name: v, ref: 'files:a.pdf' }] }), PETITION_LIMITS.nameMaxChars),
  { field: 'input.content', input: enterpriseInput({ content: '请协助\n零宽\u200B空格' }) },
  { field: 'input.title', input: enterpriseInput({ title: '换行\n标题' }) }, // a title is one line
  { field: 'input.contact.phone', input: enterpriseInput({ contact: { ...contact, phone: '1'.repeat(500) } }) },
  { field: 'input.contact.phone', input: enterpriseInput({ contact: { ...contact, phone: '0573\u0007123' } }) },
  { field: 'input.contact.email', input: enterpriseInput({ contact: { ...contact, email: 'not-an-email' } }) },
  { field: 'input.contact.email', input: enterpriseInput({ contact: { ...contact, email: `${'a'.repeat(300)}@example.com` } }) },
  { field: 'input.contact.phone', input: enterpriseInput({ contact: { name: '张三' } }) }, // neither phone nor email
  { field: 'input.submitter.uscc', input: enterpriseInput({ submitter: { ...submitter, uscc: '' } }) },
  { field: 'input.submitter.uscc', input: enterpriseInput({ submitter: { ...submitter, uscc: 'X'.repeat(5000) } }) },
  { field: 'input.attachments.0.ref', input: enterpriseInput({ attachments: [{ name: 'a.pdf', ref: 'javascript:alert(1)' }] }) },
  { field: 'input.attachments', input: enterpriseInput({ attachments: Array.from({ length: 11 }, (_, i) => ({ name: `${i}.pdf`, ref: `files:${i}.pdf` })) }) },
  { field: 'input.receivedAt', input: enterpriseInput({ receivedAt: '2025-09-26T08:00:00+08:00' }) }, // only staff set it
  { field: 'input.channel', input: enterpriseInput({ channel: 'HOTLINE_96871' }) }, // enterprises use the website
];

describeEachDialect('bad input', (api) => {
  async function counts(a: TestApi) {
    const p = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM petitions`.execute(a.app.database.db);
    const e = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM petition_events`.execute(a.app.database.db);
    return { petitions: Number(p.rows[0]?.n), events: Number(e.rows[0]?.n) };
  }

  it('every submission field: a coded error naming the field, and nothing stored', async () => {
    const a = api();
    const enterprise = new PetitionClient(await a.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    for (const c of CASES) {
      a.clock.advanceMs(3_000); // stay under the per-actor submission rate limit
      const r = await enterprise.submitRaw(c.input);
      expect(r.status, c.field).toBeLessThan(500);
      expect(r.data, c.field).toBeNull();
      expect(r.errors?.[0]?.extensions?.code, `${c.field}: ${JSON.stringify(r.errors)}`).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.field, JSON.stringify(r.errors?.[0])).toBe(c.field);
    }
    expect(await counts(a)).toEqual({ petitions: 0, events: 0 });
  });

  it('staff receipt time, idempotency key and enum values are checked too', async () => {
    const a = api();
    a.clock.set('2025-09-26T16:00:00+08:00');
    const hotline = new PetitionClient(await a.as({ role: 'hotline', sub: 'h' }));
    const future = await hotline.submitRaw(enterpriseInput({ channel: 'HOTLINE_96871', receivedAt: '2025-09-27T16:00:00+08:00' }));
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.receivedAt' });
    const malformed = await hotline.submitRaw(enterpriseInput({ channel: 'HOTLINE_96871', receivedAt: 'yesterday' }));
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    for (const key of ['', 'short', 'k'.repeat(PETITION_LIMITS.idempotencyKeyMaxChars + 1), 'key with spaces\u0000']) {
      const r = await hotline.submitRaw(enterpriseInput({ channel: 'EMAIL' }), key);
      expect(r.errors?.[0]?.extensions, key).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    }
    const badEnum = await hotline.submitRaw(enterpriseInput({ channel: 'FAX' }));
    expect(badEnum.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await counts(a)).toEqual({ petitions: 0, events: 0 });
  });

  it('triage and answer texts: a coded error naming the argument, the petition unchanged', async () => {
    const a = api();
    const enterprise = new PetitionClient(await a.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    const office = new PetitionClient(await a.as({ role: 'office', sub: 'o' }));
    const p = await enterprise.submit(enterpriseInput());
    const before = await counts(a);
    expect((await office.refuse(p.id, 'ILLEGAL', '')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'explanation' });
    expect((await office.refuse(p.id, 'ILLEGAL', huge(PETITION_LIMITS.explanationMaxChars + 1))).errors?.[0]?.extensions?.field).toBe('explanation');
    expect((await office.requestMaterials(p.id, '请补充\u2066材料\u2069')).errors?.[0]?.extensions?.field).toBe('note');
    must(await office.accept(p.id, 'PROFESSIONAL'));
    expect((await office.assign(p.id, 'no-such-department')).errors?.[0]?.extensions?.field).toBe('lead');
    expect((await office.assign(p.id, 'tax', ['tax'])).errors?.[0]?.extensions?.field).toBe('co');
    expect((await office.finalAnswer(p.id, '答复\u001b[31m')).errors?.[0]?.extensions?.field).toBe('text');
    expect((await office.finalAnswer(p.id, '答复', ['bad id with spaces'])).errors?.[0]?.extensions?.field).toBe('policyIds.0');
    expect((await office.list({}, PETITION_LIMITS.pageSizeMax + 1)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await office.list({}, 10, 'garbage')).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const after = await counts(a);
    expect(after.events - before.events).toBe(1); // only the acceptance
    expect((await office.view(p.id)).status).toBe('IN_HANDLING');
  });

  it('an oversized request body is refused with a coded 413, not a crash', async () => {
    const token = await api().as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC });
    const r = await token.request(`mutation($i: SubmitPetitionInput!) { submitPetition(input: $i, idempotencyKey: "${freshKey()}") { id } }`, {
      i: enterpriseInput({ content: huge(800_000) }),
    });
    expect(r.status).toBe(413);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a flood of submissions from one account is RATE_LIMITED, and the limit resets', async () => {
    const a = api();
    const enterprise = new PetitionClient(await a.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 31; i++) codes.push((await enterprise.submitRaw(enterpriseInput({ title: '' }))).errors?.[0]?.extensions?.code);
    expect(codes.slice(0, 30).every((c) => c === 'BAD_USER_INPUT')).toBe(true);
    expect(codes[30]).toBe('RATE_LIMITED');
    a.clock.advanceMs(60_000);
    expect((await enterprise.submitRaw(enterpriseInput({ title: '' }))).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
