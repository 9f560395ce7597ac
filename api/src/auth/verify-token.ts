// Bearer JWT verification: HS256 with API_JWT_SECRET, or asymmetric keys from a JWKS URL (production).
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '../errors/index.ts';
import { actorFromClaims, ClaimsSchema, type Actor } from './actor.ts';

export type JwtConfig = { kind: 'hs256'; secret: string } | { kind: 'jwks'; url: string };

export interface TokenVerifier {
  /** null for an anonymous request (no Authorization header). */
  actorFromHeader(authorization: string | undefined): Promise<Actor | null>;
}

export function createTokenVerifier(config: JwtConfig, opts: { issuer?: string; audience?: string } = {}): TokenVerifier {
  const secret = config.kind === 'hs256' ? new TextEncoder().encode(config.secret) : null;
  const jwks: JWTVerifyGetKey | null = config.kind === 'jwks' ? createRemoteJWKSet(new URL(config.url)) : null;
  const algorithms = config.kind === 'hs256' ? ['HS256'] : ['RS256', 'ES256', 'EdDSA', 'PS256'];

  return {
    async actorFromHeader(authorization) {
      if (authorization === undefined || authorization.trim() === '') return null;
      const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
      if (!m?.[1]) throw new UnauthenticatedError('Authorization header must be "Bearer <token>"');
      let payload: unknown;
      try {
        const verifyOpts = { algorithms, issuer: opts.issuer, audience: opts.audience };
        const result = secret ? await jwtVerify(m[1], secret, verifyOpts) : await jwtVerify(m[1], jwks!, verifyOpts);
        payload = result.payload;
      } catch (cause) {
        throw new UnauthenticatedError('令牌无效或已过期 (invalid or expired token)', { cause });
      }
      const claims = ClaimsSchema.safeParse(payload);
      if (!claims.success) throw new UnauthenticatedError('令牌缺少角色信息 (token claims do not describe a valid role)');
      return actorFromClaims(claims.data);
    },
  };
}
