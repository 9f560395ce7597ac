// Knowledge-base gap records (api/src/search-gaps): what the search API calls, on both databases.
// Nothing personal is stored: queries are normalized and scrubbed, the caller is a hash kept 24 hours,
// and the recorded link carries no caller at all.
import { expect, it } from 'vitest';
import {
  CALLER_MEMORY_HOURS,
  callerKeyFromSession,
  createSearchGapRecorder,
  linkQueryToPetition,
  normalizeQuery,
  recordZeroResultQuery,
  rememberQueryForCaller,
} from '../../api/src/search-gaps/index.ts';
import { describeEachDialect } from '../helpers/api/test-api.ts';

it('normalizes queries and scrubs numbers, e-mail addresses and codes', () => {
  expect(normalizeQuery('  人才公寓！ ')).toBe('人才公寓');
  expect(normalizeQuery('ＡＢＣ　增容')).toBe('abc 增容'); // full-width letters and space fold (NFKC)
  expect(normalizeQuery('联系电话 138-1234-5678')).toBe('联系电话 〈号码〉');
  expect(normalizeQuery('0573-82000000 电费')).toBe('〈号码〉 电费');
  expect(normalizeQuery('发邮件到 zhang@example.com 可以吗')).toBe('发邮件到 〈邮箱〉 可以吗');
  expect(normalizeQuery('91330100799655058B 的税务信息')).toBe('〈代码〉 的税务信息');
  expect(normalizeQuery('1600千伏安 增容')).toBe('1600千伏安 增容'); // short numbers are kept
  expect(normalizeQuery(' ？！ ')).toBeNull();
  expect([...(normalizeQuery('长'.repeat(300)) ?? '')]).toHaveLength(100);
});

it('a caller key is a hash of the platform session id, never the id itself', () => {
  const key = callerKeyFromSession('platform-session-7f3a9c');
  expect(key).toMatch(/^[0-9a-f]{64}$/);
  expect(key).toBe(callerKeyFromSession(' platform-session-7f3a9c '));
  expect(key).not.toBe(callerKeyFromSession('platform-session-other'));
  expect(callerKeyFromSession(undefined)).toBeNull();
  expect(callerKeyFromSession('short')).toBeNull();
});

