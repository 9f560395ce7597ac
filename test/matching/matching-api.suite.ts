// 政策找企业 end to end: the CMS with the demo content (its items carry structured conditions) →
// search-sync → Meilisearch → the api over HTTP, its own tables on SQLite or PostgreSQL, and a local
// platform webhook receiver. Expected verdicts are worked out by hand from cms/src/seed/demo/content.json
// on the test day, Friday 2026-11-27 (Asia/Shanghai): e.g. RS-2025-002 asks 区内注册 and 工业企业 or
// 生产性服务业企业 and closes 2026-12-15; JX-2025-001 closed on 2026-04-30; JX-2024-011 is repealed.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Kind, parse, type ObjectTypeExtensionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../api/src/auth/mint-token.ts';
import type { Claims } from '../../api/src/auth/actor.ts';
import { dropPostgresSchema } from '../../api/src/db/database.ts';
import { verifySignature } from '../../api/src/matching/push/webhook.ts';
import { exportPolicyItems, importPolicyItems, readRows, templateCsv } from '../../cms/src/import/index.ts';
import { TestClock } from '../helpers/api/test-clock.ts';
import { startCms, type CmsUnderTest } from '../helpers/cms.ts';
import { TEST_DATABASE_URL, type DbKind } from '../helpers/databases.ts';
import { startMeili, type MeiliUnderTest } from '../helpers/meili.ts';
import { startSearchApi, type ApiUnderTest } from '../helpers/search-stack.ts';
import { startSync, type SyncUnderTest } from '../helpers/sync.ts';

const SECRET = 'search-api-test-secret-0123456789abcdef';
const WEBHOOK_SECRET = 'platform-webhook-secret-0123456789abcdef';
const USCC_A = '91330100799655058B';
const USCC_B = '91330402MA2B12345C';
const USCC_C = '91330402MA2C67890U';

/** A: an industrial high-tech, above-scale manufacturer of cars (GB/T 4754 大类 36) in the zone. */
const PROFILE_A = {
  subjectType: 'INDUSTRIAL',
  registeredInZone: true,
  industry: 'C36',
  qualifications: ['HIGH_TECH', 'ABOVE_SCALE_INDUSTRIAL'],
  employees: 120,
  annualRevenue: 30000,
  taxCreditRating: 'A',
  rdExpenseRatio: 4.2,
};
/** B: a producer-services company registered outside the zone. */
const PROFILE_B = { subjectType: 'PRODUCER_SERVICES', registeredInZone: false };

