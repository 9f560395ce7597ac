// The hotline answer card (answers, answerSet) is public: any caller, without a token, may ask it. Its
// review state named who confirmed the 口径 — the staff member's name and e-mail address as the CMS records
// them ("张 三 <zhang.san@…>"). Here a caller of every kind asks for it; only staff may read the reviewer.
// The real api and a real Meilisearch holding one 口径 as search-sync writes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTERPRISE_USCC } from '../helpers/api/petition-client.ts';
import { startTestApi, stopTestApi, type GqlClient, type TestApi } from '../helpers/api/test-api.ts';
import { indexDocuments, startMeili, type MeiliUnderTest } from '../helpers/meili.ts';

const REVIEWER = '张 三 <zhang.san@kfq.example.cn>';
const CARD = `query { answers(query: "招工补贴怎么申请") { documentId review { status reviewedAt reviewedBy } } }`;

describe('the reviewer on a public answer card', () => {
  let meili: MeiliUnderTest;
  let api: TestApi;
  beforeAll(async () => {
    meili = await startMeili('answer-reviewer');
    const { prefix } = await indexDocuments(meili, [
      {
        id: 'hotline_answer-ha1-zh-Hans',
        type: 'hotline_answer',
        documentId: 'ha1',
        locale: 'zh-Hans',
        title: '招工补贴怎么申请？',
        question: '招工补贴怎么申请？',
        shortAnswer: '招工补贴在人力社保局网站申请。',
        validity: 'valid',
        relatedItemDocumentIds: [],
        publishedAtTs: Date.parse('2026-09-01T02:00:00Z'),
        reviewStatus: 'current',
        reviewedAtTs: Date.parse('2026-10-01T02:00:00Z'),
        reviewedBy: REVIEWER,
      },
    ]);
    api = await startTestApi('sqlite', undefined, { MEILI_HOST: meili.host, MEILI_SEARCH_KEY: meili.masterKey, MEILI_INDEX_PREFIX: prefix });
  }, 120_000);
  afterAll(async () => {
    if (api) await stopTestApi(api);
    await meili?.destroy();
  });

  it('is null for anonymous callers, enterprises and individuals; staff read it', async () => {
    const callers: Array<[string, GqlClient, string | null]> = [
      ['anonymous', api.anonymous(), null],
      ['enterprise', await api.as({ role: 'enterprise', sub: 'rv-ent', uscc: ENTERPRISE_USCC }), null],
      ['individual', await api.as({ role: 'individual', sub: 'rv-person' }), null],
      ['hotline', await api.as({ role: 'hotline', sub: 'rv-hotline' }), REVIEWER],
      ['office', await api.as({ role: 'office', sub: 'rv-office' }), REVIEWER],
      ['department', await api.as({ role: 'department', sub: 'rv-finance', department: 'finance' }), REVIEWER],
    ];
    for (const [who, client, expected] of callers) {
      const r = await client.ok<{ answers: Array<{ documentId: string; review: { status: string; reviewedAt: string | null; reviewedBy: string | null } }> }>(CARD);
      const card = r.answers.find((c) => c.documentId === 'ha1');
      expect(card, who).toBeDefined();
      // The state and the day stay public: the card still says the 口径 was checked, and when.
      expect(card!.review, who).toEqual({ status: 'CURRENT', reviewedAt: '2026-10-01T02:00:00.000Z', reviewedBy: expected });
    }
  });
});
