// Petition ids: UUIDv7 (RFC 9562) from the injected clock, so ids sort by creation time and serve
// as the pagination cursor. Within one millisecond (or if the clock steps back) the 12-bit rand_a
// field is a counter (RFC 9562 §6.2, method 1), so ids made by one process stay strictly increasing.
import { randomBytes } from 'node:crypto';

let lastMs = -1;
let counter = 0;

export function newPetitionId(now: Date): string {
  let ms = now.getTime();
  if (ms <= lastMs) {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = 0;
  }
  const hexMs = ms.toString(16).padStart(12, '0');
  const randA = counter.toString(16).padStart(3, '0');
  const r = randomBytes(8).toString('hex');
  const variant = ((parseInt(r.charAt(0), 16) & 0x3) | 0x8).toString(16);
  return `${hexMs.slice(0, 8)}-${hexMs.slice(8, 12)}-7${randA}-${variant}${r.slice(1, 4)}-${r.slice(4, 16)}`;
}
