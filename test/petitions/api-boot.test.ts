// Boot-time configuration and token verification of the api that hosts the petition module.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier } from '../../api/src/auth/verify-token.ts';
import { mintToken } from '../../api/src/auth/mint-token.ts';
import { InvalidEnvError, loadEnv } from '../../api/src/env.ts';
import { ForbiddenError, formatError } from '../../api/src/errors/index.ts';
import { GraphQLError } from 'graphql';
import { startTestApi, stopTestApi } from '../helpers/api/test-api.ts';

describe('env validation', () => {
  it('stops a production boot without a way to verify tokens, saying what to set', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(InvalidEnvError);
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/set API_CMS_JWKS_URL .* and API_CMS_ISSUER/);
    // Shared-secret (development) tokens are never trusted in production.
    expect(() => loadEnv({ NODE_ENV: 'production', API_JWT_SECRET: 'x'.repeat(40), API_CMS_JWKS_URL: 'https://cms.example/api-identity/jwks.json' })).toThrow(
      /API_JWT_SECRET .* refused in production/,
    );
  });

  it('refuses contradictory or malformed settings', () => {
    expect(() => loadEnv({ API_JWT_SECRET: 'x'.repeat(40), API_JWKS_URL: 'https://id.example/jwks.json' })).toThrow(/API_JWKS_URL was replaced/);
    expect(() => loadEnv({ API_PLATFORM_ISSUER: 'https://id.example' })).toThrow(/Set both API_PLATFORM_ISSUER .* or neither/);
    expect(() => loadEnv({ API_JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(() => loadEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres:\/\//);
    expect(() => loadEnv({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('has working development defaults', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(4000);
    expect(env.DATA_DIR.endsWith('.data')).toBe(true);
    expect(env.jwt?.kind).toBe('hs256');
    // npm start trusts the CMS at its local URL for staff roles.
    expect(env.issuers.find((i) => i.name === 'cms')).toMatchObject({ kind: 'jwks', jwksUrl: 'http://127.0.0.1:1337/api-identity/jwks.json' });
  });
});

describe('bearer tokens', () => {
  it('verifies asymmetric tokens against a JWKS URL (production) and rejects HS256 ones there', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = http.createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
      const verifier = createTokenVerifier({ kind: 'jwks', url });
      const token = await new SignJWT({ role: 'department', department: 'tax' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('tax-specialist')
        .setExpirationTime('5m')
        .sign(privateKey);
      expect(await verifier.actorFromHeader(`Bearer ${token}`)).toEqual({ role: 'department', id: 'tax-specialist', department: 'tax' });
      const hs = await mintToken({ role: 'office', sub: 'o' }, 'x'.repeat(40));
      await expect(verifier.actorFromHeader(`Bearer ${hs}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      server.close();
    }
  });

  it('rejects claims that do not describe a valid role', async () => {
    const secret = 'y'.repeat(40);
    const verifier = createTokenVerifier({ kind: 'hs256', secret });
    const forged = await new SignJWT({ role: 'enterprise', uscc: '91330400MA2B3C4D57' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('e')
      .sign(new TextEncoder().encode(secret));
    await expect(verifier.actorFromHeader(`Bearer ${forged}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const officeDept = await new SignJWT({ role: 'department', department: 'office' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('d')
      .sign(new TextEncoder().encode(secret));
    await expect(verifier.actorFromHeader(`Bearer ${officeDept}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('http surface', () => {
  it('answers /healthz, 404 elsewhere, and masks nothing it should not', async () => {
    const api = await startTestApi('sqlite');
    try {
      const base = api.server.url.replace(/\/graphql$/, '');
      const health = await fetch(`${base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect((await fetch(`${base}/nope`)).status).toBe(404);
      const badJson = await fetch(api.server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
      expect(badJson.status).toBe(400);
      expect(((await badJson.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('BAD_REQUEST');
    } finally {
      await stopTestApi(api);
    }
  });
});

describe('error masking', () => {
  it('keeps coded api errors and masks anything unexpected, without a stack', () => {
    const logged: unknown[] = [];
    const boom = new GraphQLError('db password is hunter2', { originalError: new TypeError('x is undefined'), path: ['petition'] });
    const masked = formatError({ message: boom.message, path: ['petition'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at …'] } }, boom, (e) => logged.push(e));
    expect(masked).toEqual({ message: '服务器内部错误 (internal server error)', path: ['petition'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(logged).toHaveLength(1);
    const forbidden = new ForbiddenError();
    expect(formatError({ message: forbidden.message, extensions: { code: 'FORBIDDEN' } }, forbidden).extensions).toEqual({ code: 'FORBIDDEN' });
  });
});
