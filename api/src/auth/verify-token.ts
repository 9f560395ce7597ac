// Bearer JWT verification against the configured issuers (issuers.ts). A token is accepted only
// when its issuer is configured, its signature is that issuer's, it carries `exp` and has not
// expired, and the role it claims is in that issuer's role family.
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '../errors/index.ts';
import { actorFromClaims, ClaimsSchema, type Actor } from './actor.ts';
import { ALL_ROLES, DEV_ISSUER, type IssuerConfig } from './issuers.ts';

/** The single-issuer shape of earlier configurations; kept for scripts and tests that verify one kind of token. */
export type JwtConfig = { kind: 'hs256'; secret: string } | { kind: 'jwks'; url: string };

export interface TokenVerifier {
  /** null for an anonymous request (no Authorization header). */
  actorFromHeader(authorization: string | undefined): Promise<Actor | null>;
}

export interface VerifyOptions {
  /** Checked on every token when set. */
  audience?: string;
  /** Timeout of one JWKS fetch. */
  jwksTimeoutMs?: number;
  /** How long fetched keys are trusted before they are fetched again (a new `kid` refetches sooner). */
  jwksCacheMaxAgeMs?: number;
  /** Single-issuer setups only (createTokenVerifier): accept any `iss` from the one issuer. */
  anyIssuer?: boolean;
}

const ASYMMETRIC = ['ES256', 'RS256', 'PS256', 'EdDSA'];

interface Trusted {
  config: IssuerConfig;
  verify(token: string): Promise<JWTPayload>;
}

export function createIssuerVerifier(issuers: readonly IssuerConfig[], opts: VerifyOptions = {}): TokenVerifier {
  const trusted: Trusted[] = issuers.map((config) => {
    const common = { audience: opts.audience, requiredClaims: ['exp'] };
    if (config.kind === 'hs256') {
      const secret = new TextEncoder().encode(config.secret);
      return {
        config,
        verify: async (token) => (await jwtVerify(token, secret, { ...common, algorithms: ['HS256'] })).payload,
      };
    }
    // jose caches the key set (cacheMaxAge) and refetches at most every cooldownDuration for an unknown kid.
    const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.jwksUrl), {
      timeoutDuration: opts.jwksTimeoutMs ?? 3000,
      cacheMaxAge: opts.jwksCacheMaxAgeMs ?? 10 * 60_000,
      cooldownDuration: 30_000,
    });
    return {
      config,
      verify: async (token) => (await jwtVerify(token, keys, { ...common, issuer: opts.anyIssuer ? undefined : config.issuer, algorithms: ASYMMETRIC })).payload,
    };
  });

  function issuerOf(token: string): Trusted {
    let iss: string | undefined;
    try {
      iss = decodeJwt(token).iss;
    } catch (cause) {
      throw new UnauthenticatedError('令牌格式无效 (malformed token)', { cause });
    }
    const match = opts.anyIssuer ? trusted[0] : trusted.find((t) => (iss === undefined ? t.config.kind === 'hs256' : t.config.issuer === iss));
    if (!match) throw new UnauthenticatedError('令牌的签发方不受信任 (unknown token issuer)');
    return match;
  }

  return {
    async actorFromHeader(authorization) {
      if (authorization === undefined || authorization.trim() === '') return null;
      const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
      if (!m?.[1]) throw new UnauthenticatedError('Authorization header must be "Bearer <token>"');
      const issuer = issuerOf(m[1]);
      let payload: JWTPayload;
      try {
        payload = await issuer.verify(m[1]);
      } catch (cause) {
        throw new UnauthenticatedError('令牌无效或已过期 (invalid or expired token)', { cause });
      }
      const claims = ClaimsSchema.safeParse(payload);
      if (!claims.success) throw new UnauthenticatedError('令牌缺少角色信息 (token claims do not describe a valid role)');
      if (!issuer.config.roles.includes(claims.data.role)) {
        throw new UnauthenticatedError(`该签发方不能签发此角色 (issuer "${issuer.config.name}" may not grant the role ${claims.data.role})`);
      }
      return actorFromClaims(claims.data);
    },
  };
}

/** One issuer of any role, as configured before issuers had role families: a shared secret or one JWKS URL. */
export function createTokenVerifier(config: JwtConfig, opts: { issuer?: string; audience?: string } = {}): TokenVerifier {
  const issuer: IssuerConfig =
    config.kind === 'hs256'
      ? { name: 'dev', kind: 'hs256', issuer: opts.issuer ?? DEV_ISSUER, secret: config.secret, roles: ALL_ROLES }
      : { name: 'jwks', kind: 'jwks', issuer: opts.issuer ?? '', jwksUrl: config.url, roles: ALL_ROLES };
  // Without a configured issuer, a JWKS token is this key set's whatever its `iss`.
  return createIssuerVerifier([issuer], { audience: opts.audience, anyIssuer: config.kind === 'jwks' && !opts.issuer });
}
