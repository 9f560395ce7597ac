// Dates pasted from a 国办 holiday notice, as the calendar screen reads them.
import { describe, expect, it } from 'vitest';
import { parseNoticeDates } from '../../cms/src/plugins/workbench/admin/src/calendar/parse-dates.ts';

describe('parseNoticeDates', () => {
  it('reads the notice wording: single days, ranges within and across months, weekdays in brackets', () => {
    const text = '一、元旦：1月1日（周五）至3日放假调休，共3天。二、春节：2月6日（星期六）至12日放假，2月14日（星期日）上班。三、国庆节：9月30日至10月2日放假。';
    expect(parseNoticeDates(text, 2027)).toEqual({
      dates: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-14', '2027-09-30', '2027-10-01', '2027-10-02'],
      invalid: [],
    });
  });

  it('reads ISO dates and reports dates that do not exist', () => {
    expect(parseNoticeDates('2027-01-01, 2027-02-30 和 2月29日', 2027)).toEqual({ dates: ['2027-01-01'], invalid: ['2027-02-30', '2月29日'] });
  });
});
