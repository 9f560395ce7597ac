// Runs the sweeper every SWEEP_INTERVAL_SECONDS. Passes never overlap in one process; across
// processes the sweeper_lock row serializes them. stop() waits for a running pass to finish.
import type { Logger } from 'pino';
import type { PetitionDeps } from '../deps.ts';
import { startPeriodicPass, type PeriodicPass } from '../../clock/periodic.ts';
import { sweep } from './sweeper.ts';

export type SweeperLoop = PeriodicPass;

export function startSweeperLoop(deps: PetitionDeps, intervalMs: number, logger: Logger): SweeperLoop {
  return startPeriodicPass(
    'sweeper',
    intervalMs,
    logger,
    async () => logger.info({ ...(await sweep(deps)) }, 'sweeper pass done'),
    'error',
  );
}
