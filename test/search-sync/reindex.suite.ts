// Full reindex with zero downtime: 2,000 items, a shadow index swapped in atomically, while a loop
// of searches runs. No search may return fewer hits than before the reindex started.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reindex } from '@zone/search-sync';
import { startCms, type CmsUnderTest } from '../helpers/cms.ts';
import type { DbKind } from '../helpers/databases.ts';
import { insertGeneratedItems } from '../helpers/generated-items.ts';
import { startMeili, type MeiliUnderTest } from '../helpers/meili.ts';
import { startSync, type SyncUnderTest } from '../helpers/sync.ts';

// Queries over the generated items (test/helpers/generated-items.ts): 20 subjects × 5 kinds, cycled.
const QUERIES = ['技术改造', '稳岗返还', '贷款贴息', '专利授权', '绿色工厂'];

export function defineReindexSuite(kind: DbKind): void {
  describe(`full reindex (${kind})`, () => {
    let cms: CmsUnderTest;
    let meili: MeiliUnderTest;
    let sync: SyncUnderTest;

    beforeAll(async () => {
      meili = await startMeili(`reindex-${kind}`);
      cms = await startCms(kind, 'reindex');
      sync = await startSync(cms, meili, `reindex_${kind}`);
      await insertGeneratedItems(cms.strapi, 2000);
      // The generated rows bypass the Document Service (no outbox rows): a first reindex indexes them.
      await reindex(sync.runtime, { progress: null });
      await sync.until('drained', async () => (await sync.runtime.outbox.pendingCount()) === 0, 30_000);
    });

    afterAll(async () => {
      await sync?.stop();
      await cms?.stop();
      await meili?.destroy();
    });

    it('indexes all 2,000 items, and a search loop never sees fewer hits during a second reindex', async () => {
      const index = sync.search.index(sync.runtime.index.uid);
      const stats = await index.search('', { filter: 'type = "policy_item"', limit: 0 });
      expect(stats.estimatedTotalHits).toBe(2000);
      // Each subject appears in 2000 / 20 = 100 items (titles cycle through the 20 subjects).
      const before = new Map<string, number>();
      for (const q of QUERIES) before.set(q, (await index.search(q, { limit: 0, filter: 'type = "policy_item"' })).estimatedTotalHits ?? 0);
      for (const q of QUERIES) expect(before.get(q), q).toBeGreaterThanOrEqual(100);

      let running = true;
      let searches = 0;
      const worst = new Map<string, number>(QUERIES.map((q) => [q, Infinity]));
      const loop = (async () => {
        while (running) {
          for (const q of QUERIES) {
            const n = (await index.search(q, { limit: 0, filter: 'type = "policy_item"' })).estimatedTotalHits ?? 0;
            worst.set(q, Math.min(worst.get(q)!, n));
            searches++;
          }
        }
      })();
      const summary = await reindex(sync.runtime, { progress: null });
      running = false;
      await loop;
      expect(summary.documents).toBe(2000);
      expect(summary.byType.policy_item).toBe(2000);
      expect(searches).toBeGreaterThan(QUERIES.length);
      for (const q of QUERIES) expect(worst.get(q), q).toBeGreaterThanOrEqual(before.get(q)!);
      // Only the live index is left (the shadow was dropped after the swap).
      const indexes = await sync.runtime.index.meili.client.getIndexes({ limit: 100 });
      expect(indexes.results.map((i) => i.uid).filter((u) => u.startsWith(sync.prefix))).toEqual([sync.runtime.index.uid]);
    });

    it('a change published during the reindex is in the swapped-in index', async () => {
      const finance = ((await cms.strapi.db.query('api::department.department').findOne({ where: { code: 'finance' } })) as { documentId: string }).documentId;
      const running = reindex(sync.runtime, { progress: null });
      const d = await cms.strapi.documents('api::policy-item.policy-item').create({ locale: 'zh-Hans', status: 'published', data: { title: '重建索引期间发布的条目', itemCode: 'RX-001', department: finance } as never });
      await running;
      await sync.until('searchable after the swap', () => sync.get(`policy_item-${d.documentId}-zh-Hans`), 15_000);
      await sync.until('drained', async () => (await sync.runtime.outbox.pendingCount()) === 0, 15_000);
      expect(await sync.drift()).toBe(0);
    });
  });
}
