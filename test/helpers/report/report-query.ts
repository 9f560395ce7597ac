// The monthlyReport query with every field, and its result type (the report's data shape).
import type { MonthlyReportData } from '../../../api/src/report/index.ts';
import type { GqlClient } from '../api/test-api.ts';

const FIG = '{ value previous }';
const KEYED = '{ key label value previous }';
const ONTIME = `{ key label answered ${FIG} onTime ${FIG} rate ${FIG} }`;

export const MONTHLY_REPORT_QUERY = `query($m: String!) { r: monthlyReport(month: $m) {
  month previousMonth generatedAt asOf
  received ${FIG}
  receivedByChannel ${KEYED} receivedByCategory ${KEYED} receivedByTopic ${KEYED} receivedBySubjectType ${KEYED}
  resolution { answered ${FIG} answeredOnTime ${FIG} answeredLate ${FIG} onTimeRate ${FIG} openAtMonthEnd ${FIG} overdueAtMonthEnd ${FIG} pausedAtMonthEnd ${FIG} }
  onTimeByCategory ${ONTIME} onTimeByDepartment ${ONTIME}
  workingDaysToAnswer { answered ${FIG} median ${FIG} p90 ${FIG} }
  urging { urges ${FIG} escalations ${FIG} byDepartment { department label urges ${FIG} escalations ${FIG} } }
  escalatedPetitions { id title category categoryLabel leadDepartment leadDepartmentLabel receivedOn dueDate escalatedOn urges status statusLabel steps { on label } summary }
  satisfaction { ratings ${FIG} levels ${KEYED} defaults ${FIG} defaultShare ${FIG}
    byDepartment { department label ratings ${FIG} quality ${FIG} attitude ${FIG} efficiency ${FIG} } }
  themes { keyword petitions ${FIG} }
  overduePetitions { id title category categoryLabel department departmentLabel dueDate workingDaysOverdue urges status statusLabel }
  trends { month received answered answeredOnTime onTimeRate escalations }
  knowledgeGaps { zeroResultQueries { query count ${FIG} } queriesBeforePetitions { query count ${FIG} }
    uncitedConsultations { id title department departmentLabel answeredAt } }
  notifications { delivered ${FIG} parked ${FIG} }
  knowledgeReview { reviewedInMonth pendingNow pendingByDepartment { key label value } nextMonth
    expiringNextMonth { documentId itemCode title departmentName kind date } }
  petitions { id receivedAt channel subjectType submitter topic category title status leadDepartment dueDate answeredAt onTime urges satisfaction defaultRating }
} }`;

export async function fetchMonthlyReport(client: GqlClient, month: string): Promise<MonthlyReportData> {
  return (await client.ok<{ r: MonthlyReportData }>(MONTHLY_REPORT_QUERY, { m: month })).r;
}
