// 第十条: a final answer cites policy items with the revision it relied on; once an item is revised
// (republished) or withdrawn, the citation reads current: false — the answer is not to be read out
// unchecked. Real Meilisearch, real api, SQLite and PostgreSQL.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, stopTestApi, type TestApi } from '../helpers/api/test-api.ts';
import { DIALECTS } from '../helpers/api/test-database.ts';
import { TestClock } from '../helpers/api/test-clock.ts';
import { SEEDED_PUBLISHED_AT, startPolicyIndex, type PolicyIndex } from '../helpers/api/policy-index.ts';
import { ENTERPRISE_USCC, PetitionClient, enterpriseInput, must } from '../helpers/api/petition-client.ts';

const CITATIONS = `query($id: ID!) { petition(id: $id) { answer { policyIds citations { id version current } } } }`;
type Citation = { id: string; version: string | null; current: boolean | null };

for (const dialect of DIALECTS) {
  describe.skipIf(!dialect.enabled)(`citations with versions [${dialect.name}]`, () => {
    let index: PolicyIndex;
    let api: TestApi;
    beforeAll(async () => {
      index = await startPolicyIndex(`citations-${dialect.name}`, ['policy-12', 'policy-40', 'policy-77']);
    }, 60_000);
    afterAll(async () => {
      await index.destroy();
    });
    beforeEach(async () => {
      api = await startTestApi(dialect.name, new TestClock(), index.env);
    });
    afterEach(async () => {
      await stopTestApi(api);
    });

    it('records each cited revision; a revised or withdrawn item is no longer current', async () => {
      const officeGql = await api.as({ role: 'office', sub: 'office-1' });
      const office = new PetitionClient(officeGql);
      const enterprise = new PetitionClient(await api.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
      api.clock.set('2025-10-20T10:00:00+08:00');
      const p = await enterprise.submit(enterpriseInput());
      must(await office.accept(p.id, 'CONSULTATION'));
      must(await office.finalAnswer(p.id, '可申请技术改造补助，详见所引条目。', ['policy-12', 'policy-40']));

      const read = async () => (await officeGql.ok<{ petition: { answer: { citations: Citation[] } } }>(CITATIONS, { id: p.id })).petition.answer.citations;
      expect(await read()).toEqual([
        { id: 'policy-12', version: SEEDED_PUBLISHED_AT, current: true },
        { id: 'policy-40', version: SEEDED_PUBLISHED_AT, current: true },
      ]);
      const answered = (await office.timeline(p.id)).r.timeline.find((e) => e.type === 'answered');
      expect(JSON.parse(answered?.payload ?? '{}')).toMatchObject({
        citations: [
          { id: 'policy-12', version: SEEDED_PUBLISHED_AT },
          { id: 'policy-40', version: SEEDED_PUBLISHED_AT },
        ],
      });

      // The CMS revises policy-12 (republished 2025-11-03) and withdraws policy-40.
      await index.republish('policy-12', '2025-11-03T01:00:00.000Z');
      await index.withdraw('policy-40');
      expect(await read()).toEqual([
        { id: 'policy-12', version: SEEDED_PUBLISHED_AT, current: false },
        { id: 'policy-40', version: SEEDED_PUBLISHED_AT, current: false },
      ]);
      // The enterprise that filed it sees the same answer with the same citations.
      const mine = await (await api.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC })).ok<{ petition: { answer: { citations: Citation[] } } }>(CITATIONS, { id: p.id });
      expect(mine.petition.answer.citations.map((c) => c.current)).toEqual([false, false]);
    });

    it('an answer that cites nothing has no citations', async () => {
      const officeGql = await api.as({ role: 'office', sub: 'office-1' });
      const office = new PetitionClient(officeGql);
      const enterprise = new PetitionClient(await api.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
      api.clock.set('2025-10-20T10:00:00+08:00');
      const p = await enterprise.submit(enterpriseInput());
      must(await office.accept(p.id, 'CONSULTATION'));
      must(await office.finalAnswer(p.id, '经核实，暂无对应政策。'));
      expect((await officeGql.ok<{ petition: { answer: { citations: Citation[] } } }>(CITATIONS, { id: p.id })).petition.answer.citations).toEqual([]);
    });
  });
}
