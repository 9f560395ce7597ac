// `npm start` on an empty data directory seeds realistic demo content and the demo accounts;
// a second start on the same data directory does not seed again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, startCms, type CmsUnderTest } from '../helpers/cms.ts';

const ITEM = 'api::policy-item.policy-item';

describe('demo seed on an empty data directory (sqlite)', () => {
  let cms: CmsUnderTest;
  beforeAll(async () => {
    cms = await startCms('sqlite', 'demo', { seedDemo: true, fresh: true });
  });
  afterAll(async () => {
    await cms?.stop();
  });

  it('publishes at least 30 items across at least 6 departments, with interpretations and hotline answers', async () => {
    const items = (await cms.strapi.db.query(ITEM).findMany({
      where: { locale: 'zh-Hans', publishedAt: { $notNull: true } },
      populate: { department: { select: ['code'] } },
    })) as Array<{ department: { code: string } | null }>;
    expect(items.length).toBeGreaterThanOrEqual(30);
    expect(new Set(items.map((i) => i.department?.code)).size).toBeGreaterThanOrEqual(6);
    expect(items.every((i) => i.department)).toBe(true);
    expect(await cms.strapi.db.query('api::interpretation.interpretation').count({ where: { publishedAt: { $notNull: true } } })).toBeGreaterThanOrEqual(10);
    expect(await cms.strapi.db.query('api::hotline-answer.hotline-answer').count({ where: { publishedAt: { $notNull: true } } })).toBeGreaterThanOrEqual(10);
  });

  it('gives English versions where the demo has them', async () => {
    expect(await cms.strapi.db.query(ITEM).count({ where: { locale: 'en' } })).toBeGreaterThan(0);
  });

  it('creates the office and one editor per department, who log in with DEMO_PASSWORD', async () => {
    const tax = await AdminClient.login(cms.url, 'tax@demo.local', 'Demo-Passw0rd');
    const list = await tax.list(ITEM);
    expect(list.status).toBe(200);
    expect(list.body.results.length).toBeGreaterThan(0);
    const office = await AdminClient.login(cms.url, 'office@demo.local', 'Demo-Passw0rd');
    const all = await office.list(ITEM);
    expect(all.body.pagination.total).toBeGreaterThan(list.body.pagination.total);
  });

  it('does not reseed on the next start of the same data directory', async () => {
    const before = await cms.strapi.db.query(ITEM).count({});
    const users = await cms.strapi.db.query('admin::user').count({});
    await cms.stop({ keepDatabase: true });
    cms = await startCms('sqlite', 'demo', { seedDemo: true, database: cms.db });
    expect(await cms.strapi.db.query(ITEM).count({})).toBe(before);
    expect(await cms.strapi.db.query('admin::user').count({})).toBe(users);
  });
});
