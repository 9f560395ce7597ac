// The calendar screen's api: which coming years have a known holiday schedule, and a year's 国办
// notice entered in one all-or-nothing step by the office.
import { expect, it } from 'vitest';
import { describeEachDialect } from '../helpers/api/test-api.ts';

const COVERAGE = `{ calendar { coverage { year covered source holidayOverrides workdayOverrides } isWorkingDay(date: "2027-01-01") } }`;
const BULK = `mutation($o: [CalendarOverrideInput!]!, $note: String!) { setCalendarOverrides(overrides: $o, note: $note) { date working note updatedBy } }`;

describeEachDialect('calendar coverage and bulk overrides', (api) => {
  it('warns about 2027 until the office enters its holidays; then 元旦 is a day off', async () => {
    api().clock.setShanghai('2026-11-27');
    const office = await api().as({ role: 'office', sub: 'o1' });
    // The bundled dataset lists 2026 (chinese-days) but not 2027: Friday 2027-01-01 counts Monday–Friday.
    expect((await office.ok<any>(COVERAGE)).calendar).toEqual({
      coverage: [
        { year: 2026, covered: true, source: 'STATE_COUNCIL_DATASET', holidayOverrides: 0, workdayOverrides: 0 },
        { year: 2027, covered: false, source: 'NONE', holidayOverrides: 0, workdayOverrides: 0 },
      ],
      isWorkingDay: true,
    });

    const overrides = [
      { date: '2027-01-01', working: false },
      { date: '2027-02-06', working: false },
      { date: '2027-02-07', working: true },
    ];
    const saved = await office.ok<any>(BULK, { o: overrides, note: '国办发明电〔2026〕X号' });
    expect(saved.setCalendarOverrides).toEqual(overrides.map((o) => ({ ...o, note: '国办发明电〔2026〕X号', updatedBy: 'o1' })));
    expect((await office.ok<any>(COVERAGE)).calendar).toEqual({
      coverage: [
        { year: 2026, covered: true, source: 'STATE_COUNCIL_DATASET', holidayOverrides: 0, workdayOverrides: 0 },
        { year: 2027, covered: true, source: 'OFFICE_OVERRIDES', holidayOverrides: 2, workdayOverrides: 1 },
      ],
      isWorkingDay: false,
    });
  });

  it('stores nothing when one entry is bad, and names it', async () => {
    const office = await api().as({ role: 'office', sub: 'o1' });
    const r = await office.request(BULK, { o: [{ date: '2027-01-01', working: false }, { date: '2127-01-02', working: false }], note: '通知' });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(r.errors?.[0]?.extensions)).toContain('overrides');
    const dup = await office.request(BULK, { o: [{ date: '2027-01-01', working: false }, { date: '2027-01-01', working: true }], note: '通知' });
    expect(dup.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await office.ok<any>(`{ calendar { overrides { date } } }`)).calendar.overrides).toEqual([]);
    expect(await office.errorCode(BULK, { o: [], note: '通知' })).toBe('BAD_USER_INPUT');
  });

  it('lets only the office enter a schedule', async () => {
    const dept = await api().as({ role: 'department', sub: 'd1', department: 'tax' });
    expect(await dept.errorCode(BULK, { o: [{ date: '2027-01-01', working: false }], note: '通知' })).toBe('FORBIDDEN');
    expect(await api().anonymous().errorCode(BULK, { o: [{ date: '2027-01-01', working: false }], note: '通知' })).toBe('UNAUTHENTICATED');
  });
});
