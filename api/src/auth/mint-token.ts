// Development tokens (npm run token) and test tokens: HS256 over the same secret the server verifies.
import { SignJWT } from 'jose';
import type { Claims } from './actor.ts';

export async function mintToken(
  claims: Claims,
  secret: string,
  opts: { expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  const { sub, ...rest } = claims;
  let jwt = new SignJWT({ ...rest }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime(opts.expiresIn ?? '12h');
  if (opts.issuer) jwt = jwt.setIssuer(opts.issuer);
  if (opts.audience) jwt = jwt.setAudience(opts.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
