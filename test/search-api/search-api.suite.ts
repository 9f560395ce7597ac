// The platform's and the hotline's queries against the real stack: CMS with the demo content →
// search-sync → Meilisearch → api over HTTP (port 0). Expected values come from the demo content
// (cms/src/seed/demo/content.json), read by hand: e.g. JX-2025-001 is 经信商务局's 工业企业技术改造项目补助
// (最高 1000 万元, 申报 2026-03-01 至 2026-04-30); JX-2024-011 expired on 2025-03-31.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbKind } from '../helpers/databases.ts';
import { startHangingServer } from '../helpers/meili.ts';
import { startSearchApi, startSearchStack, type SearchStack } from '../helpers/search-stack.ts';
import { mintToken } from '../../api/src/auth/mint-token.ts';
import { topQueriesBeforePetitions, topZeroResultQueries } from '../../api/src/search-gaps/gap-store.ts';
import { ENTERPRISE_USCC, enterpriseInput, freshKey } from '../helpers/api/petition-client.ts';

const ITEM = 'api::policy-item.policy-item';

const SEARCH = /* GraphQL */ `
  query Search($q: String!, $filter: SearchFilter, $first: Int, $after: String, $sort: SearchSort) {
    search(query: $q, filter: $filter, first: $first, after: $after, sort: $sort) {
      totalCount
      processingTimeMs
      pageInfo { hasNextPage endCursor }
      facets {
        type { value label count }
        department { value label count }
        topic { value label count }
        subject { value label count }
        validity { value label count }
      }
      edges {
        cursor
        node {
          id documentId type locale title highlightedTitle snippet validity maxAmount
          applicationStart applicationEnd itemCode docNumber policyTitle shortAnswer
          department { code name phone }
        }
      }
    }
  }
`;