const MATCHES = /* GraphQL */ `
  query Matches($profile: EnterpriseProfileInput!, $includeClosed: Boolean, $verdicts: [MatchVerdict!]) {
    policyMatches(profile: $profile, includeClosed: $includeClosed, verdicts: $verdicts) {
      eligibleCount possiblyEligibleCount notEligibleCount
      matches {
        verdict window
        item { itemCode title maxAmount applicationStart applicationEnd departmentName }
        conditions { attribute attributeLabel description clause result reason }
        missingFacts { attribute label }
        failingConditions { description clause }
      }
    }
  }
`;
const MY_MATCHES = /* GraphQL */ `
  query { myPolicyMatches { eligibleCount possiblyEligibleCount notEligibleCount matches { verdict item { itemCode } } } }
`;
const SAVE = /* GraphQL */ `
  mutation Save($profile: EnterpriseProfileInput!) {
    saveEnterpriseProfile(profile: $profile) { uscc subjectType registeredInZone industry industryLabel qualifications employees updatedAt }
  }
`;
const MY_PROFILE = /* GraphQL */ `query { myEnterpriseProfile { uscc subjectType industry employees } }`;
const MY_NOTICES = /* GraphQL */ `query { myMatchNotices { id delivery deliveredAt item { itemCode title applicationEnd } } }`;

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The platform's webhook endpoint: answers 503 to the first `failFirst` requests, then 200. */
async function startReceiver(failFirst: number): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(received.length <= failFirst ? 503 : 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/policy-match`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export function defineMatchingSuite(kind: DbKind): void {
  describe(`政策找企业 (${kind})`, () => {
    let meili: MeiliUnderTest;
    let cms: CmsUnderTest;
    let sync: SyncUnderTest;
    let api: ApiUnderTest;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    const clock = new TestClock('2026-11-27T10:00:00+08:00');
    const apiSchema = `api_matching_${randomBytes(4).toString('hex')}`;
    const tokens: Record<string, string> = {};
    const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

    beforeAll(async () => {
      meili = await startMeili(`matching-${kind}`);
      cms = await startCms(kind, `matching-${kind}`, { seedDemo: true });
      sync = await startSync(cms, meili, `matching-${kind}`);
      await sync.caughtUp('the demo content is indexed');
      receiver = await startReceiver(2);
      api = await startSearchApi({
        host: meili.host,
        searchKey: sync.runtime.searchKey,
        prefix: sync.prefix,
        clock,
        env: {
          PLATFORM_WEBHOOK_URL: receiver.url,
          PLATFORM_WEBHOOK_SECRET: WEBHOOK_SECRET,
          PLATFORM_WEBHOOK_BACKOFF_MS: '1000',
          PLATFORM_WEBHOOK_MAX_ATTEMPTS: '5',
          PLATFORM_WEBHOOK_TIMEOUT_MS: '2000',
          MATCH_SCAN_INTERVAL_MS: '200',
          ...(kind === 'postgres' ? { DATABASE_URL: TEST_DATABASE_URL!, DATABASE_SCHEMA: apiSchema } : {}),
        },
      });
      const claims: Record<string, Claims> = {
        A: { role: 'enterprise', sub: 'platform-user-a', uscc: USCC_A },
        B: { role: 'enterprise', sub: 'platform-user-b', uscc: USCC_B },
        C: { role: 'enterprise', sub: 'platform-user-c', uscc: USCC_C },
        office: { role: 'office', sub: 'office-1' },
        department: { role: 'department', sub: 'dept-1', department: 'economy-commerce' },
        hotline: { role: 'hotline', sub: 'hotline-1' },
        leader: { role: 'leader', sub: 'leader-1' },
        individual: { role: 'individual', sub: 'person-1' },
      };
      for (const [who, c] of Object.entries(claims)) tokens[who] = await mintToken(c, SECRET);
    }, 300_000);

    afterAll(async () => {
      await api?.stop();
      if (kind === 'postgres' && TEST_DATABASE_URL) await dropPostgresSchema(TEST_DATABASE_URL, apiSchema);
      await receiver?.close();
      await sync?.stop();
      await cms?.stop();
      await meili?.destroy();
    });

    it('sorts every current item by closing date and gives each verdict with its conditions, clauses and missing facts', async () => {
      const res = await api.gql(MATCHES, { profile: PROFILE_A });
      expect(res.errors).toBeUndefined();
      const list = res.data.policyMatches;
      // 48 demo items − 13 whose window closed before 2026-11-27 − 2 no longer in force = 33 (see the header).
      expect([list.eligibleCount, list.possiblyEligibleCount, list.notEligibleCount]).toEqual([16, 15, 2]);
      const byCode = new Map(list.matches.map((m: any) => [m.item.itemCode, m]));
      expect(list.matches[0].item).toMatchObject({ itemCode: 'JX-2025-010', applicationEnd: '2026-11-30' });
      const ends = list.matches.map((m: any) => m.item.applicationEnd ?? '9999-12-31');
      expect(ends).toEqual([...ends].sort());
      expect(byCode.has('JX-2024-011')).toBe(false);
      expect(byCode.has('JX-2025-001')).toBe(false);

      expect(byCode.get('JX-2025-004')).toMatchObject({
        verdict: 'ELIGIBLE',
        window: 'OPEN',
        item: { title: '小微企业升规奖励（小升规）', applicationEnd: '2026-12-31', departmentName: '经信商务局' },
        missingFacts: [],
      });
      expect((byCode.get('JX-2025-004') as any).conditions).toEqual([
        { attribute: 'registeredInZone', attributeLabel: '区内注册', description: '区内注册：是', clause: '在区内注册、统计关系在区内的工业企业', result: 'MET', reason: '区内注册为 是，满足' },
        { attribute: 'subjectType', attributeLabel: '主体类型', description: '主体类型 属于 工业企业', clause: '统计关系在区内的工业企业', result: 'MET', reason: '主体类型为 工业企业，满足' },
        { attribute: 'annualRevenue', attributeLabel: '年营业收入', description: '年营业收入 ≥ 2000 万元', clause: '上一年度主营业务收入首次达到 2000 万元及以上', result: 'MET', reason: '年营业收入为 30000 万元，满足' },
        { attribute: 'qualifications', attributeLabel: '资质', description: '资质 包含全部 规上工业企业', clause: '经统计部门审核纳入规模以上工业企业名录（"入规"）', result: 'MET', reason: '资质为 高新技术企业、规上工业企业，满足' },
      ]);
      // 中小企业数字化改造补助: the project's investment is not known yet.
      expect(byCode.get('JX-2025-006')).toMatchObject({ verdict: 'POSSIBLY_ELIGIBLE', missingFacts: [{ attribute: 'projectInvestment', label: '项目投资额' }] });
      // 专精特新企业培育奖励: A is neither 小巨人 nor 专精特新, and the failing clause is quoted.
      expect(byCode.get('JX-2025-003')).toMatchObject({
        verdict: 'NOT_ELIGIBLE',
        failingConditions: [{ description: '资质 包含任一 专精特新“小巨人”企业、专精特新中小企业', clause: '首次被工业和信息化部认定为专精特新"小巨人"企业，或被省经信厅认定为省级专精特新中小企业' }],
      });
      // 高新技术企业认定奖励 opens on 2026-12-01.
      expect(byCode.get('JX-2025-008')).toMatchObject({ verdict: 'ELIGIBLE', window: 'UPCOMING', item: { maxAmount: 30 } });
    });

    it('one more fact turns a possible match into a match, or into a refusal', async () => {
      const verdictOf = async (profile: object) => {
        const res = await api.gql(MATCHES, { profile });
        return res.data.policyMatches.matches.find((m: any) => m.item.itemCode === 'JX-2025-006').verdict;
      };
      expect(await verdictOf(PROFILE_A)).toBe('POSSIBLY_ELIGIBLE');
      expect(await verdictOf({ ...PROFILE_A, projectInvestment: 80 })).toBe('ELIGIBLE');
      expect(await verdictOf({ ...PROFILE_A, projectInvestment: 30 })).toBe('NOT_ELIGIBLE');
    });

    it('marks closed and expired items when asked, and filters by verdict', async () => {
      const all = await api.gql(MATCHES, { profile: PROFILE_A, includeClosed: true });
      const byCode = new Map(all.data.policyMatches.matches.map((m: any) => [m.item.itemCode, m]));
      expect(byCode.get('JX-2025-001')).toMatchObject({ window: 'CLOSED', item: { applicationEnd: '2026-04-30' } });
      expect(byCode.get('JX-2024-011')).toMatchObject({ window: 'EXPIRED' });
      expect(all.data.policyMatches.matches).toHaveLength(48);
      const notEligible = await api.gql(MATCHES, { profile: PROFILE_A, verdicts: ['NOT_ELIGIBLE'] });
      expect(notEligible.data.policyMatches.matches.map((m: any) => m.item.itemCode)).toEqual(['FG-2024-005', 'JX-2025-003']);
    });

    it('refuses a bad profile naming the field, without storing anything', async () => {
      const res = await api.gql(MATCHES, { profile: { industry: 'Z99' } });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'profile.industry' });
      const saved = await api.gql(SAVE, { profile: { employees: -5 } }, as('A'));
      expect(saved.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'profile.employees' });
      expect((await api.gql(MY_PROFILE, {}, as('A'))).data.myEnterpriseProfile).toBeNull();
    });

    it('enterprise-only fields refuse anonymous callers and staff; every such field of the SDL is covered', async () => {
      const sdl = parse(readFileSync(new URL('../../schemas/graphql/matching.graphql', import.meta.url), 'utf8'));
      const enterpriseOnly = sdl.definitions
        .filter((d): d is ObjectTypeExtensionNode => d.kind === Kind.OBJECT_TYPE_EXTENSION)
        .flatMap((d) => (d.fields ?? []).filter((f) => f.description?.value.startsWith('Enterprise only')).map((f) => f.name.value))
        .sort();
      const operations: Record<string, string> = {
        myEnterpriseProfile: MY_PROFILE,
        myMatchNotices: MY_NOTICES,
        myPolicyMatches: MY_MATCHES,
        saveEnterpriseProfile: `mutation { saveEnterpriseProfile(profile: {employees: 1}) { uscc } }`,
      };
      expect(Object.keys(operations).sort()).toEqual(enterpriseOnly);
      for (const [field, op] of Object.entries(operations)) {
        const anonymous = await api.gql(op);
        expect(anonymous.errors?.[0]?.extensions?.code, `${field} anonymous`).toBe('UNAUTHENTICATED');
        for (const who of ['office', 'department', 'hotline', 'leader', 'individual']) {
          const res = await api.gql(op, {}, as(who));
          expect(res.errors?.[0]?.extensions?.code, `${field} as ${who}`).toBe('FORBIDDEN');
        }
      }
      // Nothing was stored by the refused calls.
      expect((await api.gql(MY_PROFILE, {}, as('A'))).data.myEnterpriseProfile).toBeNull();
    });

    it('an enterprise saves its profile and sees only its own profile and matches', async () => {
      const saved = await api.gql(SAVE, { profile: PROFILE_A }, as('A'));
      expect(saved.errors).toBeUndefined();
      expect(saved.data.saveEnterpriseProfile).toMatchObject({
        uscc: USCC_A,
        subjectType: 'INDUSTRIAL',
        industry: '36',
        industryLabel: 'C36 汽车制造业',
        qualifications: ['HIGH_TECH', 'ABOVE_SCALE_INDUSTRIAL'],
        employees: 120,
      });
      expect((await api.gql(SAVE, { profile: PROFILE_B }, as('B'))).errors).toBeUndefined();

      expect((await api.gql(MY_PROFILE, {}, as('A'))).data.myEnterpriseProfile).toMatchObject({ uscc: USCC_A, employees: 120 });
      expect((await api.gql(MY_PROFILE, {}, as('B'))).data.myEnterpriseProfile).toEqual({ uscc: USCC_B, subjectType: 'PRODUCER_SERVICES', industry: null, employees: null });
      expect((await api.gql(MY_PROFILE, {}, as('C'))).data.myEnterpriseProfile).toBeNull();

      const mineA = (await api.gql(MY_MATCHES, {}, as('A'))).data.myPolicyMatches;
      expect([mineA.eligibleCount, mineA.possiblyEligibleCount, mineA.notEligibleCount]).toEqual([16, 15, 2]);
      // B is registered outside the zone: every item asking 区内注册 fails. It fits one item only:
      // RS-2025-007, whose one condition is 主体类型 属于 工业企业、生产性服务业企业、创业个人.
      const mineB = (await api.gql(MY_MATCHES, {}, as('B'))).data.myPolicyMatches;
      expect(mineB.matches.filter((m: any) => m.verdict === 'ELIGIBLE').map((m: any) => m.item.itemCode)).toEqual(['RS-2025-007']);
      expect(mineB.matches.find((m: any) => m.item.itemCode === 'RS-2025-002').verdict).toBe('NOT_ELIGIBLE');
      expect(mineB.matches.find((m: any) => m.item.itemCode === 'FG-2024-005').verdict).toBe('POSSIBLY_ELIGIBLE');
    });

    it('the monthly report counts the saved profiles each item fits and lists the items that fit no one', async () => {
      const res = await api.gql(
        `query { monthlyReport(month: "2026-11") { policyMatching { profiles items { itemCode eligible possiblyEligible hasConditions } matchingNoOne { itemCode } } } }`,
        {},
        as('office'),
      );
      expect(res.errors).toBeUndefined();
      const section = res.data.monthlyReport.policyMatching;
      expect(section.profiles).toBe(2);
      const row = (code: string) => section.items.find((i: any) => i.itemCode === code);
      expect(row('JX-2025-008')).toEqual({ itemCode: 'JX-2025-008', eligible: 1, possiblyEligible: 0, hasConditions: true });
      expect(row('FG-2024-005')).toEqual({ itemCode: 'FG-2024-005', eligible: 0, possiblyEligible: 1, hasConditions: true });
      expect(row('JX-2025-010')).toEqual({ itemCode: 'JX-2025-010', eligible: 0, possiblyEligible: 2, hasConditions: false });
      // 专精特新: A lacks the qualification, B is outside the zone.
      expect(section.matchingNoOne.map((i: any) => i.itemCode)).toEqual(['JX-2025-003']);
      expect((await api.gql(`query { monthlyReport(month: "2026-11") { month } }`, {}, as('A'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('an item published by import with its conditions column is pushed once to the enterprise it fits, signed, retried until the platform is back', async () => {
      const matching = api.app.services.matching;
      // The first scan only takes the baseline: what was published before is not news.
      expect(await matching.scanOnce()).toEqual({ baseline: true, changedItems: 48, noticesRecorded: 0 });
      expect(await matching.scanOnce()).toEqual({ baseline: false, changedItems: 0, noticesRecorded: 0 });

      const csv = (title: string) =>
        [
          '条目编号,标题,结构化条件,申报开始日期,申报截止日期,最高扶持金额（万元）',
          `JX-2026-101,${title},"区内注册=是「在区内注册」；资质 包含全部 高新技术企业「经认定的高新技术企业」；员工人数>=100「在职员工 100 人以上」",2026-11-01,2026-12-31,30`,
        ].join('\n');
      const summary = await importPolicyItems(cms.strapi, await readRows(Buffer.from(csv('高新技术企业研发投入奖励')), 'csv'), { department: 'economy-commerce', publish: true });
      expect(summary).toMatchObject({ created: 1, rejected: 0 });
      const indexed = await sync.until('the imported item is indexed', async () => (await sync.find('', { filter: 'itemCode = "JX-2026-101"' }))[0], 30_000);
      expect(indexed.conditions).toEqual([
        { attribute: 'registeredInZone', operator: 'is', value: 'true', clause: '在区内注册' },
        { attribute: 'qualifications', operator: 'includes_all', value: 'high_tech', clause: '经认定的高新技术企业' },
        { attribute: 'employees', operator: 'gte', value: '100', clause: '在职员工 100 人以上' },
      ]);

      // A (120 employees, 高新技术企业, in the zone) fits; B (outside the zone) does not.
      expect(await matching.scanOnce()).toEqual({ baseline: false, changedItems: 1, noticesRecorded: 1 });
      const noticesA = (await api.gql(MY_NOTICES, {}, as('A'))).data.myMatchNotices;
      expect(noticesA).toEqual([{ id: expect.any(String), delivery: 'PENDING', deliveredAt: null, item: { itemCode: 'JX-2026-101', title: '高新技术企业研发投入奖励', applicationEnd: '2026-12-31' } }]);
      expect((await api.gql(MY_NOTICES, {}, as('B'))).data.myMatchNotices).toEqual([]);

      // The platform is down (503) for the first two attempts: retried after 1 s, then after 2 s more.
      expect(await matching.deliverOnce()).toEqual({ delivered: 0, failed: 1, parked: 0 });
      expect(await matching.deliverOnce()).toEqual({ delivered: 0, failed: 0, parked: 0 }); // backing off
      clock.advanceMs(1000);
      expect(await matching.deliverOnce()).toEqual({ delivered: 0, failed: 1, parked: 0 });
      clock.advanceMs(1000);
      expect(await matching.deliverOnce()).toEqual({ delivered: 0, failed: 0, parked: 0 }); // 2 s this time
      clock.advanceMs(1000);
      expect(await matching.deliverOnce()).toEqual({ delivered: 1, failed: 0, parked: 0 });
      expect(receiver.received).toHaveLength(3);
      const bodies = new Set(receiver.received.map((r) => r.body));
      expect(bodies.size).toBe(1);
      const last = receiver.received[2]!;
      const payload = JSON.parse(last.body);
      expect(payload).toMatchObject({ type: 'policy_match', uscc: USCC_A, verdict: 'ELIGIBLE', noticeId: noticesA[0].id, item: { itemCode: 'JX-2026-101', maxAmount: 30, departmentName: '经信商务局' } });
      expect(payload.conditions.map((c: any) => c.clause)).toEqual(['在区内注册', '经认定的高新技术企业', '在职员工 100 人以上']);
      expect(last.headers['x-zone-notice-id']).toBe(noticesA[0].id);
      const nowSeconds = Math.floor(clock.now().getTime() / 1000);
      expect(verifySignature(WEBHOOK_SECRET, { signature: String(last.headers['x-zone-signature']), timestamp: String(last.headers['x-zone-timestamp']) }, last.body, nowSeconds)).toBe(true);
      expect(verifySignature('another-secret-0123456789abcdef0123', { signature: String(last.headers['x-zone-signature']), timestamp: String(last.headers['x-zone-timestamp']) }, last.body, nowSeconds)).toBe(false);
      expect((await api.gql(MY_NOTICES, {}, as('A'))).data.myMatchNotices[0]).toMatchObject({ delivery: 'DELIVERED', deliveredAt: clock.now().toISOString() });

      // C saves a profile that fits; a revision of the item (new title) still fits A: only C is told.
      expect((await api.gql(SAVE, { profile: { registeredInZone: true, qualifications: ['HIGH_TECH'], employees: 300 } }, as('C'))).errors).toBeUndefined();
      const revised = await importPolicyItems(cms.strapi, await readRows(Buffer.from(csv('高新技术企业研发投入奖励（修订）')), 'csv'), { department: 'economy-commerce', publish: true });
      expect(revised).toMatchObject({ updated: 1, rejected: 0 });
      await sync.until('the revision is indexed', async () => (await sync.find('', { filter: 'itemCode = "JX-2026-101"' }))[0]?.title === '高新技术企业研发投入奖励（修订）', 30_000);
      expect(await matching.scanOnce()).toEqual({ baseline: false, changedItems: 1, noticesRecorded: 1 });
      expect((await api.gql(MY_NOTICES, {}, as('A'))).data.myMatchNotices).toHaveLength(1);
      expect((await api.gql(MY_NOTICES, {}, as('C'))).data.myMatchNotices.map((n: any) => n.item.title)).toEqual(['高新技术企业研发投入奖励（修订）']);
      expect(await matching.deliverOnce()).toEqual({ delivered: 1, failed: 0, parked: 0 });
      expect(JSON.parse(receiver.received[3]!.body)).toMatchObject({ uscc: USCC_C });

      // The export writes the conditions back in the column's syntax, and re-imports as unchanged.
      const exported = await exportPolicyItems(cms.strapi, { department: 'economy-commerce' });
      const conditionsOf = (code: string) => exported.find((r) => r.itemCode === code)?.conditions;
      expect(conditionsOf('JX-2026-101')).toBe('区内注册=是「在区内注册」；资质 包含全部 高新技术企业「经认定的高新技术企业」；员工人数>=100「在职员工 100 人以上」');
      expect(conditionsOf('JX-2025-004')).toBe(
        '区内注册=是「在区内注册、统计关系在区内的工业企业」；主体类型 属于 工业企业「统计关系在区内的工业企业」；年营业收入>=2000「上一年度主营业务收入首次达到 2000 万元及以上」；资质 包含全部 规上工业企业「经统计部门审核纳入规模以上工业企业名录（"入规"）」',
      );
      const again = await importPolicyItems(cms.strapi, await readRows(Buffer.from(templateCsv(exported)), 'csv'), { department: 'economy-commerce' });
      expect(again).toMatchObject({ unchanged: exported.length, created: 0, updated: 0, rejected: 0 });

      // The new item is in the matches at once (the scan refreshed the cache), closing 2026-12-31.
      const mine = (await api.gql(MY_MATCHES, {}, as('A'))).data.myPolicyMatches;
      expect(mine.matches.find((m: any) => m.item.itemCode === 'JX-2026-101').verdict).toBe('ELIGIBLE');
    });

    it('as under npm start, the watcher and delivery loops push a new publish by themselves', async () => {
      const loops = api.app.services.matching.start();
      try {
        const before = receiver.received.length;
        const csv = ['条目编号,标题,结构化条件,申报截止日期', 'JX-2026-103,员工超百人企业稳岗奖励,"员工人数>=100「在职员工 100 人以上」",2026-12-20'].join('\n');
        expect(await importPolicyItems(cms.strapi, await readRows(Buffer.from(csv), 'csv'), { department: 'economy-commerce', publish: true })).toMatchObject({ created: 1 });
        // A (120) and C (300) fit; B states no headcount. Two notices reach the platform.
        await sync.until('both notices are delivered', async () => receiver.received.length === before + 2, 30_000);
        const usccs = receiver.received.slice(before).map((r) => JSON.parse(r.body).uscc).sort();
        expect(usccs).toEqual([USCC_A, USCC_C].sort());
      } finally {
        await loops.stop();
      }
    });

    it('the admin shows the condition component with Chinese labels', async () => {
      const service = cms.strapi.plugin('content-manager').service('components');
      const config = (await service.findConfiguration(service.findComponent('matching.condition'))) as { metadatas: Record<string, { edit: { label: string } }> };
      expect(Object.fromEntries(Object.entries(config.metadatas).filter(([k]) => k !== 'id').map(([k, m]) => [k, m.edit.label]))).toEqual({ attribute: '条件属性', operator: '运算符', value: '取值', clause: '引用条款' });
      const items = cms.strapi.plugin('content-manager').service('content-types');
      const itemConfig = (await items.findConfiguration(items.findContentType('api::policy-item.policy-item'))) as { metadatas: Record<string, { edit: { label: string } }> };
      expect(itemConfig.metadatas.conditions?.edit.label).toBe('申报条件（结构化）');
    });

    it('a bad conditions cell is refused with its row and column, and nothing of that row is written', async () => {
      const csv = ['条目编号,标题,结构化条件', 'JX-2026-102,坏条件的条目,员工人数>=五十'].join('\n');
      const summary = await importPolicyItems(cms.strapi, await readRows(Buffer.from(csv), 'csv'), { department: 'economy-commerce', publish: true });
      expect(summary).toMatchObject({ created: 0, rejected: 1 });
      expect(summary.issues).toEqual([{ row: 2, column: '结构化条件 conditions', reason: '结构化条件第 1 条有误：条件「员工人数>=五十」：「员工人数」的取值应为数字（单位人）' }]);
      expect(await cms.strapi.db.query('api::policy-item.policy-item').count({ where: { itemCode: 'JX-2026-102' } })).toBe(0);
    });
  });
}
