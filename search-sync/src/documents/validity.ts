// Validity of what a searcher sees (有效 / 失效 / 废止). A repealed or expired policy makes its items
// so too; past its effective-until date (its own, else its policy's) an entry is 失效 even if
// nobody touched it: search-sync's expiry job re-indexes it on the day (Asia/Shanghai).
export type Validity = 'valid' | 'expired' | 'repealed';

const SHANGHAI_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
export function shanghaiToday(now: Date = new Date()): string {
  return SHANGHAI_DAY.format(now);
}

export function effectiveValidity(stated: string | null | undefined, effectiveUntil: string | null, today: string): Validity {
  if (stated === 'repealed') return 'repealed';
  if (stated === 'expired') return 'expired';
  // effectiveUntil is the last day the entry applies.
  if (effectiveUntil && effectiveUntil < today) return 'expired';
  return 'valid';
}

export function dateTs(date: string | null): number | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}
