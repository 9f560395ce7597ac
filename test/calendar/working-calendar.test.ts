// The working-day convention against the official 国务院办公厅 holiday notices. Every expected
// date below was counted by hand from the notices, not by running the calendar:
//   2025 (国办发明电〔2024〕12号): 春节 1/28–2/4 off, Sun 1/26 and Sat 2/8 working;
//        国庆+中秋 10/1–10/8 off, Sun 9/28 and Sat 10/11 working.
//   2026 (国办发明电〔2025〕7号): 元旦 1/1–1/3 off, Sun 1/4 working; 春节 2/15–2/23 off,
//        Sat 2/14 and Sat 2/28 working; 国庆 10/1–10/7 off, Sun 9/20 and Sat 10/10 working.
// Convention: day 1 is the first working day after the receipt date (次日起算); the deadline is the
// end of the Nth working day, 23:59:59.999 Asia/Shanghai.
import { describe, expect, it } from 'vitest';
import { PETITION_CATEGORIES } from '@zone/schemas';
import { WorkingCalendar } from '../../api/src/calendar/working-calendar.ts';
import { STATE_COUNCIL_SCHEDULE } from '../../api/src/calendar/state-council-schedule.ts';
import { computeDue, pausedWorkingDaysBetween } from '../../api/src/petitions/sla/deadline.ts';

const cal = new WorkingCalendar();

describe('working days from the State Council schedule (chinese-days)', () => {
  it('knows holidays and 调休 working weekends', () => {
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // Sunday, 调休 for 国庆
    expect(cal.isWorkingDay('2025-10-08')).toBe(false); // Wednesday inside 国庆+中秋
    expect(cal.isWorkingDay('2025-10-11')).toBe(true); // Saturday, 调休
    expect(cal.isWorkingDay('2025-10-12')).toBe(false); // an ordinary Sunday
    expect(cal.isWorkingDay('2025-01-30')).toBe(false); // 春节
    expect(cal.isWorkingDay('2025-02-08')).toBe(true); // Saturday, 调休
    expect(cal.isWorkingDay('2026-01-04')).toBe(true); // Sunday, 调休 for 元旦 2026
    expect(cal.isWorkingDay('2026-02-23')).toBe(false); // last day of 春节 2026
    expect(cal.isWorkingDay('2026-09-20')).toBe(true); // Sunday, 调休 for 国庆 2026
    expect(cal.isWorkingDay('2026-10-08')).toBe(true); // Thursday after 国庆 2026 (10/1–10/7)
  });

  it('matches the 2026 notice (国办发明电〔2025〕7号) day for day', () => {
    // 调休上班: Sun 1/4 (元旦), Sat 2/14 and Sat 2/28 (春节), Sat 5/9 (劳动节), Sun 9/20 and Sat 10/10 (国庆).
    const makeUp2026 = [...STATE_COUNCIL_SCHEDULE.makeUpWorkdays].filter((d) => d.startsWith('2026')).sort();
    expect(makeUp2026).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    // 放假: 元旦 1/1–1/3 (3), 春节 2/15–2/23 (9), 清明 4/4–4/6 (3), 劳动节 5/1–5/5 (5), 端午 6/19–6/21 (3),
    // 中秋 9/25–9/27 (3), 国庆 10/1–10/7 (7) = 33 days.
    const holidays2026 = [...STATE_COUNCIL_SCHEDULE.holidays].filter((d) => d.startsWith('2026'));
    expect(holidays2026.length).toBe(33);
    for (const d of ['2026-02-15', '2026-02-23', '2026-04-06', '2026-05-05', '2026-06-19', '2026-09-27', '2026-10-07']) {
      expect(cal.isWorkingDay(d), d).toBe(false);
    }
  });

  it('covers 2026 but not yet 2027 (the office enters 2027 through overrides)', () => {
    expect(cal.coveredYears).toContain(2025);
    expect(cal.coveredYears).toContain(2026);
    expect(cal.coveredYears).not.toContain(2027);
  });
});

