// The api's public surface for other workspaces and the root start script.
export { createApp, databaseConfig } from './app.ts';
export { loadEnv, type ApiEnv } from './env.ts';
export { startServer, RESOLVER_MODULES } from './server.ts';
export { startSweeperLoop } from './petitions/urging/sweeper-loop.ts';
// For the shared harness (@zone/harness/testing): a database, the clock and the running server.
export type { App } from './app.ts';
export { openDatabase, dropPostgresSchema, type ApiDatabase } from './db/database.ts';
export type { Clock } from './clock/clock.ts';
export type { WorkingCalendar } from './calendar/working-calendar.ts';
export type { RunningServer } from './server.ts';
