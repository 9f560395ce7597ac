// The reply date as the agent reads it out: 12月14日（周一）. The date itself comes from the api's
// working-day calendar (Petition.hotlineReplyPromise.dueDate, a Shanghai calendar date); here it is
// only spelled out, so no time zone is involved.
export interface SpokenDate {
  month: number;
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export function spokenDate(isoDate: string): SpokenDate {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return { month: m, day: d, weekday: new Date(Date.UTC(y, m - 1, d)).getUTCDay() };
}
