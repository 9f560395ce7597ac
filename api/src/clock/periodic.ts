// One pass of a background job every `intervalMs` (the sweeper of 第十一条, the notification
// dispatcher, the 政策找企业 watcher and webhook, the 待复核 notices). Passes never overlap: the next
// is scheduled when the last one ends. A failed pass is logged and retried at the next interval, so a
// database or index that is down for a while costs passes, never the loop. stop() waits for a running pass.
import type { Logger } from 'pino';

export interface PeriodicPass {
  stop(): Promise<void>;
}

export function startPeriodicPass(name: string, intervalMs: number, logger: Logger, pass: () => Promise<unknown>, failureLevel: 'warn' | 'error' = 'warn'): PeriodicPass {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      try {
        await pass();
      } catch (err) {
        logger[failureLevel]({ err }, `${name} pass failed; retrying at the next interval`);
      }
    })().finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs);
    });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
