// Boots the real Strapi in-process (compiled by test/global-setup.ts) on a suite's own database,
// listening on a free port, and speaks to it as an admin user would: through the admin HTTP API.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { cloneCmsTemplate } from './cms-template.ts';
import { createTestDatabase, type DbKind, type TestDatabase } from './databases.ts';

const require = createRequire(import.meta.url);
const CMS_DIR = path.resolve(import.meta.dirname, '..', '..', '..', 'cms');

export interface CmsUnderTest {
  strapi: Core.Strapi;
  url: string;
  db: TestDatabase;
  /** Stops Strapi; drops the suite's database unless keepDatabase (to start again on the same data). */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

export interface StartCmsOptions {
  seedDemo?: boolean;
  serveAdminPanel?: boolean;
  env?: Record<string, string>;
  /** Start on an existing test database (a restart), instead of a fresh one. */
  database?: TestDatabase;
  /**
   * Boot on an empty database even when the run has a template (cms-template.ts): for suites about
   * the first boot itself. Implied when `env` sets DATA_DIR.
   */
  fresh?: boolean;
}

export async function startCms(kind: DbKind, label: string, options: StartCmsOptions = {}): Promise<CmsUnderTest> {
  const useTemplate = !options.database && !options.fresh && !options.env?.DATA_DIR;
  const db = options.database ?? (useTemplate ? await cloneCmsTemplate(kind, label, options.seedDemo ? 'demo' : 'bare') : null) ?? (await createTestDatabase(kind, label));
  Object.assign(process.env, {
    NODE_ENV: 'test',
    CMS_HOST: '127.0.0.1',
    CMS_PORT: '0',
    SEED_DEMO: options.seedDemo ? '1' : '0',
    DEMO_PASSWORD: 'Demo-Passw0rd',
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'none',
    ...db.env,
    ...options.env,
  });
  if (kind === 'sqlite') {
    delete process.env.DATABASE_URL;
    delete process.env.CMS_DATABASE_SCHEMA;
  }
  // Strapi.destroy() calls process.removeAllListeners(), which would cut the test runner's own IPC
  // channel: remember the runner's listeners now and put them back after destroy.
  const runnerListeners = process.eventNames().map((name) => [name, process.rawListeners(name)] as const);
  const { createStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const strapi = await createStrapi({
    appDir: CMS_DIR,
    distDir: path.join(CMS_DIR, 'dist'),
    autoReload: false,
    serveAdminPanel: options.serveAdminPanel ?? false,
  }).load();
  strapi.log.level = 'warn';
  await strapi.listen();
  const address = strapi.server.httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  return {
    strapi,
    url,
    db,
    async stop(stopOptions) {
      await strapi.destroy();
      for (const [name, listeners] of runnerListeners) {
        for (const listener of listeners) {
          if (!process.rawListeners(name).includes(listener)) process.on(name as 'message', listener as () => void);
        }
      }
      if (!stopOptions?.keepDatabase) await db.drop();
    },
  };
}

/** An admin user of the CMS talking to the admin HTTP API, as the admin UI does. */
export class AdminClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  static async login(baseUrl: string, email: string, password: string): Promise<AdminClient> {
    const res = await fetch(`${baseUrl}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as { data?: { token?: string }; error?: unknown };
    if (!res.ok || !body.data?.token) throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(body.error)}`);
    return new AdminClient(baseUrl, body.data.token);
  }

  async request(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.baseUrl}${pathname}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // keep the text
    }
    return { status: res.status, body: parsed };
  }

  /** Uploads a file to the media library as the admin UI does (multipart `files`). */
  async upload(name: string, content: string, mime = 'text/plain'): Promise<{ status: number; body: any }> {
    const form = new FormData();
    form.append('files', new Blob([content], { type: mime }), name);
    const res = await fetch(`${this.baseUrl}/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}` },
      body: form,
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, body: await res.json() };
  }

  // The content-manager routes the admin UI uses (Strapi 5).
  list(uid: string, locale = 'zh-Hans') {
    return this.request('GET', `/content-manager/collection-types/${uid}?page=1&pageSize=100&locale=${locale}`);
  }
  get(uid: string, documentId: string, locale = 'zh-Hans') {
    return this.request('GET', `/content-manager/collection-types/${uid}/${documentId}?locale=${locale}`);
  }
  create(uid: string, data: Record<string, unknown>, locale = 'zh-Hans') {
    return this.request('POST', `/content-manager/collection-types/${uid}?locale=${locale}`, data);
  }
  update(uid: string, documentId: string, data: Record<string, unknown>, locale = 'zh-Hans') {
    return this.request('PUT', `/content-manager/collection-types/${uid}/${documentId}?locale=${locale}`, data);
  }
  publish(uid: string, documentId: string, locale = 'zh-Hans', data: Record<string, unknown> = {}) {
    return this.request('POST', `/content-manager/collection-types/${uid}/${documentId}/actions/publish?locale=${locale}`, data);
  }
  unpublish(uid: string, documentId: string, locale = 'zh-Hans') {
    return this.request('POST', `/content-manager/collection-types/${uid}/${documentId}/actions/unpublish?locale=${locale}`, {});
  }
  discard(uid: string, documentId: string, locale = 'zh-Hans') {
    return this.request('POST', `/content-manager/collection-types/${uid}/${documentId}/actions/discard?locale=${locale}`, {});
  }
  remove(uid: string, documentId: string, locale = 'zh-Hans') {
    return this.request('DELETE', `/content-manager/collection-types/${uid}/${documentId}?locale=${locale}`);
  }
  bulkPublish(uid: string, documentIds: string[], locale = 'zh-Hans') {
    return this.request('POST', `/content-manager/collection-types/${uid}/actions/bulkPublish?locale=${locale}`, { documentIds });
  }
  bulkDelete(uid: string, documentIds: string[], locale = 'zh-Hans') {
    return this.request('POST', `/content-manager/collection-types/${uid}/actions/bulkDelete?locale=${locale}`, { documentIds });
  }
  clone(uid: string, sourceId: string, data: Record<string, unknown>, locale = 'zh-Hans') {
    return this.request('POST', `/content-manager/collection-types/${uid}/clone/${sourceId}?locale=${locale}`, data);
  }
}

/** Creates an active admin user holding the role with the given code. */
export async function createAdminUser(strapi: Core.Strapi, email: string, roleCode: string, password = 'Test-Passw0rd'): Promise<{ email: string; password: string }> {
  const role = (await strapi.db.query('admin::role').findOne({ where: { code: roleCode } })) as { id: number } | null;
  if (!role) throw new Error(`no role ${roleCode}`);
  await strapi.admin.services.user!.create({ email, firstname: email.split('@')[0], lastname: '', password, isActive: true, registrationToken: null, roles: [role.id] });
  return { email, password };
}
