// Dates pasted from a 国办 holiday notice (国务院办公厅关于…部分节假日安排的通知): "1月1日至3日",
// "2月15日（星期日）至23日", "2月28日（星期六）", "9月30日至10月7日", or ISO dates "2027-01-01".
// The notice names months and days only; the year is the notice's year, given separately.

export interface ParsedDates {
  dates: string[];
  /** Pieces of text that looked like dates but are not real ones (2月30日). */
  invalid: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

function realDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

// 月日 with an optional weekday in brackets, then optionally 至/到/-/~ and another (月)日.
const CHINESE = /(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*[（(][^）)]*[）)])?(?:\s*(?:至|到|—|-|~|～)\s*(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日)?/g;
const ISO = /(\d{4})-(\d{1,2})-(\d{1,2})/g;

export function parseNoticeDates(text: string, year: number): ParsedDates {
  const found = new Set<string>();
  const invalid: string[] = [];
  for (const m of text.matchAll(ISO)) {
    const d = realDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (d) found.add(d);
    else invalid.push(m[0]);
  }
  const withoutIso = text.replace(ISO, ' ');
  for (const m of withoutIso.matchAll(CHINESE)) {
    const month = Number(m[1]);
    const start = realDate(year, month, Number(m[2]));
    if (!start) {
      invalid.push(m[0]);
      continue;
    }
    if (m[4] === undefined) {
      found.add(start);
      continue;
    }
    const end = realDate(year, m[3] ? Number(m[3]) : month, Number(m[4]));
    if (!end || end < start || Date.parse(end) - Date.parse(start) > 31 * 86_400_000) {
      invalid.push(m[0]);
      continue;
    }
    for (let t = Date.parse(start); t <= Date.parse(end); t += 86_400_000) found.add(new Date(t).toISOString().slice(0, 10));
  }
  return { dates: [...found].sort(), invalid };
}
