// The api operations of the calendar screen (schemas/graphql/calendar.graphql).

export interface YearCoverage {
  year: number;
  covered: boolean;
  source: 'STATE_COUNCIL_DATASET' | 'OFFICE_OVERRIDES' | 'NONE';
  holidayOverrides: number;
  workdayOverrides: number;
}

export interface Override {
  date: string;
  working: boolean;
  note: string;
}

export const CALENDAR_STATE = /* GraphQL */ `
  query WorkbenchCalendar($from: Date!) {
    calendar {
      coverage { year covered source holidayOverrides workdayOverrides }
      overrides(from: $from) { date working note }
    }
  }
`;

export const SET_OVERRIDES = /* GraphQL */ `
  mutation WorkbenchSetOverrides($overrides: [CalendarOverrideInput!]!, $note: String!) {
    setCalendarOverrides(overrides: $overrides, note: $note) { date }
  }
`;

/** One query for a month: isWorkingDay for each of its days, under aliases d1…d31. */
export function monthQuery(year: number, month: number): { query: string; dates: string[] } {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const dates = Array.from({ length: days }, (_, i) => `${year}-${String(month).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`);
  const fields = dates.map((d, i) => `d${i + 1}: isWorkingDay(date: "${d}")`).join(' ');
  return { query: `query WorkbenchMonth { calendar { ${fields} } }`, dates };
}
