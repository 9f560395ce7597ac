// Petition ids: UUIDv7 (RFC 9562) from the injected clock, so ids sort by creation time and serve
// as the pagination cursor.
import { randomBytes } from 'node:crypto';

export function newPetitionId(now: Date): string {
  const ms = now.getTime().toString(16).padStart(12, '0');
  const r = randomBytes(10).toString('hex');
  const variant = ((parseInt(r.charAt(3), 16) & 0x3) | 0x8).toString(16);
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(7, 19)}`;
}
