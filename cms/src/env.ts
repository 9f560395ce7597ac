// The CMS's one env module: every setting is read and validated here, at boot, and nowhere else.
// Secrets are generated on first start in development and kept in the data directory, so
// `npm start` needs no setup; in production (NODE_ENV=production) they must be set.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The repository root: the nearest folder above this file whose package.json declares workspaces.
 * This file runs both from cms/src (scripts) and from cms/dist/src (Strapi). */
function findRepoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && 'workspaces' in (JSON.parse(readFileSync(pkg, 'utf8')) as object)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}
const REPO_ROOT = findRepoRoot();

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATA_DIR: z.string().min(1).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite file)')
      .optional(),
    CMS_DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'CMS_DATABASE_SCHEMA must be a lower-case SQL identifier').default('public'),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    CMS_HOST: z.string().default('127.0.0.1'),
    CMS_PORT: z.coerce.number().int().min(0).max(65535).default(1337),
    CMS_PUBLIC_URL: z.string().url().optional(),
    APP_KEYS: z.string().optional(),
    ADMIN_JWT_SECRET: z.string().optional(),
    API_TOKEN_SALT: z.string().optional(),
    TRANSFER_TOKEN_SALT: z.string().optional(),
    ENCRYPTION_KEY: z.string().optional(),
    DEMO_PASSWORD: z.string().min(8, 'DEMO_PASSWORD must be at least 8 characters').optional(),
    // Only `npm start` (scripts/start.ts) sets SEED_DEMO=1; every other boot (commands such as import,
    // the production image) never seeds, whatever the data directory holds.
    // The loopback port search-sync listens on for the commit signal on SQLite (0 = it polls only);
    // the same variable as search-sync's (search-sync/src/env.ts).
    SYNC_WAKE_PORT: z.coerce.number().int().min(0).max(65535).default(7702),
    SEED_DEMO: z.enum(['0', '1'], { message: 'SEED_DEMO must be 1 (npm start sets it) or 0; leave it unset elsewhere' }).default('0'),
    // Staff identity (cms/src/identity): the `iss` of the api tokens the CMS signs, and the api's
    // GraphQL URL as the workbench (in the staff member's browser) reaches it.
    CMS_IDENTITY_ISSUER: z.string().min(1).default('zone-cms'),
    CMS_API_URL: z.string().url('CMS_API_URL must be the api\'s GraphQL URL, such as https://api.example/graphql').optional(),
  });

type Secrets = { appKeys: string[]; adminJwtSecret: string; apiTokenSalt: string; transferTokenSalt: string; encryptionKey: string };

export interface CmsEnv {
  nodeEnv: 'development' | 'production' | 'test';
  dataDir: string;
  database:
    | { client: 'sqlite'; filename: string }
    | { client: 'postgres'; connectionString: string; schema: string; poolMax: number };
  host: string;
  port: number;
  publicUrl: string | undefined;
  secrets: Secrets;
  demoPassword: string | undefined;
  /** Seed the demo set when the database holds no content at all: only `npm start` asks for it. */
  seedDemo: boolean;
  identity: { issuer: string; apiUrl: string };
  /** Where search-sync listens for the commit signal (SQLite; 0 = none). */
  syncWakePort: number;
}

function fail(sentence: string): never {
  // A readable sentence, not a stack: this is what an operator sees when the CMS refuses to start.
  throw new Error(`CMS configuration error: ${sentence}`);
}

function loadSecrets(raw: z.infer<typeof schema>, dataDir: string, production: boolean): Secrets {
  const given = {
    appKeys: raw.APP_KEYS?.split(',').map((k) => k.trim()).filter(Boolean),
    adminJwtSecret: raw.ADMIN_JWT_SECRET,
    apiTokenSalt: raw.API_TOKEN_SALT,
    transferTokenSalt: raw.TRANSFER_TOKEN_SALT,
    encryptionKey: raw.ENCRYPTION_KEY,
  };
  const missing = Object.entries(given).filter(([, v]) => !v || (Array.isArray(v) && v.length === 0)).map(([k]) => k);
  if (missing.length === 0) return given as Secrets;
  if (production) {
    fail(`set APP_KEYS, ADMIN_JWT_SECRET, API_TOKEN_SALT, TRANSFER_TOKEN_SALT and ENCRYPTION_KEY (missing: ${missing.join(', ')}). Generate each with: openssl rand -base64 32`);
  }
  const file = path.join(dataDir, 'cms-secrets.json');
  let stored: Partial<Secrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
  const gen = () => randomBytes(24).toString('base64');
  const secrets: Secrets = {
    appKeys: given.appKeys?.length ? given.appKeys : stored.appKeys ?? [gen(), gen()],
    adminJwtSecret: given.adminJwtSecret ?? stored.adminJwtSecret ?? gen(),
    apiTokenSalt: given.apiTokenSalt ?? stored.apiTokenSalt ?? gen(),
    transferTokenSalt: given.transferTokenSalt ?? stored.transferTokenSalt ?? gen(),
    encryptionKey: given.encryptionKey ?? stored.encryptionKey ?? gen(),
  };
  // The data directory and the secrets are the owner's only (a file written before keeps its mode: chmod).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

let cached: { key: string; env: CmsEnv } | undefined;

/**
 * Where the embedded SQLite database is (undefined with DATABASE_URL), without creating anything:
 * a command can check that there is a database before booting the CMS on it.
 */
export function embeddedDatabaseFile(): string | undefined {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success || parsed.data.DATABASE_URL) return undefined;
  return path.join(path.resolve(parsed.data.DATA_DIR ?? path.join(REPO_ROOT, '.data')), 'cms.sqlite');
}

export function cmsEnv(): CmsEnv {
  // Parsed once per distinct environment: a process that boots the CMS again with other settings
  // (the test suites do, SQLite then PostgreSQL) gets the new ones.
  const key = JSON.stringify(Object.keys(schema.shape).map((k) => process.env[k] ?? null));
  if (cached?.key === key) return cached.env;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`);
  }
  const raw = parsed.data;
  const production = raw.NODE_ENV === 'production';
  const dataDir = path.resolve(raw.DATA_DIR ?? path.join(REPO_ROOT, '.data'));
  if (production && !raw.DATABASE_URL) fail('set DATABASE_URL to the PostgreSQL database (production does not use the embedded SQLite file)');
  const env: CmsEnv = {
    nodeEnv: raw.NODE_ENV,
    dataDir,
    database: raw.DATABASE_URL
      ? { client: 'postgres', connectionString: raw.DATABASE_URL, schema: raw.CMS_DATABASE_SCHEMA, poolMax: raw.DATABASE_POOL_MAX }
      : { client: 'sqlite', filename: path.join(dataDir, 'cms.sqlite') },
    host: raw.CMS_HOST,
    port: raw.CMS_PORT,
    publicUrl: raw.CMS_PUBLIC_URL,
    secrets: loadSecrets(raw, dataDir, production),
    demoPassword: raw.DEMO_PASSWORD,
    seedDemo: raw.SEED_DEMO === '1',
    identity: {
      issuer: raw.CMS_IDENTITY_ISSUER,
      apiUrl: raw.CMS_API_URL ?? (production ? fail("set CMS_API_URL to the api's public GraphQL URL (the workbench calls it from the browser)") : 'http://127.0.0.1:4000/graphql'),
    },
    syncWakePort: raw.SYNC_WAKE_PORT,
  };
  cached = { key, env };
  return env;
}

