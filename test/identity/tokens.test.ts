// One staff identity: the CMS issues short-lived api tokens for the logged-in staff member, and the
// api trusts each issuer only for its own role family. Real Strapi (SQLite and PostgreSQL), the real
// api, and a stand-in for the platform's identity provider publishing its own JWKS.
import { statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../helpers/databases.ts';
import { startCms, type CmsUnderTest } from '../helpers/cms.ts';
import { startSearchApi, type ApiUnderTest } from '../helpers/search-stack.ts';
import { cmsToken, staffMember, type IssuedStaffToken } from '../helpers/identity.ts';

const PLATFORM_ISSUER = 'https://platform.test';
const ENTERPRISE_USCC = '91330100799655058B';

/** The platform's identity provider: its own key pair and JWKS. */
async function startPlatformIdp() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'platform-1', alg: 'RS256', use: 'sig' };
  const server = http.createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  return {
    jwksUrl,
    sign: (claims: Record<string, unknown>, opts: { exp?: string | number | null; iss?: string; key?: CryptoKey } = {}) => {
      let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'platform-1' }).setIssuer(opts.iss ?? PLATFORM_ISSUER).setSubject('platform-user').setIssuedAt();
      if (opts.exp !== null) jwt = jwt.setExpirationTime(opts.exp ?? '5m');
      return jwt.sign(opts.key ?? privateKey);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const SUBMIT = `mutation($input: SubmitPetitionInput!, $key: String!) {
  submitPetition(input: $input, idempotencyKey: $key) { id channel receivedAt hotlineReplyPromise { category workingDays dueAt dueDate } }
}`;
const callInput = (title: string) => ({
  channel: 'HOTLINE_96871',
  submitter: { kind: 'INDIVIDUAL', name: '王先生' },
  contact: { name: '王先生', phone: '0573-82000000' },
  topic: 'PRODUCTION_OPERATION',
  title,
  content: `${title}，请问有什么政策？`,
});

