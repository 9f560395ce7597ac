// Pure backoff: exponential from the base, capped, with full jitter (AWS "Exponential Backoff and
// Jitter"), so workers that failed together do not retry together.
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
