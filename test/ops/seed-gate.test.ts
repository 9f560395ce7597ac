// Demo content goes only where `npm start` asks for it (SEED_DEMO=1) AND the database holds no content
// at all. A boot without the signal (every command, the production image) never seeds, and a data
// directory with a department's own list never receives the demo set, even from npm start.
import { afterAll, describe, expect, it } from 'vitest';
import { startCms, type CmsUnderTest } from '../helpers/cms.ts';
import { DB_KINDS } from '../helpers/databases.ts';

const ITEM = 'api::policy-item.policy-item';

for (const kind of DB_KINDS) {
  describe(`demo seeding is gated (${kind})`, () => {
    let cms: CmsUnderTest | undefined;
    afterAll(async () => {
      await cms?.stop();
    });

    it('seeds nothing without SEED_DEMO=1, and nothing into a database that holds content', { timeout: 300_000 }, async () => {
      cms = await startCms(kind, 'seed-gate', { seedDemo: false, fresh: true });
      expect(await cms.strapi.db.query(ITEM).count({})).toBe(0);
      expect(await cms.strapi.db.query('admin::user').count({})).toBe(0);

      // The data directory's own content: one item of 财政局, no demo set, no admin user.
      const finance = (await cms.strapi.db.query('api::department.department').findOne({ where: { code: 'finance' } })) as { documentId: string };
      await cms.strapi.documents(ITEM).create({ locale: 'zh-Hans', data: { title: '贷款贴息', itemCode: 'CZ-001', department: finance.documentId } as never });
      await cms.stop({ keepDatabase: true });

      // npm start's signal on that database: still one item, still no demo accounts.
      cms = await startCms(kind, 'seed-gate', { seedDemo: true, database: cms.db });
      expect(await cms.strapi.db.query(ITEM).count({})).toBe(1);
      expect(await cms.strapi.db.query('admin::user').count({})).toBe(0);
      expect(await cms.strapi.db.query('api::policy.policy').count({})).toBe(0);
    });
  });
}
