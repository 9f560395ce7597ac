// Runs the sweeper every SWEEP_INTERVAL_SECONDS. Passes never overlap in one process; across
// processes the sweeper_lock row serializes them. stop() waits for a running pass to finish.
import type { Logger } from 'pino';
import type { PetitionDeps } from '../deps.ts';
import { sweep } from './sweeper.ts';

export interface SweeperLoop {
  stop(): Promise<void>;
}

export function startSweeperLoop(deps: PetitionDeps, intervalMs: number, logger: Logger): SweeperLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = () => {
    running = (async () => {
      try {
        const result = await sweep(deps);
        logger.info({ ...result }, 'sweeper pass done');
      } catch (err) {
        logger.error({ err }, 'sweeper pass failed; retrying at the next interval');
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
