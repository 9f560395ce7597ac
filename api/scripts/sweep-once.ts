// npm run -w api sweep -- [--now 2025-10-17T10:00:00+08:00]
// Runs ONE sweeper pass against the configured database and prints its result as JSON. Operators
// use it after downtime; the concurrency suite starts two of these at once. It enqueues the
// notifications of what it records; the api's dispatcher sends them.
// The options are parsed before the api's modules load (await import below): a wrong option is answered at once.
import { parseCommandLine, usageError } from '@zone/schemas/cli';
import type { Clock } from '../src/clock/clock.ts';

const COMMAND = 'npm run sweep';
const { values } = parseCommandLine({
  command: COMMAND,
  usage: `用法：${COMMAND} -- [--now ISO 时间]   对配置的数据库执行一次催办/升级/默认评价，并打印结果（JSON）`,
  options: { now: { type: 'string' } },
});
const fixed = values.now ? new Date(values.now) : null;
if (fixed && Number.isNaN(fixed.getTime())) usageError(COMMAND, '--now 必须是 ISO 8601 时刻，例如 2025-10-17T10:00:00+08:00');
const { systemClock } = await import('../src/clock/clock.ts');
const { databaseConfig } = await import('../src/app.ts');
const { openDatabase } = await import('../src/db/database.ts');
const { loadEnv } = await import('../src/env.ts');
const { petitionDeps } = await import('../src/petitions/deps.ts');
const { sweep } = await import('../src/petitions/urging/sweeper.ts');
const { notificationTargets } = await import('../src/notifications/notification-service.ts');
const clock: Clock = fixed ? { now: () => new Date(fixed.getTime()) } : systemClock;
const env = loadEnv();
const database = await openDatabase(databaseConfig(env));
try {
  const result = await sweep(petitionDeps(database.db, database.dialect, clock, notificationTargets(env)));
  console.log(JSON.stringify(result));
} finally {
  await database.destroy();
}
