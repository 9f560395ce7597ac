// The api's one env module: the only place that reads process.env (STYLE.md "Config").
// A missing or contradictory setting stops the boot with a sentence that says what to set.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { isCidr } from './rate-limit/client-address.ts';
import { ALL_ROLES, DEV_ISSUER, PLATFORM_ROLES, STAFF_ROLES, type IssuerConfig } from './auth/issuers.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Fixed development secret so `npm start` and `npm run token` work out of the box. Never used in production. */
export const DEV_JWT_SECRET = 'dev-only-secret-zone-api-change-me-0123456789';

function loopbackTwin(origin: string): string | null {
  const u = new URL(origin);
  if (u.hostname === '127.0.0.1') u.hostname = 'localhost';
  else if (u.hostname === 'localhost') u.hostname = '127.0.0.1';
  else return null;
  return u.origin;
}

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
    /** Replaced by API_CMS_JWKS_URL / API_PLATFORM_JWKS_URL; read only to say so. */
    API_JWKS_URL: z.string().optional(),
    API_JWT_ISSUER: z.string().min(1).optional(),
    API_JWT_AUDIENCE: z.string().min(1).optional(),
    API_CMS_ISSUER: z.string().min(1).default('zone-cms'),
    API_CMS_JWKS_URL: z.url('API_CMS_JWKS_URL must be a URL such as https://cms.example/api-identity/jwks.json').optional(),
    API_PLATFORM_ISSUER: z.string().min(1).optional(),
    API_PLATFORM_JWKS_URL: z.url('API_PLATFORM_JWKS_URL must be a URL').optional(),
    API_JWKS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
    API_ADMIN_ORIGIN: z.url('API_ADMIN_ORIGIN must be an origin such as https://cms.example').optional(),
    API_PLATFORM_ORIGIN: z.url('API_PLATFORM_ORIGIN must be an origin such as https://platform.example').optional(),
    MEILI_HOST: z.url('MEILI_HOST must be a URL such as http://127.0.0.1:7700').optional(),
    MEILI_SEARCH_KEY: z.string().min(1).optional(),
    MEILI_INDEX_PREFIX: z.string().regex(/^[A-Za-z0-9_-]*$/, 'MEILI_INDEX_PREFIX may contain letters, digits, _ and - only').default(''),
    MEILI_SEARCH_KEY_FILE: z.string().min(1).optional(),
    MEILI_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1500),
    /** Search units (backend lookups) per client per minute; also the largest burst. */
    SEARCH_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200),
    /** Clients the rate limiter remembers at once (about 100 bytes each). */
    SEARCH_RATE_MAX_KEYS: z.coerce.number().int().min(100).max(10_000_000).default(50_000),
    /** Proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDR ranges. Default none. */
    TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((s) => s.split(',').map((e) => e.trim()).filter(Boolean))
      .refine((list) => list.every(isCidr), 'TRUSTED_PROXIES must be a comma-separated list of addresses or CIDR ranges such as 10.0.0.0/8,127.0.0.1'),
    SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
    // 政策找企业 (api/src/matching/): item cache, publish watcher, platform webhook.
    MATCH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
    MATCH_SCAN_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(5_000),
    PLATFORM_WEBHOOK_URL: z.url('PLATFORM_WEBHOOK_URL must be a URL such as https://platform.example/hooks/policy-match').optional(),
    PLATFORM_WEBHOOK_SECRET: z.string().min(32, 'PLATFORM_WEBHOOK_SECRET must be at least 32 characters').optional(),
    PLATFORM_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    PLATFORM_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
    PLATFORM_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
    // Notifications (api/src/notifications/): e-mail over SMTP, the platform webhook, retries.
    NOTIFY_SMTP_URL: z.string().regex(/^smtps?:\/\//, 'NOTIFY_SMTP_URL must be an smtp:// or smtps:// URL').optional(),
    NOTIFY_MAIL_FROM: z.string().min(3).default('企业服务平台 <notify@localhost>'),
    /** JSON object: recipient key (office, leader, department:<code>) → e-mail address. */
    NOTIFY_EMAIL_TO: z
      .string()
      .default('{}')
      .transform((raw, ctx) => {
        try {
          return z.record(z.string().regex(/^(office|leader|department:[a-z0-9-]+)$/), z.email()).parse(JSON.parse(raw));
        } catch {
          ctx.addIssue({ code: 'custom', message: 'NOTIFY_EMAIL_TO must be a JSON object such as {"office":"qfb@example.cn","department:economy-commerce":"jsj@example.cn"}' });
          return z.NEVER;
        }
      }),
    NOTIFY_WEBHOOK_URL: z.url('NOTIFY_WEBHOOK_URL must be the platform\'s https:// notification endpoint').optional(),
    NOTIFY_WEBHOOK_SECRET: z.string().min(32, 'NOTIFY_WEBHOOK_SECRET must be at least 32 characters').optional(),
    NOTIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
    NOTIFY_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    // The monthly report as PDF (monthlyReportFile format PDF): headless Chromium through playwright-core.
    CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
    REPORT_PDF_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .transform((env, ctx) => {
    const production = env.NODE_ENV === 'production';
    if (env.API_JWKS_URL !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_JWKS_URL'],
        message: 'API_JWKS_URL was replaced: set API_CMS_JWKS_URL (staff tokens from the CMS) and API_PLATFORM_ISSUER with API_PLATFORM_JWKS_URL (enterprise and individual tokens), not both kinds in one.',
      });
      return z.NEVER;
    }
    if ((env.API_PLATFORM_ISSUER === undefined) !== (env.API_PLATFORM_JWKS_URL === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.API_PLATFORM_ISSUER === undefined ? 'API_PLATFORM_ISSUER' : 'API_PLATFORM_JWKS_URL'],
        message: "Set both API_PLATFORM_ISSUER (the platform provider's iss) and API_PLATFORM_JWKS_URL, or neither.",
      });
      return z.NEVER;
    }
    if (production && env.API_JWT_SECRET !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_JWT_SECRET'],
        message: 'API_JWT_SECRET (shared-secret development tokens) is refused in production: set API_CMS_JWKS_URL for staff and API_PLATFORM_JWKS_URL for the platform instead.',
      });
      return z.NEVER;
    }
    if (production && env.API_CMS_JWKS_URL === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['API_CMS_JWKS_URL'],
        message: "In production set API_CMS_JWKS_URL (the CMS's public keys, https://<cms>/api-identity/jwks.json) and API_CMS_ISSUER (its CMS_IDENTITY_ISSUER) to verify staff tokens.",
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
    if (Object.keys(env.NOTIFY_EMAIL_TO).length > 0 && env.NOTIFY_SMTP_URL === undefined) {
      ctx.addIssue({ code: 'custom', path: ['NOTIFY_SMTP_URL'], message: 'NOTIFY_EMAIL_TO names addresses: set NOTIFY_SMTP_URL (smtp://host:port) to send to them.' });
      return z.NEVER;
    }
    if ((env.NOTIFY_WEBHOOK_URL === undefined) !== (env.NOTIFY_WEBHOOK_SECRET === undefined)) {
      ctx.addIssue({ code: 'custom', path: [env.NOTIFY_WEBHOOK_URL === undefined ? 'NOTIFY_WEBHOOK_URL' : 'NOTIFY_WEBHOOK_SECRET'], message: 'Set both NOTIFY_WEBHOOK_URL and NOTIFY_WEBHOOK_SECRET (the HMAC key shared with the platform), or neither.' });
      return z.NEVER;
    }
    // The CMS at its local URL by default (npm start); in production its configured URL.
    const cmsJwksUrl = env.API_CMS_JWKS_URL ?? 'http://127.0.0.1:1337/api-identity/jwks.json';
    const issuers: IssuerConfig[] = [{ name: 'cms', kind: 'jwks', issuer: env.API_CMS_ISSUER, jwksUrl: cmsJwksUrl, roles: STAFF_ROLES }];
    if (env.API_PLATFORM_ISSUER && env.API_PLATFORM_JWKS_URL) {
      issuers.push({ name: 'platform', kind: 'jwks', issuer: env.API_PLATFORM_ISSUER, jwksUrl: env.API_PLATFORM_JWKS_URL, roles: PLATFORM_ROLES });
    }
    // Development tokens (npm run token, the tests): every role, never in production.
    const devSecret = production ? undefined : (env.API_JWT_SECRET ?? DEV_JWT_SECRET);
    const devIssuer = env.API_JWT_ISSUER ?? DEV_ISSUER;
    if (devSecret) issuers.push({ name: 'dev', kind: 'hs256', issuer: devIssuer, secret: devSecret, roles: ALL_ROLES });
    // CORS: the admin's origin (the workbench runs there), and the platform's when set.
    const adminOrigin = new URL(env.API_ADMIN_ORIGIN ?? cmsJwksUrl).origin;
    const corsOrigins = [adminOrigin, ...(env.API_PLATFORM_ORIGIN ? [new URL(env.API_PLATFORM_ORIGIN).origin] : [])];
    // Outside production the admin is reached as localhost as often as 127.0.0.1.
    if (!production) corsOrigins.push(...corsOrigins.map(loopbackTwin).filter((o): o is string => o !== null));
    const jwt = devSecret ? ({ kind: 'hs256', secret: devSecret, issuer: devIssuer } as const) : null;
    const searchKeyFile = env.MEILI_SEARCH_KEY_FILE ?? path.join(env.DATA_DIR, 'meili-search-key.json');
    return { ...env, jwt, issuers, corsOrigins: [...new Set(corsOrigins)], searchKeyFile, platformWebhook };
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
