// Exponential backoff with jitter: a pure function of the attempt number (and a random source), so
// many deliveries failing together do not all retry in the same instant.
import { NOTIFICATION_POLICY } from './policy.ts';

/** Delay before the next attempt after `attempts` failed ones (1 = the first failure). */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const exp = Math.min(NOTIFICATION_POLICY.backoffCapMs, NOTIFICATION_POLICY.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
  // "Equal jitter": half fixed, half random — never sooner than half the exponential delay.
  return Math.round(exp / 2 + (exp / 2) * random());
}
