// 第十三条: one rating per answered petition; with none within 5 working days the sweeper records a
// default 满意, marked as a default, with whether the answer was on time.
// Fixture: 专业类 received Fri 2025-09-26 (due 10/10), answered Tue 9/30 10:00 — on time.
// Rating window, hand-counted: 5 working days after 9/30 → 10/9(1) 10/10(2) Sat 10/11(3) 10/13(4)
// 10/14(5): the last day to rate is Tue 10/14; the default applies from Wed 10/15.
import { expect, it } from 'vitest';
import { describeEachDialect, type TestApi } from '../helpers/api/test-api.ts';
import { ENTERPRISE_USCC, PetitionClient, enterpriseInput, must } from '../helpers/api/petition-client.ts';

describeEachDialect('rating', (api) => {
  async function answered(a: TestApi) {
    const office = new PetitionClient(await a.as({ role: 'office', sub: 'office-1' }));
    const enterprise = new PetitionClient(await a.as({ role: 'enterprise', sub: 'e', uscc: ENTERPRISE_USCC }));
    a.clock.set('2025-09-26T16:00:00+08:00');
    const p = await enterprise.submit(enterpriseInput());
    must(await office.accept(p.id, 'PROFESSIONAL'));
    const econ = new PetitionClient(await a.as({ role: 'department', sub: 'd', department: 'economy-commerce' }));
    must(await office.assign(p.id, 'economy-commerce'));
    a.clock.set('2025-09-30T10:00:00+08:00');
    must(await econ.departmentAnswer(p.id));
    must(await office.finalAnswer(p.id));
    return { office, enterprise, id: p.id };
  }

  it('records a default 满意 the day after the 5-working-day window, marked as default', async () => {
    const a = api();
    const { office, enterprise, id } = await answered(a);
    a.clock.set('2025-10-14T23:00:00+08:00'); // last evening of the window
    expect(await a.sweep()).toMatchObject({ defaultRatings: 0 });
    expect((await office.view(id)).status).toBe('ANSWERED');

    a.clock.set('2025-10-15T00:30:00+08:00');
    expect(await a.sweep()).toMatchObject({ defaultRatings: 1 });
    const v = await enterprise.view(id);
    expect(v.status).toBe('RATED');
    expect(v.rating).toMatchObject({ satisfaction: 'SATISFIED', isDefault: true, answerOnTime: true, serviceQuality: null, ratedAt: '2025-10-14T16:30:00.000Z' });
    expect((await enterprise.rate(id)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await a.sweep()).toMatchObject({ defaultRatings: 0 }); // idempotent
    const { r } = await office.timeline(id);
    expect(r.timeline.filter((e) => e.type === 'rated').map((e) => [e.actorRole, e.dueOn])).toEqual([['system', '2025-10-14']]);
  });

  it('a rating within the window stands, and the sweeper leaves it alone', async () => {
    const a = api();
    const { enterprise, id } = await answered(a);
    a.clock.set('2025-10-14T20:00:00+08:00');
    must(await enterprise.rate(id, { satisfaction: 'NEUTRAL', serviceQuality: 4, attitude: 5, efficiency: 3 }));
    a.clock.set('2025-10-20T09:00:00+08:00');
    expect(await a.sweep()).toMatchObject({ defaultRatings: 0 });
    expect((await enterprise.view(id)).rating).toMatchObject({ satisfaction: 'NEUTRAL', isDefault: false, efficiency: 3 });
  });

  it('once the window has closed the enterprise can no longer rate, even before the sweeper ran', async () => {
    const a = api();
    const { enterprise, id } = await answered(a);
    a.clock.set('2025-10-15T08:00:00+08:00');
    const r = await enterprise.rate(id);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', ratingDueOn: '2025-10-14' });
  });

  it('stars must be whole numbers from 1 to 5', async () => {
    const a = api();
    const { enterprise, id } = await answered(a);
    const r = await enterprise.rate(id, { satisfaction: 'SATISFIED', serviceQuality: 6, attitude: 5, efficiency: 0 });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rating.serviceQuality' });
    expect(r.errors?.[0]?.extensions?.issues?.map((i) => i.path.join('.'))).toEqual(['rating.serviceQuality', 'rating.efficiency']);
  });
});
