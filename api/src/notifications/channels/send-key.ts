// The idempotent send key of a delivery: the same on every attempt, so a receiver that sees a message
// twice (we crashed after sending, before recording) can tell it is the same one.
import { createHash } from 'node:crypto';

export function sendKey(deliveryId: string): string {
  return createHash('sha256').update(deliveryId).digest('hex').slice(0, 32);
}
