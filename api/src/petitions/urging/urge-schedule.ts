// 第十一条: 每1个工作日催办一次…三次催办未果的，提交区服务企业领导小组协调解决.
// Precisely, for a petition due on day D (working-day convention of WorkingCalendar):
//   - urge k (k = 1, 2, 3) of each department that has not answered falls due on the k-th working
//     day after D (every PETITION_POLICY.urgeIntervalWorkingDays working day);
//   - escalation falls due on the working day after the 3rd urge (D + 4 working days) if that
//     department still has not answered: the 3rd urge has then "gone unanswered";
//   - once escalated, the leading group coordinates and the office stops urging.
import { PETITION_POLICY } from '@zone/schemas';
import type { WorkingCalendar } from '../../calendar/working-calendar.ts';

export interface UrgeSchedule {
  dueOn: string;
  /** urges[k-1] = the date urge k falls due. */
  urges: string[];
  escalationOn: string;
}

export function urgeSchedule(calendar: WorkingCalendar, dueOn: string): UrgeSchedule {
  const urges: string[] = [];
  for (let k = 1; k <= PETITION_POLICY.urgesBeforeEscalation; k++) {
    urges.push(calendar.addWorkingDays(dueOn, k * PETITION_POLICY.urgeIntervalWorkingDays));
  }
  const last = urges[urges.length - 1] ?? dueOn;
  return { dueOn, urges, escalationOn: calendar.addWorkingDays(last, PETITION_POLICY.urgeIntervalWorkingDays) };
}
