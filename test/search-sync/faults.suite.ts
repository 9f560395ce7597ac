// Faults search-sync must survive without losing an update: Meilisearch down during publishing, the
// worker killed mid-batch, Meilisearch hanging. "Zero drift" is reconcile's count of missing, stale
// and orphaned documents against the published content, which must be 0.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connectMeili, openOutbox, SearchIndex, SyncWorker } from '@zone/search-sync';
import { AdminClient, createAdminUser, startCms, type CmsUnderTest } from '../helpers/cms.ts';
import type { DbKind } from '../helpers/databases.ts';
import { startHangingServer, startMeili, type MeiliUnderTest } from '../helpers/meili.ts';
import { startSync, syncEnvFor, type SyncUnderTest } from '../helpers/sync.ts';

const ITEM = 'api::policy-item.policy-item';
const ROOT = path.resolve(import.meta.dirname, '..', '..');

export function defineFaultSuite(kind: DbKind): void {
  describe(`search-sync under faults (${kind})`, () => {
    let cms: CmsUnderTest;
    let meili: MeiliUnderTest;
    let sync: SyncUnderTest;
    let finance: string;

    const publishItems = async (label: string, count: number) => {
      const ids: string[] = [];
      const times: number[] = [];
      for (let i = 1; i <= count; i++) {
        const started = performance.now();
        const d = await cms.strapi.documents(ITEM).create({ locale: 'zh-Hans', status: 'published', data: { title: `${label}条目${i}`, itemCode: `${label === '停机演练' ? 'DN' : label === '中断演练' ? 'KL' : 'HG'}-${i}`, department: finance } as never });
        times.push(performance.now() - started);
        ids.push(d.documentId);
      }
      return { ids, times };
    };
    const allSearchable = (ids: string[]) => sync.until(`${ids.length} documents searchable`, async () => {
      const hits = await sync.search.index(sync.runtime.index.uid).search('', { filter: `documentId IN [${ids.map((i) => `"${i}"`).join(',')}] AND locale = "zh-Hans"`, limit: 1000 });
      return hits.hits.length === ids.length;
    }, 30_000);
    const drain = () => sync.until('outbox drained', async () => (await sync.runtime.outbox.pendingCount()) === 0, 30_000);

    beforeAll(async () => {
      meili = await startMeili(`faults-${kind}`);
      cms = await startCms(kind, 'faults');
      finance = ((await cms.strapi.db.query('api::department.department').findOne({ where: { code: 'finance' } })) as { documentId: string }).documentId;
      sync = await startSync(cms, meili, `faults_${kind}`);
      await drain();
    });

    afterAll(async () => {
      await sync?.stop();
      await cms?.stop();
      await meili?.destroy();
    });

    it('Meilisearch down during 50 publishes: the index converges with zero drift after it is back', async () => {
      await meili.stop();
      const { ids } = await publishItems('停机演练', 50);
      // Nothing is lost while it is down: every change waits in the outbox.
      expect(await sync.runtime.outbox.pendingCount()).toBeGreaterThanOrEqual(50);
      expect(await sync.runtime.outbox.parked()).toEqual([]);
      await meili.restart();
      await allSearchable(ids);
      await drain();
      expect(await sync.drift()).toBe(0);
    });

    it('the worker killed mid-batch: after a restart there is zero drift', async () => {
      await sync.runtime.worker.stop();
      const { ids } = await publishItems('中断演练', 60);
      // A separate worker process, SIGKILLed while it holds a batch.
      // No wake port: the default 7702 would be taken from whatever else runs on the machine (npm start).
      const env: Record<string, string | undefined> = { ...process.env, ...cms.db.env, MEILI_HOST: meili.host, MEILI_MASTER_KEY: meili.masterKey, MEILI_INDEX_PREFIX: sync.prefix, NODE_ENV: 'test', SYNC_BATCH_SIZE: '7', SYNC_LEASE_MS: '1500', SYNC_HEALTH_PORT: '0', SYNC_POLL_MS: '20', SYNC_RECONCILE_INTERVAL_S: '0', SYNC_WAKE_PORT: '0' };
      if (kind === 'sqlite') {
        delete env.DATABASE_URL;
        delete env.CMS_DATABASE_SCHEMA;
      }
      // tsx as a loader in the worker's own process: SIGKILL must hit the worker. (tsx's CLI runs the script in a
      // child process, which outlived the SIGKILL, kept working the outbox and held its ports for hours.)
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'search-sync', 'src', 'main.ts')], { cwd: ROOT, env, stdio: 'ignore' });
      try {
        // Wait until it has finished some batches and holds a lease on the next one.
        await sync.until('worker mid-batch', async () => {
          if (kind === 'postgres') {
            // Some rows done (deleted), some held under the worker's lease.
            const rows = await sync.runtime.cms.db.selectFrom('search_outbox').select(['locked_by']).where('parked_at', 'is', null).execute();
            return rows.length > 0 && rows.length < 60 && rows.some((r) => r.locked_by !== null);
          }
          // SQLite: its cursor (state file) has moved past some of the 60 changes, not all.
          const pending = await sync.runtime.outbox.pendingCount();
          return pending > 0 && pending < 60;
        }, 60_000);
      } finally {
        child.kill('SIGKILL');
      }
      await new Promise((r) => child.once('exit', r));
      const left = await sync.runtime.outbox.pendingCount();
      expect(left).toBeGreaterThan(0);
      sync.runtime.worker.start();
      await allSearchable(ids);
      await drain();
      expect(await sync.drift()).toBe(0);
    });

    it('Meilisearch hanging: publishing in the CMS returns within its normal time, and nothing is lost', async () => {
      const o = await createAdminUser(cms.strapi, `office-${kind}@faults.test`, 'office-editor');
      const admin = await AdminClient.login(cms.url, o.email, o.password);
      // Normal time: publishing with a healthy Meilisearch.
      const normal: number[] = [];
      for (let i = 0; i < 5; i++) {
        const created = await admin.create(ITEM, { title: `基准条目${i}`, itemCode: `NB-${i}`, department: finance });
        const t = performance.now();
        expect((await admin.publish(ITEM, created.body.data.documentId)).status).toBe(200);
        normal.push(performance.now() - t);
      }
      await drain();

      await sync.runtime.worker.stop();
      const hang = await startHangingServer();
      const env = syncEnvFor(cms, meili, sync.prefix);
      const hangingState = mkdtempSync(path.join(tmpdir(), 'zone-hanging-'));
      const hanging = new SyncWorker(
        {
          cms: sync.runtime.cms,
          index: new SearchIndex(connectMeili({ host: hang.host, apiKey: 'unused', timeoutMs: 300, taskTimeoutMs: 1_000 }), sync.runtime.index.uid),
          // Its own consumer state (on SQLite a separate state file): it must not acknowledge anything.
          outbox: openOutbox(sync.runtime.cms, 'hanging-worker', { ...env, dataDir: hangingState }),
          log: pino({ level: 'silent' }),
          today: sync.runtime.today,
        },
        { ...env.sync, leaseMs: 2_000 },
      );
      hanging.start();
      const ids: string[] = [];
      const during: number[] = [];
      try {
        for (let i = 0; i < 10; i++) {
          const created = await admin.create(ITEM, { title: `挂起演练条目${i}`, itemCode: `HG-${i}`, department: finance });
          ids.push(created.body.data.documentId);
          const t = performance.now();
          expect((await admin.publish(ITEM, created.body.data.documentId)).status).toBe(200);
          during.push(performance.now() - t);
        }
        await sync.until('the hanging worker tried and failed', async () => hanging.stats.retried > 0 || hanging.stats.lastError !== '', 10_000);
      } finally {
        await hanging.stop();
        await hang.close();
        rmSync(hangingState, { recursive: true, force: true });
      }
      // Within the normal time: no slower than the slowest healthy publish plus a margin for a loaded machine.
      expect(Math.max(...during)).toBeLessThan(Math.max(...normal) * 3 + 250);
      expect(await sync.runtime.outbox.parked()).toEqual([]);
      sync.runtime.worker.start();
      await allSearchable(ids);
      await drain();
      expect(await sync.drift()).toBe(0);
    });
  });
}