describe.each(DB_KINDS)('staff identity (%s): CMS-issued api tokens', (kind) => {
  let cms: CmsUnderTest;
  let api: ApiUnderTest;
  let idp: Awaited<ReturnType<typeof startPlatformIdp>>;
  const tokens: Record<'hotline' | 'office' | 'tax' | 'finance' | 'leader', IssuedStaffToken> = {} as never;
  let superAdminStatus = 0;

  beforeAll(async () => {
    cms = await startCms(kind, 'identity');
    idp = await startPlatformIdp();
    api = await startSearchApi({
      host: 'http://127.0.0.1:9',
      searchKey: 'unused',
      prefix: 'identity',
      env: {
        API_CMS_JWKS_URL: `${cms.url}/api-identity/jwks.json`,
        API_PLATFORM_ISSUER: PLATFORM_ISSUER,
        API_PLATFORM_JWKS_URL: idp.jwksUrl,
      },
    });
    const s = cms.strapi;
    tokens.hotline = await cmsToken(await staffMember(s, cms.url, 'hotline@identity.test', 'hotline-agent'));
    tokens.office = await cmsToken(await staffMember(s, cms.url, 'office@identity.test', 'office-editor'));
    tokens.tax = await cmsToken(await staffMember(s, cms.url, 'tax@identity.test', 'department-editor-tax'));
    tokens.finance = await cmsToken(await staffMember(s, cms.url, 'finance@identity.test', 'department-editor-finance'));
    tokens.leader = await cmsToken(await staffMember(s, cms.url, 'leader@identity.test', 'leading-group'));
    const admin = await staffMember(s, cms.url, 'root@identity.test', 'strapi-super-admin');
    superAdminStatus = (await admin.request('POST', '/api-identity/token', {})).status;
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
    await idp?.close();
    await cms?.stop();
  });

  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  it('issues each staff member a token with their role (and department), iss, kid and exp ≤ 15 minutes', () => {
    expect(tokens.hotline.role).toBe('hotline');
    expect(tokens.office.role).toBe('office');
    expect(tokens.leader.role).toBe('leader');
    expect(tokens.tax).toMatchObject({ role: 'department', department: 'tax' });
    for (const t of Object.values(tokens)) {
      const claims = decodeJwt(t.token);
      expect(claims.iss).toBe('zone-cms');
      expect(typeof claims.exp).toBe('number');
      expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(15 * 60);
      expect(claims.exp! * 1000).toBe(Date.parse(t.expiresAt));
      expect(decodeProtectedHeader(t.token)).toMatchObject({ alg: 'ES256', kid: expect.any(String) });
    }
    expect(decodeJwt(tokens.tax.token)).toMatchObject({ role: 'department', department: 'tax' });
  });

  it('refuses a token to an account without a staff role, and to nobody at all', async () => {
    expect(superAdminStatus).toBe(403);
    const anonymous = await fetch(`${cms.url}/api-identity/token`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
    expect(anonymous.status).toBe(401);
  });

  it('publishes its public key (JWKS) and keeps the key pair in the data dir, readable by its owner only', async () => {
    const res = await fetch(`${cms.url}/api-identity/jwks.json`, { signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(200);
    const { keys } = (await res.json()) as { keys: Array<Record<string, string>> };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: decodeProtectedHeader(tokens.office.token).kid });
    expect(keys[0]).not.toHaveProperty('d');
    expect(statSync(path.join(cms.db.dataDir, 'identity-signing-key.json')).mode & 0o777).toBe(0o600);
  });

  it('a CMS-issued hotline token records a call at the api, and the caller is told the 咨询类 reply date', async () => {
    const r = await api.gql(SUBMIT, { input: callInput('招不到人'), key: 'identity-call-1' }, as(tokens.hotline.token));
    expect(r.errors).toBeUndefined();
    expect(r.data.submitPetition.channel).toBe('HOTLINE_96871');
    // Received Friday 2026-11-27 10:00 (the api's clock). 次日起算: day 1 is the next working day,
    // Monday 2026-11-30; the answer is due by the end of that day, Asia/Shanghai.
    expect(r.data.submitPetition.hotlineReplyPromise).toEqual({
      category: 'CONSULTATION',
      workingDays: 1,
      dueAt: '2026-11-30T15:59:59.999Z',
      dueDate: '2026-11-30',
    });
  });

  it('a department token cannot open another department’s petition', async () => {
    const submitted = await api.gql(SUBMIT, { input: callInput('税务发票问题'), key: 'identity-call-2' }, as(tokens.hotline.token));
    const id = submitted.data.submitPetition.id as string;
    const accept = await api.gql(`mutation($id: ID!) { acceptPetition(id: $id, category: PROFESSIONAL) { id } }`, { id }, as(tokens.office.token));
    expect(accept.errors).toBeUndefined();
    const assign = await api.gql(`mutation($id: ID!) { assignDepartments(id: $id, lead: "tax") { id } }`, { id }, as(tokens.office.token));
    expect(assign.errors).toBeUndefined();
    const read = `query($id: ID!) { petition(id: $id) { id title } }`;
    expect((await api.gql(read, { id }, as(tokens.tax.token))).data?.petition.title).toBe('税务发票问题');
    const other = await api.gql(read, { id }, as(tokens.finance.token));
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('trusts the platform for enterprises, but refuses a platform token claiming a staff role', async () => {
    const enterprise = await idp.sign({ role: 'enterprise', uscc: ENTERPRISE_USCC });
    const mine = await api.gql(`{ petitions(first: 1) { edges { node { id } } } }`, {}, as(enterprise));
    expect(mine.status).toBe(200);
    expect(mine.errors).toBeUndefined();
    for (const role of ['office', 'hotline', 'leader']) {
      const forged = await idp.sign({ role });
      const r = await api.gql(`{ health }`, {}, as(forged));
      expect(r.status, role).toBe(401);
      expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const dept = await idp.sign({ role: 'department', department: 'tax' });
    expect((await api.gql(`{ health }`, {}, as(dept))).status).toBe(401);
  });

  it('refuses expired tokens, tokens without exp, and tokens of unknown issuers', async () => {
    const expired = await idp.sign({ role: 'enterprise', uscc: ENTERPRISE_USCC }, { exp: Math.floor(Date.now() / 1000) - 120 });
    const noExp = await idp.sign({ role: 'enterprise', uscc: ENTERPRISE_USCC }, { exp: null });
    const stranger = await generateKeyPair('RS256');
    const unknown = await idp.sign({ role: 'enterprise', uscc: ENTERPRISE_USCC }, { iss: 'https://unknown.test', key: stranger.privateKey });
    // Claims to be the CMS, signed with someone else's key.
    const forgedCms = await new SignJWT({ role: 'office' }).setProtectedHeader({ alg: 'RS256', kid: 'x' }).setIssuer('zone-cms').setSubject('x').setExpirationTime('5m').sign(stranger.privateKey);
    for (const [name, token] of Object.entries({ expired, noExp, unknown, forgedCms })) {
      const r = await api.gql(`{ health }`, {}, as(token));
      expect(r.status, name).toBe(401);
      expect(r.errors?.[0]?.extensions?.code, name).toBe('UNAUTHENTICATED');
    }
    // The same claims, in date and from the platform, pass: the refusals above are about exp and iss only.
    expect((await api.gql(`{ health }`, {}, as(await idp.sign({ role: 'enterprise', uscc: ENTERPRISE_USCC })))).status).toBe(200);
  });
});
