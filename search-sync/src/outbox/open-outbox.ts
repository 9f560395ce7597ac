// Picks the outbox consumer for the CMS database (see outbox.ts).
import path from 'node:path';
import type { CmsDatabase } from '../cms-db/index.ts';
import type { SyncEnv } from '../env.ts';
import { CursorOutbox } from './cursor-outbox.ts';
import type { Outbox } from './outbox.ts';
import { OutboxStore } from './outbox-store.ts';

export function outboxStateFile(env: Pick<SyncEnv, 'dataDir' | 'meili'>): string {
  return path.join(env.dataDir, `search-sync-state${env.meili.indexPrefix ? `-${env.meili.indexPrefix}` : ''}.json`);
}

export function openOutbox(cms: CmsDatabase, workerId: string, env: Pick<SyncEnv, 'dataDir' | 'meili'>): Outbox {
  return cms.dialect === 'postgres' ? new OutboxStore(cms, workerId) : new CursorOutbox(cms, outboxStateFile(env));
}