describe('deadlines: 次日起算, end of the Nth working day', () => {
  it('a Friday before the 国庆 golden week (received Fri 2025-09-26)', () => {
    // Day 1 is Sun 9/28 (调休). 9/28(1) 9/29(2) 9/30(3) | 10/1–10/8 off | 10/9(4) 10/10(5)
    // 10/11 Sat 调休(6) 10/13(7) 10/14(8) 10/15(9) 10/16(10) 10/17(11) 10/20(12) 10/21(13) 10/22(14) 10/23(15)
    expect(cal.addWorkingDays('2025-09-26', PETITION_CATEGORIES.consultation.workingDays)).toBe('2025-09-28');
    expect(cal.addWorkingDays('2025-09-26', PETITION_CATEGORIES.professional.workingDays)).toBe('2025-10-10');
    expect(cal.addWorkingDays('2025-09-26', PETITION_CATEGORIES.comprehensive.workingDays)).toBe('2025-10-16');
    expect(cal.addWorkingDays('2025-09-26', PETITION_CATEGORIES.common.workingDays)).toBe('2025-10-23');
    // End of 10/10 in Shanghai = 15:59:59.999 UTC.
    expect(cal.deadline(new Date('2025-09-26T16:00:00+08:00'), 5).toISOString()).toBe('2025-10-10T15:59:59.999Z');
  });

  it('a receipt late in the evening counts by its Shanghai date, not its UTC date', () => {
    // 2025-09-26T23:30+08:00 is still Friday in Shanghai (15:30 UTC): same deadline as above.
    expect(cal.deadline(new Date('2025-09-26T23:30:00+08:00'), 5).toISOString()).toBe('2025-10-10T15:59:59.999Z');
    // 2025-09-27T00:30+08:00 is Saturday (non-working) → day 1 is still Sun 9/28.
    expect(cal.dueDate(new Date('2025-09-26T16:30:00Z'), 1)).toBe('2025-09-28');
  });

  it('a receipt on a 调休 Saturday (2025-10-11 and 2025-02-08)', () => {
    // 10/11 itself is not counted; Sun 10/12 is off → 10/13(1) 10/14(2) 10/15(3) 10/16(4) 10/17(5).
    expect(cal.addWorkingDays('2025-10-11', 1)).toBe('2025-10-13');
    expect(cal.addWorkingDays('2025-10-11', 5)).toBe('2025-10-17');
    // Sat 2/8 (调休) received → Sun 2/9 off → Mon 2/10 is day 1.
    expect(cal.addWorkingDays('2025-02-08', 1)).toBe('2025-02-10');
  });

  it('a receipt on a 调休 Sunday before 春节 (2025-01-26)', () => {
    // 1/27 Mon (1) | 1/28–2/4 off | 2/5(2) 2/6(3) 2/7(4) 2/8 Sat 调休(5)
    expect(cal.addWorkingDays('2025-01-26', 5)).toBe('2025-02-08');
  });

  it('a receipt inside 春节 (2025-01-30, and 2026-02-18)', () => {
    // Non-working receipt: the next working day, Wed 2/5, is day 1. 2/5(1) 2/6(2) 2/7(3) 2/8 Sat(4) 2/10(5)
    expect(cal.addWorkingDays('2025-01-30', 1)).toBe('2025-02-05');
    expect(cal.addWorkingDays('2025-01-30', 5)).toBe('2025-02-10');
    // 2026: off 2/15–2/23 → 2/24(1) 2/25(2) 2/26(3) 2/27(4) Sat 2/28 调休(5)
    expect(cal.addWorkingDays('2026-02-18', 5)).toBe('2026-02-28');
  });

  it('a 15-day SLA across New Year (received Mon 2025-12-22)', () => {
    // 12/23(1) 12/24(2) 12/25(3) 12/26(4) 12/29(5) 12/30(6) 12/31(7) | 1/1–1/3 off |
    // Sun 1/4 调休(8) 1/5(9) 1/6(10) 1/7(11) 1/8(12) 1/9(13) 1/12(14) 1/13(15)
    expect(cal.addWorkingDays('2025-12-22', PETITION_CATEGORIES.common.workingDays)).toBe('2026-01-13');
  });

  it('counts working days between two dates (after a, up to and including b)', () => {
    expect(cal.workingDaysBetween('2025-09-26', '2025-10-10')).toBe(5);
    expect(cal.workingDaysBetween('2025-10-10', '2025-09-26')).toBe(-5);
    expect(cal.workingDaysBetween('2025-09-30', '2025-10-08')).toBe(0); // the whole holiday
    expect(cal.workingDaysBetween('2025-09-24', '2025-10-10')).toBe(7); // 9/25 9/26 9/28 9/29 9/30 10/9 10/10
  });

  it('an override beats the schedule (an uncovered 2027 date)', () => {
    // Without overrides 2027-02-08 (Mon) counts as an ordinary working day.
    expect(cal.addWorkingDays('2027-02-05', 1)).toBe('2027-02-08');
    const withOverride = new WorkingCalendar(new Map([['2027-02-08', false]]));
    expect(withOverride.addWorkingDays('2027-02-05', 1)).toBe('2027-02-09');
  });
});

describe('第八条 pause across a holiday (same convention)', () => {
  it('moves the deadline by the working days that passed while materials were awaited', () => {
    // 专业类 received Mon 2025-09-22: 9/23(1) 9/24(2) 9/25(3) 9/26(4) Sun 9/28(5) → due 9/28.
    expect(computeDue(cal, '2025-09-22', 'professional', 0).dueOn).toBe('2025-09-28');
    // Materials requested Wed 9/24, received Fri 10/10 10:00: after 9/24 up to 10/10 →
    // 9/25 9/26 9/28 9/29 9/30 | 国庆 10/1–10/8 | 10/9 10/10 = 7 working days.
    const paused = pausedWorkingDaysBetween(cal, '2025-09-24', new Date('2025-10-10T10:00:00+08:00'));
    expect(paused).toBe(7);
    // 5 + 7 = 12 working days after 9/22: … 10/10(9) Sat 10/11(10) 10/13(11) 10/14(12).
    expect(computeDue(cal, '2025-09-22', 'professional', paused)).toEqual({ dueOn: '2025-10-14', dueAt: '2025-10-14T15:59:59.999Z' });
    // Materials back the same day they were requested: nothing passed.
    expect(pausedWorkingDaysBetween(cal, '2025-09-24', new Date('2025-09-24T17:00:00+08:00'))).toBe(0);
  });
});
