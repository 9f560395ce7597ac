// npm run -w api sweep -- [--now 2025-10-17T10:00:00+08:00]
// Runs ONE sweeper pass against the configured database and prints its result as JSON. Operators
// use it after downtime; the concurrency suite starts two of these at once.
import { parseArgs } from 'node:util';
import { databaseConfig } from '../src/app.ts';
import { openDatabase } from '../src/db/database.ts';
import { loadEnv } from '../src/env.ts';
import { systemClock, type Clock } from '../src/clock/clock.ts';
import { petitionDeps } from '../src/petitions/deps.ts';
import { sweep } from '../src/petitions/urging/sweeper.ts';

const { values } = parseArgs({ options: { now: { type: 'string' } } });
const fixed = values.now ? new Date(values.now) : null;
if (fixed && Number.isNaN(fixed.getTime())) {
  console.error('--now must be an ISO 8601 instant, e.g. 2025-10-17T10:00:00+08:00');
  process.exit(2);
}
const clock: Clock = fixed ? { now: () => new Date(fixed.getTime()) } : systemClock;
const env = loadEnv();
const database = await openDatabase(databaseConfig(env));
try {
  const result = await sweep(petitionDeps(database.db, database.dialect, clock));
  console.log(JSON.stringify(result));
} finally {
  await database.destroy();
}
