// The platform webhook: a JSON POST signed with HMAC-SHA256 over `${timestamp}.${body}`, so the
// platform can check who sent it and refuse replays (a timestamp too far from its clock).
//   X-Zone-Timestamp: 1764489600                       (Unix seconds)
//   X-Zone-Signature: sha256=<hex HMAC-SHA256(secret, "1764489600.<body>")>
//   X-Zone-Notice-Id: <notice id>                      (delivery is at least once: dedupe on it)
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-zone-signature';
export const TIMESTAMP_HEADER = 'x-zone-timestamp';
export const NOTICE_ID_HEADER = 'x-zone-notice-id';

export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (and the tests): recompute and compare in constant time, within a tolerance. */
export function verifySignature(secret: string, headers: { signature?: string; timestamp?: string }, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signBody(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface WebhookTarget {
  url: string;
  secret: string;
  timeoutMs: number;
}

export type DeliveryOutcome = { ok: true } | { ok: false; error: string };

/** One attempt; never throws, never waits past the timeout. */
export async function postNotice(target: WebhookTarget, noticeId: string, body: string, nowSeconds: number): Promise<DeliveryOutcome> {
  try {
    const res = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        [TIMESTAMP_HEADER]: String(nowSeconds),
        [SIGNATURE_HEADER]: signBody(target.secret, nowSeconds, body),
        [NOTICE_ID_HEADER]: noticeId,
      },
      body,
      signal: AbortSignal.timeout(target.timeoutMs),
    });
    // Drain the body so the connection is released.
    await res.arrayBuffer().catch(() => undefined);
    return res.ok ? { ok: true } : { ok: false, error: `HTTP ${res.status}` };
  } catch (error) {
    const e = error as Error & { cause?: Error };
    return { ok: false, error: `${e.name}: ${e.message}${e.cause ? ` (${e.cause.message})` : ''}`.slice(0, 500) };
  }
}
