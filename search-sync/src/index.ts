// What other workspaces and the tests use.
export { syncEnv, type SyncEnv } from './env.ts';
export { createRuntime, type SyncRuntime, type RuntimeOptions } from './runtime.ts';
export { startMeiliServer, DEFAULT_MAX_INDEXING_MEMORY, type MeiliServer } from './meili/server.ts';
export { installMeiliBinary, MEILI_SHA256, MEILI_VERSION } from './meili/binary.ts';
export { reindex, type ReindexSummary } from './reindex/reindex.ts';
export { reconcile, type ReconcileReport } from './reconcile/reconcile.ts';
export { shanghaiToday } from './documents/validity.ts';
export * from './errors/index.ts';
export { connectMeili, type MeiliConnection } from './meili/client.ts';
export { SearchIndex } from './meili/search-index.ts';
export { OutboxStore } from './outbox/outbox-store.ts';
export { CursorOutbox } from './outbox/cursor-outbox.ts';
export { openOutbox } from './outbox/open-outbox.ts';
export type { Outbox, OutboxChange } from './outbox/outbox.ts';
export { SyncWorker } from './worker/sync-worker.ts';
export { openCmsDatabase } from './cms-db/connection.ts';
