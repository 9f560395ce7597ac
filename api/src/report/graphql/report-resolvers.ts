// GraphQL resolvers of the monthly report (schemas/graphql/report.graphql).
import type { ReportFileFormat, Resolvers } from '../../graphql/generated/resolvers-types.ts';
import { knowledgeReview } from '../compute/knowledge-review.ts';
import { monthlyReportFor } from '../compute/monthly-report.ts';
import { petitionCsv } from '../export/petition-csv.ts';
import { reportWorkbook } from '../export/report-xlsx.ts';
import { printReportPdf, type PdfOptions } from '../export/report-pdf.ts';
import { reportHtml } from '../export/write-report.ts';

/** The same files as the report CLI writes (export/write-report.ts), named the same way. */
async function reportFile(data: Awaited<ReturnType<typeof monthlyReportFor>>, format: ReportFileFormat, pdf: PdfOptions) {
  const file = (filename: string, mimeType: string, bytes: Buffer) => ({ filename, mimeType, contentBase64: bytes.toString('base64'), byteLength: bytes.length });
  switch (format) {
    case 'HTML':
      return file(`monthly-report-${data.month}.html`, 'text/html; charset=utf-8', Buffer.from(await reportHtml(data), 'utf8'));
    case 'XLSX':
      return file(`monthly-report-${data.month}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await reportWorkbook(data));
    case 'CSV':
      return file(`monthly-report-${data.month}-petitions.csv`, 'text/csv; charset=utf-8', Buffer.from(petitionCsv(data), 'utf8'));
    case 'PDF':
      // The HTML page printed on A4 by headless Chromium (PDF_UNAVAILABLE, in Chinese, without it).
      return file(`monthly-report-${data.month}.pdf`, 'application/pdf', await printReportPdf(await reportHtml(data), pdf));
  }
}

export const reportResolvers = {
  Query: {
    monthlyReport: (_parent, a, ctx) => monthlyReportFor(ctx.services.petitions, ctx.actor, a.month, { matchItems: async () => (await ctx.services.matching.source.current()).prepared }),
    monthlyReportFile: async (_parent, a, ctx) =>
      reportFile(
        await monthlyReportFor(ctx.services.petitions, ctx.actor, a.month, {
          matchItems: async () => (await ctx.services.matching.source.current()).prepared,
          // The files carry the 待复核 section; the GraphQL report resolves that field itself (review-resolvers.ts).
          knowledgeReview: (m) => knowledgeReview(ctx.services.search, m),
        }),
        a.format,
        ctx.services.reportPdf,
      ),
  },
} satisfies Resolvers;
