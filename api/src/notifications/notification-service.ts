// Wires the outbox from the env: which channels exist, the dispatcher, and its periodic loop.
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock/clock.ts';
import { startPeriodicPass } from '../clock/periodic.ts';
import type { Database } from '../db/schema.ts';
import type { ApiEnv } from '../env.ts';
import { createEmailChannel } from './channels/email.ts';
import { createWebhookChannel } from './channels/webhook.ts';
import { createDispatcher, type Dispatcher, type DispatcherDeps } from './dispatcher.ts';
import type { NotificationTargets } from './targets.ts';

export interface NotificationService {
  targets: NotificationTargets;
  dispatcher: Dispatcher;
  /** Runs the dispatcher every `intervalMs` until stop(); stop() waits for a running pass. */
  startLoop(intervalMs: number): { stop(): Promise<void> };
  close(): void;
}

/** Which channels the env configures (no connection is opened): enqueueing needs only this. */
export function notificationTargets(env: ApiEnv): NotificationTargets {
  const smtp = env.NOTIFY_SMTP_URL !== undefined;
  return { emails: smtp ? env.NOTIFY_EMAIL_TO : {}, webhook: env.NOTIFY_WEBHOOK_URL !== undefined && env.NOTIFY_WEBHOOK_SECRET !== undefined };
}

export function createNotificationService(
  env: ApiEnv,
  deps: { db: Kysely<Database>; clock: Clock; logger: Logger },
  overrides: Partial<Pick<DispatcherDeps, 'random' | 'afterSend'>> = {},
): NotificationService {
  const email = env.NOTIFY_SMTP_URL ? createEmailChannel({ smtpUrl: env.NOTIFY_SMTP_URL, from: env.NOTIFY_MAIL_FROM, timeoutMs: env.NOTIFY_TIMEOUT_MS }) : null;
  const webhook =
    env.NOTIFY_WEBHOOK_URL && env.NOTIFY_WEBHOOK_SECRET
      ? createWebhookChannel({ url: env.NOTIFY_WEBHOOK_URL, secret: env.NOTIFY_WEBHOOK_SECRET, timeoutMs: env.NOTIFY_TIMEOUT_MS })
      : null;
  const targets = notificationTargets(env);
  const dispatcher = createDispatcher({
    ...deps,
    emails: targets.emails,
    email,
    webhook,
    maxAttempts: env.NOTIFY_MAX_ATTEMPTS,
    // An SMTP exchange has several timed steps; past four timeouts the attempt is surely over.
    leaseMs: env.NOTIFY_TIMEOUT_MS * 4,
    ...overrides,
  });
  return {
    targets,
    dispatcher,
    startLoop(intervalMs) {
      return startPeriodicPass(
        'notification',
        intervalMs,
        deps.logger,
        async () => {
          const r = await dispatcher.runOnce();
          if (r.delivered + r.retrying + r.parked > 0) deps.logger.info({ ...r }, 'notifications dispatched');
        },
        'error',
      );
    },
    close: () => email?.close(),
  };
}
