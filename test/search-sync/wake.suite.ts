// The commit signal: with polling slowed to once a minute, a publish is still searchable within a
// second, because the CMS wakes search-sync on commit (LISTEN/NOTIFY on PostgreSQL, a loopback
// datagram on SQLite). A rolled-back change sends nothing that matters: its row never commits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type CmsUnderTest } from '../helpers/cms.ts';
import type { DbKind } from '../helpers/databases.ts';
import { freePort, startMeili, type MeiliUnderTest } from '../helpers/meili.ts';
import { startSync, type SyncUnderTest } from '../helpers/sync.ts';

const ITEM = 'api::policy-item.policy-item';

export function defineWakeSuite(kind: DbKind): void {
  describe(`search-sync wakes on commit (${kind})`, () => {
    let cms: CmsUnderTest;
    let meili: MeiliUnderTest;
    let sync: SyncUnderTest;
    let finance: string;

    beforeAll(async () => {
      const wakePort = String(await freePort());
      meili = await startMeili(`wake-${kind}`);
      cms = await startCms(kind, 'wake', { env: { SYNC_WAKE_PORT: wakePort } });
      finance = ((await cms.strapi.db.query('api::department.department').findOne({ where: { code: 'finance' } })) as { documentId: string }).documentId;
      // Start-up backlog first (the worker claims once at start), then the minute-long poll.
      sync = await startSync(cms, meili, `wake_${kind}`, { env: { SYNC_POLL_MS: '60000', SYNC_WAKE_PORT: wakePort } });
      await sync.until('outbox drained', async () => (await sync.runtime.outbox.pendingCount()) === 0, 30_000);
    });

    afterAll(async () => {
      await sync?.stop();
      await cms?.stop();
      await meili?.destroy();
    });

    it('five publishes in a row are each searchable well before the next poll (60 s)', async () => {
      const docs = cms.strapi.documents(ITEM);
      // Warm-up: a fresh index takes seconds for its first Chinese documents (Meilisearch's own time).
      const first = await docs.create({ locale: 'zh-Hans', status: 'published', data: { title: '唤醒预热条目', itemCode: 'WK-0', department: finance } as never });
      await sync.until('warm-up searchable', () => sync.get(`policy_item-${first.documentId}-zh-Hans`), 45_000);
      for (let i = 1; i <= 5; i++) {
        const draft = await docs.create({ locale: 'zh-Hans', data: { title: `唤醒测试条目${i}`, itemCode: `WK-${i}`, department: finance } as never });
        const started = Date.now();
        await docs.publish({ documentId: draft.documentId, locale: 'zh-Hans' });
        // Each claim restarts the worker's 60 s poll timer, so without the signal every publish would
        // wait a full minute; 30 s leaves room for Meilisearch on a loaded 2-core machine (its own
        // one-document task took up to 9 s there) and still proves the signal.
        await sync.until(`publish ${i} searchable`, () => sync.get(`policy_item-${draft.documentId}-zh-Hans`), 30_000);
        expect(Date.now() - started).toBeLessThan(30_000);
      }
      // The worker claimed them on the signal: no poll (60 s) happened since the start.
      expect(sync.runtime.worker.stats.batches).toBeGreaterThanOrEqual(6);
    }, 300_000);
  });
}
