// Entry point (npm start): the GraphQL server and the periodic sweeper. SIGINT/SIGTERM stop both.
// The options are parsed before the api's modules load (await import below): a wrong option is answered at once.
import { parseCommandLine } from '@zone/schemas/cli';

parseCommandLine({ command: 'npm run -w @zone/api start', usage: '用法：npm run -w @zone/api start   GraphQL 服务和催办扫描（设置见 api/src/env.ts；没有选项）', options: {} });
const { createApp } = await import('./app.ts');
const { InvalidEnvError, loadEnv } = await import('./env.ts');
const { startServer } = await import('./server.ts');
const { startSweeperLoop } = await import('./petitions/urging/sweeper-loop.ts');
const { startReviewNoticeLoop } = await import('./review/review-notices.ts');

async function main(): Promise<void> {
  const env = loadEnv();
  const app = await createApp(env);
  const { logger } = app.services;
  const server = await startServer({
    services: app.services,
    verifier: app.verifier,
    production: env.NODE_ENV === 'production',
    host: env.HOST,
    port: env.PORT,
    corsOrigins: env.corsOrigins,
  });
  const sweeper = startSweeperLoop(app.services.petitions, env.SWEEP_INTERVAL_SECONDS * 1000, logger);
  const matching = app.services.matching.start();
  const notifier = app.notifications.startLoop(env.NOTIFY_INTERVAL_SECONDS * 1000);
  // 待复核 flags (from the index) → the department's inbox and e-mail, through the same outbox.
  const reviewNotices = startReviewNoticeLoop(
    { db: app.services.db, search: app.services.search, clock: app.services.clock, targets: app.notifications.targets },
    env.NOTIFY_INTERVAL_SECONDS * 1000,
    logger,
  );
  const where = app.database.dialect === 'postgres' ? `PostgreSQL schema "${env.DATABASE_SCHEMA}"` : `SQLite ${env.DATA_DIR}/api.sqlite`;
  console.log(`api: GraphQL at ${server.url} (health: ${server.url.replace(/\/graphql$/, '/healthz')}), petitions in ${where}, sweeper every ${env.SWEEP_INTERVAL_SECONDS}s`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    void (async () => {
      await sweeper.stop();
      await matching.stop();
      await reviewNotices.stop();
      await notifier.stop();
      app.notifications.close();
      await server.stop();
      await app.database.destroy();
      process.exit(0);
    })();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof InvalidEnvError) {
    console.error(err.message);
  } else {
    console.error('api failed to start:', err);
  }
  process.exit(1);
});
