// An attacker's tokens against the api's verifier, configured as in production: the CMS's key set
// (served over real HTTP as the CMS serves it) for staff, no shared secret. Every forged or
// borrowed token must be refused as UNAUTHENTICATED; the one genuine token is accepted.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair, calculateJwkThumbprint, type CryptoKey, type JWK } from 'jose';
import { createIssuerVerifier, type TokenVerifier } from '../../api/src/auth/verify-token.ts';
import { corsHandler } from '../../api/src/http/cors.ts';

const CMS_ISSUER = 'https://cms.zone.example';
const PLATFORM_ISSUER = 'https://platform.zone.example';

describe('forged and borrowed api tokens (production issuers: CMS and platform key sets)', () => {
  let server: http.Server;
  let base: string;
  let verifier: TokenVerifier;
  let cmsKey: CryptoKey;
  let cmsKid: string;
  let cmsPublicJwk: JWK;
  let platformKey: CryptoKey;
  let platformKid: string;
  let attackerKey: CryptoKey;
  let attackerJwk: JWK;

  const now = () => Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>, key: CryptoKey, header: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'ES256', ...header }).sign(key);
  const expectRefused = async (token: string, what: string) => {
    await expect(verifier.actorFromHeader(`Bearer ${token}`), what).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  };

  beforeAll(async () => {
    const cms = await generateKeyPair('ES256', { extractable: true });
    const platform = await generateKeyPair('ES256', { extractable: true });
    const attacker = await generateKeyPair('ES256', { extractable: true });
    cmsKey = cms.privateKey;
    platformKey = platform.privateKey;
    attackerKey = attacker.privateKey;
    cmsPublicJwk = await exportJWK(cms.publicKey);
    cmsKid = await calculateJwkThumbprint(cmsPublicJwk);
    const platformJwk = await exportJWK(platform.publicKey);
    platformKid = await calculateJwkThumbprint(platformJwk);
    attackerJwk = await exportJWK(attacker.publicKey);
    server = http.createServer((req, res) => {
      const keys = req.url === '/cms/jwks.json' ? [{ ...cmsPublicJwk, kid: cmsKid, alg: 'ES256', use: 'sig' }] : req.url === '/platform/jwks.json' ? [{ ...platformJwk, kid: platformKid, alg: 'ES256', use: 'sig' }] : null;
      if (!keys) {
        res.statusCode = 404;
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    verifier = createIssuerVerifier(
      [
        { name: 'cms', kind: 'jwks', issuer: CMS_ISSUER, jwksUrl: `${base}/cms/jwks.json`, roles: ['office', 'department', 'hotline', 'leader'] },
        { name: 'platform', kind: 'jwks', issuer: PLATFORM_ISSUER, jwksUrl: `${base}/platform/jwks.json`, roles: ['enterprise', 'individual'] },
      ],
      { jwksTimeoutMs: 2000 },
    );
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  const staff = { role: 'department', department: 'finance', sub: 'cms-user:7', iss: CMS_ISSUER };

  it('accepts the genuine CMS token (the control)', async () => {
    const token = await sign({ ...staff, exp: now() + 600 }, cmsKey, { kid: cmsKid });
    await expect(verifier.actorFromHeader(`Bearer ${token}`)).resolves.toEqual({ role: 'department', id: 'cms-user:7', department: 'finance' });
  });

  it('refuses alg none, with and without a kid', async () => {
    await expectRefused(new UnsecuredJWT({ ...staff, exp: now() + 600 }).encode(), 'none');
    const [, payload] = (await sign({ ...staff, exp: now() + 600 }, cmsKey, { kid: cmsKid })).split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', kid: cmsKid })).toString('base64url');
    await expectRefused(`${header}.${payload}.`, 'none with kid');
  });

  it('refuses HS256 signed with the CMS’s public key (algorithm confusion), whatever its encoding', async () => {
    const secrets = [JSON.stringify(cmsPublicJwk), JSON.stringify({ ...cmsPublicJwk, kid: cmsKid, alg: 'ES256', use: 'sig' }), cmsPublicJwk.x!, `${cmsPublicJwk.x}${cmsPublicJwk.y}`];
    for (const secret of secrets) {
      const token = await new SignJWT({ ...staff, exp: now() + 600 }).setProtectedHeader({ alg: 'HS256', kid: cmsKid }).sign(new TextEncoder().encode(secret));
      await expectRefused(token, `HS256 over ${secret.slice(0, 20)}`);
    }
  });

  it('refuses an attacker’s key named in the header (jwk, jku, x5u) or a kid that is not in the key set', async () => {
    const claims = { ...staff, exp: now() + 600 };
    await expectRefused(await sign(claims, attackerKey, { jwk: attackerJwk }), 'embedded jwk');
    await expectRefused(await sign(claims, attackerKey, { kid: cmsKid, jku: `${base}/attacker.json` }), 'jku');
    await expectRefused(await sign(claims, attackerKey, { kid: cmsKid, x5u: `${base}/attacker.pem` }), 'x5u');
    await expectRefused(await sign(claims, attackerKey, { kid: '../../platform/jwks.json' }), 'kid traversal');
    await expectRefused(await sign(claims, attackerKey, {}), 'no kid');
  });

  it('refuses the platform’s key signing a staff role, and the CMS’s key signing for the platform issuer', async () => {
    await expectRefused(await sign({ ...staff, iss: PLATFORM_ISSUER, exp: now() + 600 }, platformKey, { kid: platformKid }), 'platform key, staff role');
    await expectRefused(await sign({ ...staff, iss: CMS_ISSUER, exp: now() + 600 }, platformKey, { kid: platformKid }), 'platform key, CMS iss');
    await expectRefused(
      await sign({ role: 'enterprise', sub: 'e1', uscc: '91330400MA2B1234X5', iss: CMS_ISSUER, exp: now() + 600 }, cmsKey, { kid: cmsKid }),
      'CMS key, enterprise role',
    );
  });

  it('refuses no exp, an expired token, a token not yet valid, no iss, and an unknown iss', async () => {
    await expectRefused(await sign({ ...staff }, cmsKey, { kid: cmsKid }), 'no exp');
    await expectRefused(await sign({ ...staff, exp: now() - 120 }, cmsKey, { kid: cmsKid }), 'expired');
    await expectRefused(await sign({ ...staff, exp: now() + 600, nbf: now() + 300 }, cmsKey, { kid: cmsKid }), 'nbf in the future');
    const { iss: _iss, ...noIss } = staff;
    await expectRefused(await sign({ ...noIss, exp: now() + 600 }, cmsKey, { kid: cmsKid }), 'no iss');
    await expectRefused(await sign({ ...staff, iss: `${CMS_ISSUER}/`, exp: now() + 600 }, cmsKey, { kid: cmsKid }), 'iss with a trailing slash');
  });

  it('refuses claims that name no real department, the office as a department, or a role list', async () => {
    for (const extra of [{ department: 'office' }, { department: 'FINANCE' }, { department: ['finance', 'tax'] }, { role: ['department', 'office'] }, { role: 'Office' }, { department: undefined }]) {
      await expectRefused(await sign({ ...staff, ...extra, exp: now() + 600 }, cmsKey, { kid: cmsKid }), JSON.stringify(extra));
    }
  });

  it('refuses malformed Authorization headers as UNAUTHENTICATED, never a 500', async () => {
    const genuine = await sign({ ...staff, exp: now() + 600 }, cmsKey, { kid: cmsKid });
    for (const header of [`Bearer ${genuine} ${genuine}`, `Basic ${genuine}`, 'Bearer a.b', 'Bearer ....', `Bearer ${genuine}x`]) {
      await expect(verifier.actorFromHeader(header), header.slice(0, 30)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    }
  });
});

describe('CORS: only the configured origins, exactly', () => {
  let server: http.Server;
  let base: string;
  const ALLOWED = 'https://cms.zone.example';

  beforeAll(async () => {
    const handle = corsHandler([ALLOWED]);
    server = http.createServer((req, res) => {
      void handle(req, res).then((r) => {
        if (r === 'continue') res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it('answers the allowed origin, and no look-alike, null or reflected origin', async () => {
    const ok = await fetch(base, { method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-method': 'POST' }, signal: AbortSignal.timeout(5000) });
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    for (const origin of ['null', `${ALLOWED}.evil.example`, 'https://evil.example', `${ALLOWED}/`, 'HTTPS://CMS.ZONE.EXAMPLE', `https://x.cms.zone.example`]) {
      for (const method of ['OPTIONS', 'POST']) {
        const res = await fetch(base, { method, headers: { origin, 'access-control-request-method': 'POST' }, signal: AbortSignal.timeout(5000) });
        expect(res.headers.get('access-control-allow-origin'), `${method} ${origin}`).toBeNull();
        expect(res.headers.get('access-control-allow-credentials'), `${method} ${origin}`).toBeNull();
      }
    }
  });
});
