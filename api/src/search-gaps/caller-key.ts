// Who searched and then filed a petition, known anonymously. The enterprise service platform sends an
// opaque, random per-browser-session id in the `x-client-session` header (not a user id, not a
// token). We never store it: only a SHA-256 of it, kept at most CALLER_MEMORY_HOURS, and the link
// that is finally recorded (query -> petition) carries no caller key at all.
import { createHash } from 'node:crypto';

/** The header the platform sets on search requests and on submitPetition. */
export const CLIENT_SESSION_HEADER = 'x-client-session';

/** How long the latest query of a caller is remembered for a possible petition afterwards. */
export const CALLER_MEMORY_HOURS = 24;

/** A stable, non-reversible key for a client session id; null when the header is absent or unusable. */
export function callerKeyFromSession(sessionId: string | null | undefined): string | null {
  const s = (sessionId ?? '').trim();
  if (s.length < 8 || s.length > 200) return null;
  return createHash('sha256').update(`search-gaps:${s}`).digest('hex');
}
