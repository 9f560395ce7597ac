// The developers' GraphQL IDE: GraphiQL served by the api from its npm package in development, so it
// loads the schema with no network beyond the api itself; in production there is none. Also the
// api's CORS: the admin's origin (the workbench) is answered, any other origin is not.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/app.ts';
import { loadEnv } from '../../api/src/env.ts';
import { startServer, type RunningServer } from '../../api/src/server.ts';
import { HAS_CHROMIUM, launchChromium } from '../helpers/browser.ts';
import { startTestApi, stopTestApi, type TestApi } from '../helpers/api/test-api.ts';
import { openTestDatabase } from '../helpers/api/test-database.ts';

const ADMIN_ORIGIN = 'http://127.0.0.1:1337';

describe.skipIf(!HAS_CHROMIUM)('GraphQL IDE in development (Chromium, offline)', () => {
  let api: TestApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startTestApi('sqlite');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (api) await stopTestApi(api);
  });

  it('GraphiQL loads the schema with every request answered by the api itself', async () => {
    const base = new URL(api.server.url.replace('localhost', '127.0.0.1')).origin;
    const context = await browser.newContext();
    const elsewhere: string[] = [];
    // Offline: anything not served by the api fails, and is noted.
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(base)) return route.continue();
      elsewhere.push(route.request().url());
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    const introspection = page.waitForResponse((r) => r.url().startsWith(`${base}/graphql`) && (r.request().postData() ?? '').includes('__schema'), { timeout: 30_000 });
    await page.goto(`${base}/graphiql`, { waitUntil: 'domcontentloaded' });
    const schema = (await (await introspection).json()) as { data?: { __schema?: { queryType?: { name: string } } }; errors?: unknown };
    expect(schema.errors).toBeUndefined();
    expect(schema.data?.__schema?.queryType?.name).toBe('Query');

    // What the developer sees: the documentation explorer lists the root types of the schema.
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await page.getByText('Query', { exact: true }).first().waitFor({ timeout: 15_000 });
    await page.getByText('Mutation', { exact: true }).first().waitFor({ timeout: 15_000 });
    expect(elsewhere).toEqual([]);
    await context.close();
  });

  it('a browser opening /graphql in development gets GraphiQL too', async () => {
    const res = await fetch(api.server.url, { headers: { accept: 'text/html' }, signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('/graphiql/graphiql.js');
  });
});

describe('GraphQL IDE in production', () => {
  let server: RunningServer;
  let stopApp: () => Promise<void>;

  beforeAll(async () => {
    const env = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent', API_ADMIN_ORIGIN: ADMIN_ORIGIN });
    const db = await openTestDatabase('sqlite');
    const app = await createApp(env, { database: db.database });
    server = await startServer({ services: app.services, verifier: app.verifier, production: true, host: '127.0.0.1', port: 0, corsOrigins: env.corsOrigins });
    stopApp = async () => {
      await server.stop();
      await db.cleanup();
    };
  });

  afterAll(async () => stopApp?.());

  it('serves no IDE and no IDE assets', async () => {
    const base = server.url.replace(/\/graphql$/, '').replace('localhost', '127.0.0.1');
    for (const p of ['/graphiql', '/graphiql/graphiql.js', '/graphiql/react.js']) {
      expect((await fetch(`${base}${p}`, { signal: AbortSignal.timeout(10_000) })).status, p).toBe(404);
    }
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' }, signal: AbortSignal.timeout(10_000) });
    expect(await page.text()).not.toContain('graphiql');
  });

  it('answers CORS for the admin’s origin only', async () => {
    const url = server.url.replace('localhost', '127.0.0.1');
    const preflight = (origin: string) =>
      fetch(url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
        signal: AbortSignal.timeout(10_000),
      });
    const admin = await preflight(ADMIN_ORIGIN);
    expect(admin.status).toBe(204);
    expect(admin.headers.get('access-control-allow-origin')).toBe(ADMIN_ORIGIN);
    expect(admin.headers.get('access-control-allow-headers')).toContain('authorization');
    const stranger = await preflight('https://evil.example');
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(url, { method: 'POST', headers: { origin: ADMIN_ORIGIN, 'content-type': 'application/json' }, body: '{"query":"{ health }"}', signal: AbortSignal.timeout(10_000) });
    expect(post.headers.get('access-control-allow-origin')).toBe(ADMIN_ORIGIN);
    expect(await post.json()).toEqual({ data: { health: 'ok' } });
  });
});
