// The monthly report's public surface (第十二条): compute it, render it, write its files.
export { buildMonthlyReport, monthlyReportFor, type MonthlyReportData } from './compute/monthly-report.ts';
export { knowledgeReview, type KnowledgeReview } from './compute/knowledge-review.ts';
export { parseMonth, reportMonth } from './month.ts';
export { reportHtml, writeReportFiles, type WrittenReport } from './export/write-report.ts';
export { reportWorkbook } from './export/report-xlsx.ts';
export { knowledgeCsv, petitionCsv } from './export/petition-csv.ts';
export { reportResolvers } from './graphql/report-resolvers.ts';
