// Who may mint which role. Each trusted token issuer is limited to one role family, so an identity
// provider can never grant more than its own people: the CMS mints staff roles only, the platform's
// provider mints enterprises and individuals only (DESIGN.md "Identity").
import type { Role } from './actor.ts';

export const STAFF_ROLES = ['office', 'department', 'hotline', 'leader'] as const satisfies readonly Role[];
export const PLATFORM_ROLES = ['enterprise', 'individual'] as const satisfies readonly Role[];
export const ALL_ROLES = [...STAFF_ROLES, ...PLATFORM_ROLES] as const satisfies readonly Role[];

/** The `iss` of development tokens (`npm run token`, the test helpers). */
export const DEV_ISSUER = 'zone-dev';

export type IssuerConfig =
  /** An identity provider publishing its public keys (the CMS, the platform's provider). */
  | { name: string; kind: 'jwks'; issuer: string; jwksUrl: string; roles: readonly Role[] }
  /**
   * Development tokens signed with a shared secret (outside production only). Tokens from the test
   * helpers carry no `iss`; they are this issuer's by their signature.
   */
  | { name: string; kind: 'hs256'; issuer: string; secret: string; roles: readonly Role[] };
