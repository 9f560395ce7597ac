// The supervisor's own settings (it passes the whole environment on to the components, each of
// which validates its own). Read once, here.
import path from 'node:path';
import { z } from 'zod';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

const schema = z.object({
  DATA_DIR: z.string().min(1).optional(),
  CMS_HOST: z.string().default('127.0.0.1'),
  CMS_PORT: z.coerce.number().int().min(1).max(65535).default(1337),
  PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  DEMO_PASSWORD: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  NODE_ENV: z.string().default('development'),
  START_ONLY: z.string().optional(),
  MEILI_HOST: z.string().url().optional(),
  MEILI_PORT: z.coerce.number().int().min(1).max(65535).default(7700),
  SYNC_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).default(7701),
  CMS_API_URL: z.string().url().optional(),
  API_CMS_JWKS_URL: z.string().url().optional(),
});

export interface StartEnv {
  dataDir: string;
  cmsUrl: string;
  apiUrl: string;
  demoPassword: string | undefined;
  usesPostgres: boolean;
  /** Meilisearch: the embedded binary on MEILI_PORT, or the external MEILI_HOST. */
  meiliUrl: string;
  embeddedMeili: boolean;
  syncHealthUrl: string;
  production: boolean;
  /** Comma-separated component names to start (default: all). */
  only: Set<string> | undefined;
  /** The api's GraphQL URL as the workbench reaches it (CMS_API_URL), and the CMS's JWKS as the api fetches it. */
  workbenchApiUrl: string;
  cmsJwksUrl: string;
}

export function startEnv(): StartEnv {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`npm start: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    dataDir: path.resolve(e.DATA_DIR ?? path.join(REPO_ROOT, '.data')),
    cmsUrl: `http://${e.CMS_HOST === '0.0.0.0' ? '127.0.0.1' : e.CMS_HOST}:${e.CMS_PORT}`,
    apiUrl: `http://127.0.0.1:${e.PORT}`,
    demoPassword: e.DEMO_PASSWORD,
    usesPostgres: Boolean(e.DATABASE_URL),
    meiliUrl: e.MEILI_HOST ?? `http://127.0.0.1:${e.MEILI_PORT}`,
    embeddedMeili: !e.MEILI_HOST,
    syncHealthUrl: `http://127.0.0.1:${e.SYNC_HEALTH_PORT}/healthz`,
    production: e.NODE_ENV === 'production',
    only: e.START_ONLY ? new Set(e.START_ONLY.split(',').map((s) => s.trim())) : undefined,
    workbenchApiUrl: e.CMS_API_URL ?? `http://127.0.0.1:${e.PORT}/graphql`,
    cmsJwksUrl: e.API_CMS_JWKS_URL ?? `http://${e.CMS_HOST === '0.0.0.0' ? '127.0.0.1' : e.CMS_HOST}:${e.CMS_PORT}/api-identity/jwks.json`,
  };
}
