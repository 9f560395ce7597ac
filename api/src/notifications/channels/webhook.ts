// The platform webhook: a JSON POST signed with HMAC-SHA256 over "<timestamp>.<body>", with the
// timestamp (so the platform can refuse replays) and an Idempotency-Key that is the same on every
// attempt of one delivery (so the platform can drop a repeat after our crash between send and record).
import { createHmac } from 'node:crypto';
import { DeliveryFailedError } from './delivery-errors.ts';
import { sendKey } from './send-key.ts';

export interface WebhookConfig {
  url: string;
  secret: string;
  timeoutMs: number;
}

export const WEBHOOK_HEADERS = {
  timestamp: 'x-zone-timestamp',
  signature: 'x-zone-signature',
  idempotencyKey: 'idempotency-key',
} as const;

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`): what the platform recomputes. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface WebhookChannel {
  send(deliveryId: string, body: string, now: Date): Promise<void>;
}

export function createWebhookChannel(config: WebhookConfig): WebhookChannel {
  return {
    async send(deliveryId, body, now) {
      const timestamp = String(Math.floor(now.getTime() / 1000));
      let res: Response;
      try {
        res = await fetch(config.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            [WEBHOOK_HEADERS.timestamp]: timestamp,
            [WEBHOOK_HEADERS.signature]: webhookSignature(config.secret, timestamp, body),
            [WEBHOOK_HEADERS.idempotencyKey]: sendKey(deliveryId),
          },
          body,
          signal: AbortSignal.timeout(config.timeoutMs),
          redirect: 'error',
        });
        await res.arrayBuffer();
      } catch (cause) {
        throw new DeliveryFailedError(`webhook: ${(cause as Error).message}`, true, { cause });
      }
      if (res.ok) return;
      // 408 and 429 ask us to come back later; other 4xx refuse this message for good.
      const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
      throw new DeliveryFailedError(`webhook: HTTP ${res.status}`, retryable);
    },
  };
}
