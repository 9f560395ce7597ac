// The api's one env module: the only place that reads process.env (STYLE.md "Config").
// A missing or contradictory setting stops the boot with a sentence that says what to set.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Fixed development secret so `npm start` and `npm run token` work out of the box. Never used in production. */
export const DEV_JWT_SECRET = 'dev-only-secret-zone-api-change-me-0123456789';

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.data')),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL')
      .optional(),
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'DATABASE_SCHEMA must be a lower-case SQL identifier')
      .default('api'),
    API_JWT_SECRET: z.string().min(32, 'API_JWT_SECRET must be at least 32 characters').optional(),
    API_JWKS_URL: z.url().optional(),
    API_JWT_ISSUER: z.string().min(1).optional(),
    API_JWT_AUDIENCE: z.string().min(1).optional(),
    MEILI_HOST: z.url('MEILI_HOST must be a URL such as http://127.0.0.1:7700').optional(),
    MEILI_SEARCH_KEY: z.string().min(1).optional(),
    MEILI_INDEX_PREFIX: z.string().regex(/^[A-Za-z0-9_-]*$/, 'MEILI_INDEX_PREFIX may contain letters, digits, _ and - only').default(''),
    MEILI_SEARCH_KEY_FILE: z.string().min(1).optional(),
    MEILI_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1500),
    SEARCH_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
    SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
    // 政策找企业 (api/src/matching/): item cache, publish watcher, platform webhook.
    MATCH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    MATCH_SCAN_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
    PLATFORM_WEBHOOK_URL: z.url('PLATFORM_WEBHOOK_URL must be a URL such as https://platform.example/hooks/policy-match').optional(),
    PLATFORM_WEBHOOK_SECRET: z.string().min(32, 'PLATFORM_WEBHOOK_SECRET must be at least 32 characters').optional(),
    PLATFORM_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    PLATFORM_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
    PLATFORM_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .transform((env, ctx) => {
    if (env.API_JWT_SECRET && env.API_JWKS_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_JWKS_URL'],
        message: 'Set either API_JWT_SECRET (HS256) or API_JWKS_URL (asymmetric keys), not both.',
      });
      return z.NEVER;
    }
    if (env.NODE_ENV === 'production' && !env.API_JWT_SECRET && !env.API_JWKS_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_JWT_SECRET'],
        message: 'In production set API_JWKS_URL (recommended) or API_JWT_SECRET (32+ characters) to verify bearer tokens.',
      });
      return z.NEVER;
    }
    if (env.NODE_ENV === 'production' && !env.MEILI_SEARCH_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEILI_SEARCH_KEY'],
        message: 'In production set MEILI_HOST and MEILI_SEARCH_KEY (the search-only key search-sync created; never the master key).',
      });
      return z.NEVER;
    }
    if (env.PLATFORM_WEBHOOK_URL && !env.PLATFORM_WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['PLATFORM_WEBHOOK_SECRET'], message: 'PLATFORM_WEBHOOK_URL is set: also set PLATFORM_WEBHOOK_SECRET (32+ characters) to sign the match notices.' });
      return z.NEVER;
    }
    const platformWebhook = env.PLATFORM_WEBHOOK_URL && env.PLATFORM_WEBHOOK_SECRET ? { url: env.PLATFORM_WEBHOOK_URL, secret: env.PLATFORM_WEBHOOK_SECRET, timeoutMs: env.PLATFORM_WEBHOOK_TIMEOUT_MS } : null;
    const jwt =
      env.API_JWKS_URL !== undefined
        ? ({ kind: 'jwks', url: env.API_JWKS_URL } as const)
        : ({ kind: 'hs256', secret: env.API_JWT_SECRET ?? DEV_JWT_SECRET } as const);
    const searchKeyFile = env.MEILI_SEARCH_KEY_FILE ?? path.join(env.DATA_DIR, 'meili-search-key.json');
    return { ...env, jwt, searchKeyFile, platformWebhook };
  });

export type ApiEnv = z.infer<typeof EnvSchema>;

export class InvalidEnvError extends Error {
  override name = 'InvalidEnvError';
}

/** Parse the environment (process.env unless a script or test passes its own values). */
export function loadEnv(source: Record<string, string | undefined> = process.env): ApiEnv {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new InvalidEnvError(`The api cannot start; fix these settings:\n${lines.join('\n')}`);
  }
  return result.data;
}