describeEachDialect('search gap records', (api) => {
  it('counts zero-result queries per day, locale and normalized form', async () => {
    const db = api().app.services.db;
    await recordZeroResultQuery(db, { query: '人才公寓', locale: 'zh-CN', at: new Date('2026-10-08T09:00:00+08:00') });
    await recordZeroResultQuery(db, { query: ' 人才公寓 ', locale: 'zh-CN', at: new Date('2026-10-08T15:00:00+08:00') });
    // 00:30 Shanghai on 10/9 is still 10/8 in UTC: the Shanghai day counts.
    await recordZeroResultQuery(db, { query: '人才公寓', locale: 'zh-CN', at: new Date('2026-10-09T00:30:00+08:00') });
    await recordZeroResultQuery(db, { query: 'talent apartment', locale: 'en', at: new Date('2026-10-08T09:00:00+08:00') });
    expect(await recordZeroResultQuery(db, { query: '！！', locale: 'zh-CN', at: new Date('2026-10-08T09:00:00+08:00') })).toBeNull();
    expect(await recordZeroResultQuery(db, { query: '电话13812345678', locale: 'bogus locale!', at: new Date('2026-10-08T09:00:00+08:00') })).toBe('电话〈号码〉');
    const rows = await db.selectFrom('search_zero_result_queries').selectAll().orderBy('day').orderBy('locale').orderBy('query').execute();
    expect(rows.map((r) => [r.day, r.locale, r.query, Number(r.count)])).toEqual([
      ['2026-10-08', 'en', 'talent apartment', 1],
      ['2026-10-08', 'und', '电话〈号码〉', 1],
      ['2026-10-08', 'zh-CN', '人才公寓', 2],
      ['2026-10-09', 'zh-CN', '人才公寓', 1],
    ]);
  });

  it('links the last query of a caller to the petition it filed within 24 hours, then forgets the caller', async () => {
    const db = api().app.services.db;
    const caller = callerKeyFromSession('platform-session-aaaa1111');
    const t = (iso: string) => new Date(iso);
    await rememberQueryForCaller(db, { callerKey: caller, query: '环评', locale: 'zh-CN', at: t('2026-10-08T09:00:00+08:00') });
    await rememberQueryForCaller(db, { callerKey: caller, query: '环评 审批 时限', locale: 'zh-CN', at: t('2026-10-08T09:05:00+08:00') });
    const link = await linkQueryToPetition(db, { callerKey: caller, petitionId: 'petition-1', at: t('2026-10-08T09:20:00+08:00') });
    expect(link).toEqual({
      petitionId: 'petition-1',
      query: '环评 审批 时限', // the latest query wins
      locale: 'zh-CN',
      searchedAt: '2026-10-08T01:05:00.000Z',
      linkedAt: '2026-10-08T01:20:00.000Z',
    });
    // The caller is forgotten: a second petition by the same session has nothing to link.
    expect(await linkQueryToPetition(db, { callerKey: caller, petitionId: 'petition-2', at: t('2026-10-08T09:30:00+08:00') })).toBeNull();
    expect(await db.selectFrom('search_recent_queries').selectAll().execute()).toEqual([]);
    // The stored link holds no caller key.
    const stored = await db.selectFrom('search_query_petitions').selectAll().execute();
    expect(stored).toEqual([
      { petition_id: 'petition-1', query: '环评 审批 时限', locale: 'zh-CN', searched_at: '2026-10-08T01:05:00.000Z', linked_at: '2026-10-08T01:20:00.000Z', linked_on: '2026-10-08' },
    ]);

    // Older than CALLER_MEMORY_HOURS: no link; and no session header: nothing remembered at all.
    expect(CALLER_MEMORY_HOURS).toBe(24);
    const late = callerKeyFromSession('platform-session-bbbb2222');
    await rememberQueryForCaller(db, { callerKey: late, query: '人才公寓', locale: 'zh-CN', at: t('2026-10-08T09:00:00+08:00') });
    expect(await linkQueryToPetition(db, { callerKey: late, petitionId: 'petition-3', at: t('2026-10-09T09:00:01+08:00') })).toBeNull();
    await rememberQueryForCaller(db, { callerKey: null, query: '人才公寓', locale: 'zh-CN', at: t('2026-10-08T09:00:00+08:00') });
    expect(await linkQueryToPetition(db, { callerKey: null, petitionId: 'petition-4', at: t('2026-10-08T09:01:00+08:00') })).toBeNull();
    // Expired rows of other callers are deleted when anyone searches.
    const other = callerKeyFromSession('platform-session-cccc3333');
    await rememberQueryForCaller(db, { callerKey: other, query: '旧查询', locale: 'zh-CN', at: t('2026-10-01T09:00:00+08:00') });
    await rememberQueryForCaller(db, { callerKey: caller, query: '新查询', locale: 'zh-CN', at: t('2026-10-08T09:00:00+08:00') });
    expect((await db.selectFrom('search_recent_queries').select('query').execute()).map((r) => r.query)).toEqual(['新查询']);
  });

  it('the per-request recorder: fire-and-forget, keyed by the x-client-session header, never throws', async () => {
    const a = api();
    const db = a.app.services.db;
    a.clock.set('2026-10-08T09:00:00+08:00');
    const recorder = (sessionId: string | undefined) => createSearchGapRecorder({ db, clock: a.clock, logger: a.app.services.logger, sessionId });
    const withSession = recorder('platform-session-dddd4444');
    withSession.searched('货车通行证', 'zh-CN');
    withSession.zeroResult('货车通行证', 'zh-CN');
    await withSession.settled();
    a.clock.set('2026-10-08T09:10:00+08:00');
    const next = recorder('platform-session-dddd4444'); // the same session, a later request
    next.petitionFiled('petition-9');
    const anonymous = recorder(undefined);
    anonymous.searched('人才公寓', 'zh-CN');
    anonymous.petitionFiled('petition-10');
    await Promise.all([next.settled(), anonymous.settled()]);
    expect((await db.selectFrom('search_query_petitions').select(['petition_id', 'query']).execute())).toEqual([{ petition_id: 'petition-9', query: '货车通行证' }]);
    expect(Number((await db.selectFrom('search_zero_result_queries').select('count').executeTakeFirstOrThrow()).count)).toBe(1);
    // A failing write is logged, not thrown: a search never fails because of the gap records.
    await a.app.database.destroy(); // every write fails from here on
    const broken = recorder('platform-session-eeee5555');
    broken.zeroResult('x', 'zh-CN');
    broken.searched('x', 'zh-CN');
    await expect(broken.settled()).resolves.toBeUndefined();
  });
});