export function defineSearchApiSuite(kind: DbKind): void {
  describe(`search API (${kind})`, () => {
    let stack: SearchStack;
    const search = (q: string, filter?: Record<string, unknown>, extra: Record<string, unknown> = {}) => stack.api.gql(SEARCH, { q, filter, ...extra });

    beforeAll(async () => {
      stack = await startSearchStack(kind, `searchapi-${kind}`);
    }, 300_000);
    afterAll(async () => {
      await stack?.stop();
    });

    it('finds the 技术改造 item first, highlighted, with its department, amount and window', async () => {
      const res = await search('技术改造', { types: ['POLICY_ITEM'] });
      expect(res.errors).toBeUndefined();
      const top = res.data.search.edges[0].node;
      expect(top.itemCode).toBe('JX-2025-001');
      expect(top.title).toBe('工业企业技术改造项目补助');
      expect(top.highlightedTitle).toContain('<mark>');
      expect(top.highlightedTitle.replace(/<\/?mark>/g, '')).toBe('工业企业技术改造项目补助');
      expect(top.department).toMatchObject({ code: 'economy-commerce', name: '经信商务局' });
      expect(top).toMatchObject({ type: 'POLICY_ITEM', locale: 'ZH_HANS', validity: 'VALID', maxAmount: 1000, applicationStart: '2026-03-01', applicationEnd: '2026-04-30' });
      expect(top.snippet.length).toBeGreaterThan(0);
      expect(top.snippet).not.toMatch(/<(?!\/?mark>)/); // nothing but <mark> is markup
    });

    it('shows where a hit matched in its long text, which the search does not fetch whole', async () => {
      // 专项审计报告 is only in the item's materials (part of its long text), not in its title or summary.
      const res = await search('专项审计报告', { types: ['POLICY_ITEM'] });
      expect(res.errors).toBeUndefined();
      const node = res.data.search.edges.map((e: any) => e.node).find((n: any) => n.itemCode === 'JX-2025-001');
      expect(node.snippet).toContain('<mark>');
      expect(node.snippet.replace(/<\/?mark>/g, '')).toContain('专项审计报告');
    });

    it('finds an abbreviation and a 文号 written with other brackets', async () => {
      const abbreviation = await search('技改', { types: ['POLICY_ITEM'] });
      expect(abbreviation.data.search.edges.map((e: any) => e.node.itemCode)).toContain('JX-2025-001');
      const docNumber = await search('嘉开管[2025]8号', { types: ['POLICY'] });
      expect(docNumber.data.search.edges[0].node.docNumber).toBe('嘉开管〔2025〕8号');
    });

    it('returns facet counts that add up to the hits', async () => {
      const res = await search('补助', { types: ['POLICY_ITEM'], departments: ['economy-commerce', 'emergency'] });
      const { facets, totalCount } = res.data.search;
      expect(totalCount).toBeGreaterThan(1);
      const departmentSum = facets.department.reduce((s: number, f: any) => s + f.count, 0);
      expect(departmentSum).toBe(totalCount);
      expect(facets.department.every((f: any) => ['economy-commerce', 'emergency'].includes(f.value))).toBe(true);
      expect(facets.department.find((f: any) => f.value === 'emergency')?.label).toBe('应急管理局');
      expect(facets.type).toEqual([{ value: 'POLICY_ITEM', label: '政策条目', count: totalCount }]);
      expect(facets.validity).toEqual([{ value: 'VALID', label: '有效', count: totalCount }]);
    });

    it('pages with cursors: no hit twice, the same total on every page', async () => {
      const first = await search('补助', undefined, { first: 3 });
      const page1 = first.data.search;
      expect(page1.edges).toHaveLength(3);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const second = await search('补助', undefined, { first: 3, after: page1.pageInfo.endCursor });
      const page2 = second.data.search;
      expect(page2.totalCount).toBe(page1.totalCount);
      const ids = [...page1.edges, ...page2.edges].map((e: any) => e.node.id);
      expect(new Set(ids).size).toBe(6);
      const all = await search('补助', undefined, { first: 6 });
      expect(all.data.search.edges.map((e: any) => e.node.id)).toEqual(ids);
    });

    it('hides expired and repealed entries unless the filter asks for them', async () => {
      const hidden = await search('机器换人', { types: ['POLICY_ITEM'] });
      expect(hidden.data.search.edges.map((e: any) => e.node.itemCode)).not.toContain('JX-2024-011');
      const shown = await search('机器换人', { types: ['POLICY_ITEM'], includeExpired: true });
      // JX-2024-011 ended on 2025-03-31 and its policy 嘉开管〔2023〕15号 was repealed: it reads as 废止.
      const expired = shown.data.search.edges.find((e: any) => e.node.itemCode === 'JX-2024-011');
      expect(expired?.node.validity).toBe('REPEALED');
      const repealed = await search('嘉开管〔2023〕15号', { types: ['POLICY'], validity: ['REPEALED'] });
      expect(repealed.data.search.edges.map((e: any) => e.node.docNumber)).toContain('嘉开管〔2023〕15号');
      const defaultPolicies = await search('嘉开管〔2023〕15号', { types: ['POLICY'] });
      expect(defaultPolicies.data.search.edges.map((e: any) => e.node.docNumber)).not.toContain('嘉开管〔2023〕15号');
    });

    it('never shows a draft', async () => {
      const s = stack.cms.strapi;
      const dept = (await s.db.query('api::department.department').findOne({ where: { code: 'finance' } })) as { documentId: string };
      await s.documents(ITEM).create({ locale: 'zh-Hans', data: { title: '草稿中的琥珀补贴条目', itemCode: 'CZ-DRAFT-1', department: dept.documentId } as never });
      // A publish after the draft: once it is searchable, the sync has passed the draft too.
      const marker = await s.documents(ITEM).create({ locale: 'zh-Hans', status: 'published', data: { title: '已发布的琥珀标记条目', itemCode: 'CZ-MARK-1', department: dept.documentId } as never });
      await stack.sync.until('the marker is searchable', async () => (await stack.sync.get(`policy_item-${marker.documentId}-zh-Hans`)) !== null);
      const res = await search('琥珀');
      const titles = res.data.search.edges.map((e: any) => e.node.title);
      expect(titles).toContain('已发布的琥珀标记条目');
      expect(titles).not.toContain('草稿中的琥珀补贴条目');
    });

    it('answers in English when asked', async () => {
      const res = await search('technical renovation', { locale: 'EN', types: ['POLICY_ITEM'] });
      const top = res.data.search.edges[0].node;
      expect(top).toMatchObject({ itemCode: 'JX-2025-001', locale: 'EN', title: 'Grants for Industrial Technology Upgrading (Technical Renovation) Projects' });
      const zh = await search('technical renovation', { types: ['POLICY_ITEM'] });
      expect(zh.data.search.edges.every((e: any) => e.node.locale === 'ZH_HANS')).toBe(true);
    });

    it('suggests titles and 口径 as the operator types', async () => {
      const res = await stack.api.gql(`{ suggest(prefix: "专精", limit: 5) { text highlighted type shortAnswer departmentName } }`);
      expect(res.errors).toBeUndefined();
      const texts = res.data.suggest.map((s: any) => s.text);
      expect(texts.some((t: string) => t.includes('专精特新'))).toBe(true);
      expect(res.data.suggest[0].highlighted).toContain('<mark>');
      expect(res.data.suggest.length).toBeLessThanOrEqual(5);
    });

    it('gives the hotline an answer card ready to read out', async () => {
      const res = await stack.api.gql(`{
        answers(query: "招不到人有什么补贴", limit: 3) {
          type title readOut
          department { code name phone }
          badges { maxAmount applicationStart applicationEnd applicationOpen validity }
          sourceItems { itemCode title }
          sourcePolicy { title }
        }
      }`);
      expect(res.errors).toBeUndefined();
      const card = res.data.answers[0];
      expect(card.type).toBe('HOTLINE_ANSWER');
      expect(card.title).toBe('招不到人有什么补贴？');
      expect(card.readOut).toBe('新招外省籍员工稳定就业满3个月的，每人补贴1000元，单家企业一年最高20万元；新员工以工代训每人每月500元。具体请咨询人力社保局就业促进科。');
      expect(card.department).toMatchObject({ code: 'human-resources', name: '人力社保局', phone: '0573-82000111' });
      expect(card.sourceItems.map((i: any) => i.itemCode).sort()).toEqual(['RS-2025-002', 'RS-2025-003']);
      // Badges from the item a caller can still apply for: RS-2025-002 (window 2026-03-01…12-15 is open on
      // 2026-11-27), not RS-2025-003 (its window closed on 2026-11-20).
      expect(card.badges).toEqual({ maxAmount: 20, applicationStart: '2026-03-01', applicationEnd: '2026-12-15', applicationOpen: true, validity: 'VALID' });
      expect(card.sourcePolicy.title).toBe('关于做好稳就业促发展工作的若干措施');
    });

    it('reads out the 高企 card with the badge of the item it cites, and says when there is no good answer', async () => {
      const res = await stack.api.gql(`{
        answerSet(query: "高企奖励", limit: 3) {
          state confidence threshold
          cards { type title readOut confidence confidenceLevel badges { maxAmount } badgeItem { itemCode } sourceItems { itemCode } }
        }
      }`);
      expect(res.errors).toBeUndefined();
      const set = res.data.answerSet;
      expect(set.state).toBe('ANSWERED');
      const card = set.cards.find((c: any) => c.title === '高新技术企业认定后有什么奖励？');
      // The 口径 reads "首次认定高企奖励30万元…"; it links JX-2025-008 (30 万) and JX-2025-009 (研发机构, 100 万).
      // The badge must say 30, from JX-2025-008, never 100 from the other linked item.
      expect(card.readOut).toContain('30万元');
      expect(card.sourceItems.map((i: any) => i.itemCode).sort()).toEqual(['JX-2025-008', 'JX-2025-009']);
      expect(card.badgeItem).toEqual({ itemCode: 'JX-2025-008' });
      expect(card.badges.maxAmount).toBe(30);
      expect(card.confidenceLevel).toBe(card.confidence >= set.threshold ? 'STRONG' : 'WEAK');

      // Nothing in the knowledge base is about amber: no card is good enough, and the question is a recorded gap.
      const none = await stack.api.gql(`{ answerSet(query: "琥珀蜜蜡鉴定", limit: 3) { state confidence cards { confidenceLevel } } }`);
      expect(none.errors).toBeUndefined();
      expect(none.data.answerSet.state).toBe('NO_GOOD_ANSWER');
      expect(none.data.answerSet.cards.every((c: any) => c.confidenceLevel === 'WEAK')).toBe(true);
      const db = stack.api.app.services.db;
      await stack.sync.until('the gap is recorded', async () => (await topZeroResultQueries(db, '2026-11-27', '2026-11-28', 50)).some((q) => q.query === '琥珀蜜蜡鉴定'));
    });

    it('reads an item by department + code, with markdown as sanitized HTML and text', async () => {
      const res = await stack.api.gql(`{
        policyItem(department: "economy-commerce", code: "JX-2025-001") {
          documentId itemCode title validity maxAmount applicationEnd subjects topics
          department { name } policy { title }
          eligibility { html text }
        }
      }`);
      expect(res.errors).toBeUndefined();
      const item = res.data.policyItem;
      expect(item).toMatchObject({ itemCode: 'JX-2025-001', title: '工业企业技术改造项目补助', validity: 'VALID', maxAmount: 1000, applicationEnd: '2026-04-30' });
      expect(item.department.name).toBe('经信商务局');
      expect(item.policy.title).toBe('嘉兴经济技术开发区关于推动制造业高质量发展的若干政策');
      expect(item.eligibility.html).toContain('<li>');
      expect(item.eligibility.text).toContain('在经开区（国际商务区）注册并纳税');
      const byId = await stack.api.gql(`query($id: ID!) { policyItem(id: $id) { itemCode } }`, { id: item.documentId });
      expect(byId.data.policyItem.itemCode).toBe('JX-2025-001');
    });

    it('reads a policy with its items and interpretations, and the department list', async () => {
      const hit = await search('嘉开管〔2025〕8号', { types: ['POLICY'] });
      const id = hit.data.search.edges[0].node.documentId;
      const res = await stack.api.gql(`query($id: ID!) { policy(id: $id) { title docNumber validity items { itemCode } interpretations { title } body { html } } }`, { id });
      expect(res.errors).toBeUndefined();
      const codes = res.data.policy.items.map((i: any) => i.itemCode);
      // 嘉开管〔2025〕8号 carries JX-2025-001…005, 008, 012 and 013 in the demo content.
      expect(codes).toEqual(['JX-2025-001', 'JX-2025-002', 'JX-2025-003', 'JX-2025-004', 'JX-2025-005', 'JX-2025-008', 'JX-2025-012', 'JX-2025-013']);
      const departments = await stack.api.gql(`{ departments { code name phone } }`);
      expect(departments.data.departments).toHaveLength(17);
      expect(departments.data.departments.find((d: any) => d.code === 'tax')).toMatchObject({ name: '税务局' });
    });

    it('records zero-result queries and the search before a petition, anonymously', async () => {
      const session = { 'x-client-session': 'browser-session-7f3a9c' };
      await stack.api.gql(SEARCH, { q: '光伏屋顶补贴琥珀' }, session);
      await stack.api.gql(SEARCH, { q: '光伏屋顶补贴琥珀' });
      await stack.api.gql(SEARCH, { q: '厂房用电增容' }, session);
      const token = await mintToken({ role: 'enterprise', sub: 'e1', uscc: ENTERPRISE_USCC }, 'search-api-test-secret-0123456789abcdef');
      const filed = await stack.api.gql(
        `mutation($i: SubmitPetitionInput!, $k: String!) { submitPetition(input: $i, idempotencyKey: $k) { id } }`,
        { i: enterpriseInput(), k: freshKey() },
        { ...session, authorization: `Bearer ${token}` },
      );
      expect(filed.errors).toBeUndefined();
      const db = stack.api.app.services.db;
      // Today in the api is 2026-11-27 (Shanghai); the records are per day.
      await stack.sync.until('the gaps are recorded', async () => (await topZeroResultQueries(db, '2026-11-27', '2026-11-28', 10)).length > 0);
      expect(await topZeroResultQueries(db, '2026-11-27', '2026-11-28', 10)).toContainEqual({ query: '光伏屋顶补贴琥珀', count: 2 });
      await stack.sync.until('the search→petition link', async () => (await topQueriesBeforePetitions(db, '2026-11-27', '2026-11-28', 10)).length > 0);
      expect(await topQueriesBeforePetitions(db, '2026-11-27', '2026-11-28', 10)).toEqual([{ query: '厂房用电增容', count: 1 }]);
    });

    describe('errors, each with its code', () => {
      it('BAD_USER_INPUT names the field', async () => {
        const tooMany = await search('补助', undefined, { first: 51 });
        expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
        const tooLong = await search('补'.repeat(201));
        expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
        const badAmount = await search('补助', { minAmount: -1 });
        expect(badAmount.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.minAmount' });
        const badCursor = await search('补助', undefined, { after: 'not-a-cursor' });
        expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
        const control = await search('补助\u0000');
        expect(control.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      });
      it('NOT_FOUND for an id that is not published', async () => {
        const res = await stack.api.gql(`{ policyItem(id: "doesnotexist000000000000") { title } }`);
        expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      });
      it('UNAUTHENTICATED and FORBIDDEN come from the petition module on the same endpoint', async () => {
        const anonymous = await stack.api.gql(`{ petitions(first: 1) { edges { cursor } } }`);
        expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      });
      it('RATE_LIMITED past the per-client limit', async () => {
        // X-Forwarded-For names another client only behind a trusted proxy (here the test itself, 127.0.0.1).
        const limited = await startSearchApi({ host: stack.meili.host, searchKey: stack.sync.runtime.searchKey, prefix: stack.sync.prefix, env: { SEARCH_RATE_PER_MINUTE: '3', TRUSTED_PROXIES: '127.0.0.1,::1' } });
        try {
          for (let i = 0; i < 3; i++) expect((await limited.gql(`{ suggest(prefix: "技") { text } }`)).errors).toBeUndefined();
          const fourth = await limited.gql(`{ suggest(prefix: "技") { text } }`);
          expect(fourth.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
          // Another client (another address) is not affected.
          const other = await limited.gql(`{ suggest(prefix: "技") { text } }`, undefined, { 'x-forwarded-for': '10.1.2.3' });
          expect(other.errors).toBeUndefined();
        } finally {
          await limited.stop();
        }
      });
      it('INTERNAL_SERVER_ERROR is masked: no message, no stack', async () => {
        const api = stack.api;
        const original = api.app.services.departments.list.bind(api.app.services.departments);
        api.app.services.departments.list = () => Promise.reject(new Error('secret detail /srv/app.ts:12'));
        try {
          const res = await api.gql(`{ departments { code } }`);
          expect(res.errors?.[0]).toEqual({ message: '服务器内部错误 (internal server error)', path: ['departments'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
        } finally {
          api.app.services.departments.list = original;
        }
      });
    });

    describe('abusive queries are rejected', () => {
      it('too deep', async () => {
        let nested = 'name';
        for (let i = 0; i < 12; i++) nested = `ofType { ${nested} }`;
        const res = await stack.api.gql(`{ __schema { types { fields { type { ${nested} } } } } }`);
        expect(res.status).toBe(400);
        expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
        expect(res.data).toBeUndefined();
      });
      it('too complex', async () => {
        const aliases = Array.from({ length: 50 }, (_, i) => `s${i}: search(query: "补助", first: 50) { edges { node { id title snippet department { code name phone } } } }`).join('\n');
        const res = await stack.api.gql(`{ ${aliases} }`);
        expect(res.status).toBe(400);
        expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
        expect(res.errors?.[0]?.message).toContain('complexity');
      });
      it('too long, and batched', async () => {
        const long = await stack.api.gql(`{ health ${' '.repeat(10_001)} }`);
        expect(long.status).toBe(400);
        expect(long.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        const batch = await fetch(stack.api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ query: '{ health }' }, { query: '{ health }' }]) });
        expect(batch.status).toBe(400);
      });
    });

    describe('Meilisearch down or hanging', () => {
      it('a hanging Meilisearch gives SEARCH_UNAVAILABLE within the timeout, and /readyz says not ready', async () => {
        const hanging = await startHangingServer();
        const api = await startSearchApi({ host: hanging.host, searchKey: 'any', prefix: 'x_', env: { MEILI_TIMEOUT_MS: '500' } });
        try {
          const res = await api.gql(`{ search(query: "补助") { totalCount } }`);
          expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'SEARCH_UNAVAILABLE' });
          expect(res.ms).toBeLessThan(2_000);
          const started = performance.now();
          const ready = await fetch(api.url.replace('/graphql', '/readyz'));
          expect(performance.now() - started).toBeLessThan(2_000);
          expect(ready.status).toBe(503);
          expect(await ready.json()).toMatchObject({ status: 'not ready', down: [{ dependency: 'meilisearch' }] });
          expect((await fetch(api.url.replace('/graphql', '/healthz'))).status).toBe(200);
        } finally {
          await api.stop();
          await hanging.close();
        }
      });
      it('a stopped Meilisearch gives SEARCH_UNAVAILABLE; ready again once it is back', async () => {
        const ready = () => fetch(stack.api.url.replace('/graphql', '/readyz')).then((r) => r.status);
        expect(await ready()).toBe(200);
        await stack.meili.stop();
        try {
          const res = await search('补助');
          expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'SEARCH_UNAVAILABLE' });
          expect(await ready()).toBe(503);
        } finally {
          await stack.meili.restart();
        }
        await stack.sync.until('meilisearch answers again', async () => (await ready()) === 200, 30_000);
      });
    });
  });
}
