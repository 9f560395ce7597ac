// 政策找企业 wired together: the item source (index + cache), the publish watcher and the webhook
// delivery, each a loop whose passes never overlap in one process. stop() waits for running passes.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../clock/clock.ts';
import { startPeriodicPass } from '../clock/periodic.ts';
import { shanghaiDate } from '../clock/shanghai-time.ts';
import type { SearchIndex } from '../search/search-index.ts';
import { createMatchItemSource, type MatchItemSource } from './item-source.ts';
import { DEFAULT_DELIVERY_POLICY, deliverDueNotices, type DeliveryPolicy, type DeliveryResult } from './push/deliver-notices.ts';
import { scanPublishes, type ScanResult } from './push/watch-publishes.ts';
import type { WebhookTarget } from './push/webhook.ts';

export interface MatchingConfig {
  cacheTtlMs: number;
  scanIntervalMs: number;
  /** Without a webhook, notices are recorded and listed (myMatchNotices) but not pushed. */
  webhook: WebhookTarget | null;
  delivery: DeliveryPolicy;
}

export const DEFAULT_MATCHING_CONFIG: MatchingConfig = { cacheTtlMs: 30_000, scanIntervalMs: 5_000, webhook: null, delivery: DEFAULT_DELIVERY_POLICY };

export interface MatchingService {
  source: MatchItemSource;
  today(): string;
  scanOnce(): Promise<ScanResult>;
  deliverOnce(): Promise<DeliveryResult>;
  /** Starts the watcher and the delivery loops (npm start); returns their stop. */
  start(): { stop(): Promise<void> };
}

export function createMatchingService(deps: { db: Kysely<Database>; search: SearchIndex; clock: Clock; logger: Logger; config: MatchingConfig }): MatchingService {
  const { db, clock, logger, config } = deps;
  const source = createMatchItemSource(deps.search, { ttlMs: config.cacheTtlMs, now: () => clock.now().getTime() });
  const today = () => shanghaiDate(clock.now());
  const scanOnce = () => scanPublishes({ db, source, now: () => clock.now(), today });
  const deliverOnce = async (): Promise<DeliveryResult> =>
    config.webhook ? deliverDueNotices(db, config.webhook, config.delivery, () => clock.now()) : { delivered: 0, failed: 0, parked: 0 };
  return {
    source,
    today,
    scanOnce,
    deliverOnce,
    start() {
      const watcher = startPeriodicPass('match watcher', config.scanIntervalMs, logger, async () => {
        const r = await scanOnce();
        if (r.changedItems > 0) logger.info({ ...r }, 'policy items published or revised: matched against saved profiles');
      });
      // The outbox is polled at least every second, and faster when the backoff base is shorter (tests).
      const delivery = config.webhook
        ? startPeriodicPass('match webhook', Math.min(1000, config.delivery.backoffBaseMs), logger, async () => {
            const r = await deliverOnce();
            if (r.delivered || r.failed || r.parked) logger.info({ ...r }, 'match notices delivered to the platform');
          })
        : null;
      return {
        async stop() {
          await Promise.all([watcher.stop(), delivery?.stop()]);
        },
      };
    },
  };
}

// Registers this feature's member of the request context (see graphql/context.ts).
declare module '../graphql/context.ts' {
  interface ApiServices {
    /** 政策找企业: items from the index (cached), the publish watcher and the webhook outbox. */
    matching: MatchingService;
  }
}
