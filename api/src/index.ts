// The api's public surface for other workspaces and the root start script.
export { createApp, databaseConfig } from './app.ts';
export { loadEnv, type ApiEnv } from './env.ts';
export { startServer, RESOLVER_MODULES } from './server.ts';
export { startSweeperLoop } from './petitions/urging/sweeper-loop.ts';
