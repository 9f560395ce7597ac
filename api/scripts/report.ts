// npm run -w api report -- --month 2026-10 --out reports/ [--pdf] [--chromium /usr/bin/chromium] [--now ISO]
// 第十二条: writes the month's report for the leading group: monthly-report-2026-10.html (print-ready,
// charts inside), .xlsx (one sheet per table) and -petitions.csv; with --pdf also a PDF printed by
// headless Chromium. The month defaults to the previous calendar month (Asia/Shanghai).
// The options are parsed before the api's modules load (await import below): a wrong option is answered at once.
import path from 'node:path';
import { parseCommandLine, usageError } from '@zone/schemas/cli';
import type { Clock } from '../src/clock/clock.ts';

const COMMAND = 'npm run report';
const { values } = parseCommandLine({
  command: COMMAND,
  usage: `用法：${COMMAND} -- --out <目录> [--month YYYY-MM] [--pdf] [--chromium /usr/bin/chromium] [--now ISO 时间]
  --out <目录>     报告写到哪个目录（必填；相对路径从输入命令的目录算起）
  --month YYYY-MM  报告月份（默认上一个自然月，北京时间）
  --pdf            另外用无头 Chromium 打印 PDF
  --chromium       Chromium 可执行文件（默认 /usr/bin/chromium）
  --now            以这个时刻为"现在"（ISO 8601），用于重现某天的报告`,
  options: {
    month: { type: 'string' },
    out: { type: 'string' },
    pdf: { type: 'boolean', default: false },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    now: { type: 'string' },
  },
});
// No default folder: a report written silently into the repository is a report nobody finds.
if (!values.out) usageError(COMMAND, '缺少 --out <目录>：报告文件写到哪里');
const fixed = values.now ? new Date(values.now) : null;
if (fixed && Number.isNaN(fixed.getTime())) usageError(COMMAND, '--now 必须是 ISO 8601 时刻，例如 2026-11-02T09:00:00+08:00');
const { systemClock } = await import('../src/clock/clock.ts');
const { shanghaiDate } = await import('../src/clock/shanghai-time.ts');
const { parseMonth, shiftMonth } = await import('../src/report/month.ts');
const clock: Clock = fixed ? { now: () => new Date(fixed.getTime()) } : systemClock;
let month;
try {
  month = parseMonth(values.month ?? shiftMonth(shanghaiDate(clock.now()).slice(0, 7), -1), ['month'], clock.now());
} catch {
  usageError(COMMAND, '--month 必须是 YYYY-MM，例如 --month 2026-10');
}
// npm runs workspace scripts in api/; a relative --out is meant from where the command was typed.
const outDir = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
const { databaseConfig } = await import('../src/app.ts');
const { openDatabase } = await import('../src/db/database.ts');
const { loadEnv } = await import('../src/env.ts');
const { createMatchItemSource } = await import('../src/matching/item-source.ts');
const { petitionDeps } = await import('../src/petitions/deps.ts');
const { searchConfig } = await import('../src/search/search-config.ts');
const { createSearchIndex } = await import('../src/search/search-index.ts');
const { buildMonthlyReport, knowledgeReview, writeReportFiles } = await import('../src/report/index.ts');
const env = loadEnv();
const database = await openDatabase(databaseConfig(env));
try {
  // 政策找企业 and 待复核 sections: from the search index, as in the api (each null when it is down).
  const search = createSearchIndex(searchConfig({ host: env.MEILI_HOST, searchKey: env.MEILI_SEARCH_KEY, indexPrefix: env.MEILI_INDEX_PREFIX, keyFile: env.searchKeyFile, timeoutMs: env.MEILI_TIMEOUT_MS }));
  const items = createMatchItemSource(search, { ttlMs: 0 });
  const report = await buildMonthlyReport(petitionDeps(database.db, database.dialect, clock), month, {
    matchItems: async () => (await items.current()).prepared,
    knowledgeReview: (m) => knowledgeReview(search, m),
  });
  const files = await writeReportFiles(report, outDir, values.pdf ? { pdf: { chromiumPath: values.chromium } } : {});
  console.log(JSON.stringify({ month: report.month, received: report.received.value, answered: report.resolution.answered.value, files }));
} finally {
  await database.destroy();
}
