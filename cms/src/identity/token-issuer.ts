// Short-lived api tokens for the logged-in staff member, signed with the CMS's key pair. The
// workbench fetches one and refreshes it before it expires; the api verifies it against the JWKS.
import { SignJWT, type JWK } from 'jose';
import { SIGNING_ALG, type SigningKey } from './key-store';
import type { StaffClaims } from './staff-claims';

/** Lifetime of a token (the issue allows at most 15 minutes). */
export const TOKEN_TTL_SECONDS = 10 * 60;

export interface IssuedToken {
  token: string;
  expiresAt: string;
}

export async function issueStaffToken(key: SigningKey, issuer: string, subject: string, claims: StaffClaims, now: Date = new Date()): Promise<IssuedToken> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + TOKEN_TTL_SECONDS;
  const token = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setSubject(subject)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key.privateKey);
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

export function jwks(key: SigningKey): { keys: JWK[] } {
  return { keys: [key.publicJwk] };
}
