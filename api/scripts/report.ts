// npm run -w api report -- --month 2026-10 --out reports/ [--pdf] [--chromium /usr/bin/chromium] [--now ISO]
// 第十二条: writes the month's report for the leading group: monthly-report-2026-10.html (print-ready,
// charts inside), .xlsx (one sheet per table) and -petitions.csv; with --pdf also a PDF printed by
// headless Chromium. The month defaults to the previous calendar month (Asia/Shanghai).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseConfig } from '../src/app.ts';
import { shanghaiDate } from '../src/calendar/shanghai-time.ts';
import { systemClock, type Clock } from '../src/clock/clock.ts';
import { openDatabase } from '../src/db/database.ts';
import { loadEnv } from '../src/env.ts';
import { createMatchItemSource } from '../src/matching/item-source.ts';
import { petitionDeps } from '../src/petitions/deps.ts';
import { searchConfig } from '../src/search/search-config.ts';
import { createSearchIndex } from '../src/search/search-index.ts';
import { buildMonthlyReport, parseMonth, writeReportFiles } from '../src/report/index.ts';
import { shiftMonth } from '../src/report/month.ts';

const { values } = parseArgs({
  options: {
    month: { type: 'string' },
    out: { type: 'string', default: 'reports' },
    pdf: { type: 'boolean', default: false },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    now: { type: 'string' },
  },
});
const fixed = values.now ? new Date(values.now) : null;
if (fixed && Number.isNaN(fixed.getTime())) {
  console.error('--now must be an ISO 8601 instant, e.g. 2026-11-02T09:00:00+08:00');
  process.exit(2);
}
const clock: Clock = fixed ? { now: () => new Date(fixed.getTime()) } : systemClock;
let month;
try {
  month = parseMonth(values.month ?? shiftMonth(shanghaiDate(clock.now()).slice(0, 7), -1), ['month'], clock.now());
} catch {
  console.error('--month must be YYYY-MM, e.g. --month 2026-10');
  process.exit(2);
}
// npm runs workspace scripts in api/; a relative --out is meant from where the command was typed.
const outDir = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
const env = loadEnv();
const database = await openDatabase(databaseConfig(env));
try {
  // 政策找企业 section: the current items come from the search index, as in the api (null when it is down).
  const search = createSearchIndex(searchConfig({ host: env.MEILI_HOST, searchKey: env.MEILI_SEARCH_KEY, indexPrefix: env.MEILI_INDEX_PREFIX, keyFile: env.searchKeyFile, timeoutMs: env.MEILI_TIMEOUT_MS }));
  const items = createMatchItemSource(search, { ttlMs: 0 });
  const report = await buildMonthlyReport(petitionDeps(database.db, database.dialect, clock), month, { matchItems: async () => (await items.current()).prepared });
  const files = await writeReportFiles(report, outDir, values.pdf ? { pdf: { chromiumPath: values.chromium } } : {});
  console.log(JSON.stringify({ month: report.month, received: report.received.value, answered: report.resolution.answered.value, files }));
} finally {
  await database.destroy();
}
