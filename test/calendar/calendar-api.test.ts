// The calendar over GraphQL: public queries for the hotline; overrides only by the office.
import { expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/api/test-api.ts';

describeEachDialect('calendar API', (api) => {
  it('tells an anonymous caller when an answer is due', async () => {
    const d = await api()
      .anonymous()
      .ok<{ calendar: { isWorkingDay: boolean; addWorkingDays: string; workingDaysBetween: number; deadline: string } }>(
        `{ calendar {
          isWorkingDay(date: "2025-10-11")
          addWorkingDays(from: "2025-09-26", days: 5)
          workingDaysBetween(a: "2025-09-26", b: "2025-10-10")
          deadline(receivedAt: "2025-09-26T16:00:00+08:00", days: 5)
        } }`,
      );
    // Hand-counted in working-calendar.test.ts: Fri 9/26 + 5 working days = Fri 10/10 (国庆 in between).
    expect(d.calendar).toEqual({ isWorkingDay: true, addWorkingDays: '2025-10-10', workingDaysBetween: 5, deadline: '2025-10-10T15:59:59.999Z' });
  });

  it('lets only the office enter an override, which then moves deadlines', async () => {
    const setOverride = `mutation { setCalendarOverride(date: "2027-02-08", working: false, note: "2027 春节（国办通知发布后录入）") { date working } }`;
    const enterprise = await api().as({ role: 'enterprise', sub: 'e1', uscc: '91330100799655058B' });
    expect(await enterprise.errorCode(setOverride)).toBe('FORBIDDEN');
    expect(await api().anonymous().errorCode(setOverride)).toBe('UNAUTHENTICATED');

    const office = await api().as({ role: 'office', sub: 'o1' });
    expect((await office.ok<{ setCalendarOverride: unknown }>(setOverride)).setCalendarOverride).toEqual({ date: '2027-02-08', working: false });
    // Fri 2027-02-05 + 1 working day: Mon 2/8 is now off → Tue 2/9.
    const after = await api().anonymous().ok<{ calendar: { addWorkingDays: string } }>(`{ calendar { addWorkingDays(from: "2027-02-05", days: 1) } }`);
    expect(after.calendar.addWorkingDays).toBe('2027-02-09');

    await office.ok(`mutation { removeCalendarOverride(date: "2027-02-08") }`);
    const restored = await api().anonymous().ok<{ calendar: { addWorkingDays: string } }>(`{ calendar { addWorkingDays(from: "2027-02-05", days: 1) } }`);
    expect(restored.calendar.addWorkingDays).toBe('2027-02-08');
  });

  it('rejects a date that does not exist with a coded error', async () => {
    const r = await api().anonymous().request(`query($d: Date!) { calendar { isWorkingDay(date: $d) } }`, { d: '2025-02-30' });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
