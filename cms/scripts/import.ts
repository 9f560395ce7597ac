// npm run import -- <file.xlsx|.csv|.json> [--department <code>] [--publish] [--locale zh-Hans|en] [--dry-run] [--json]
// Imports a department's itemized policy list (第四条) in the template of cms/templates/.
// Exit codes: 0 the file was read (even if rows were rejected), 2 the file could not be read,
// 1 anything else (bad option, the CMS could not start).
import { existsSync } from 'node:fs';
import path from 'node:path';
// The options are parsed before the CMS's modules load (await import below): a wrong option is answered at once.
import { parseCommandLine } from '@zone/schemas/cli';
import type { Locale } from '../src/import';

const USAGE = `用法：npm run import -- <文件.xlsx|.csv|.json> [选项]
  --department <部门代码>  没有填写部门的行归入该部门；填写了其他部门的行会被拒绝
  --publish               导入后发布（默认保存为草稿，由专员在后台检查后发布）
  --locale zh-Hans|en     写入的语言版本（默认 zh-Hans）
  --dry-run               只检查并统计，不写入
  --json                  在标准输出打印机器可读的结果（JSON）
模板和示例：cms/templates/`;

const PROGRESS_EVERY_LINE = 100; // rows between progress lines when stderr is not a terminal
const PROGRESS_MIN_ROWS = 50; // small files finish before a progress line would help

function progressReporter(total: number): { tick: (done: number) => void; end: () => void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  if (total < PROGRESS_MIN_ROWS) return { tick: () => undefined, end: () => undefined };
  return {
    tick(done) {
      if (tty) {
        if (done === total || done - last >= 5) process.stderr.write(`\r导入中 ${done}/${total} 行`);
      } else if (done === total || done - last >= PROGRESS_EVERY_LINE) {
        process.stderr.write(`导入中 ${done}/${total} 行\n`);
      } else return;
      last = done;
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(
    {
      command: 'npm run import',
      usage: USAGE,
      options: {
        department: { type: 'string' },
        publish: { type: 'boolean', default: false },
        locale: { type: 'string', default: 'zh-Hans' },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      positionals: { min: 1, max: 1, name: '要导入的文件（npm run import -- <文件.xlsx|.csv|.json>）' },
    },
    argv,
  );
  const { ImportFileError, formatSummary, importPolicyItems, readRowsFromFile, summaryJson } = await import('../src/import');
  const { embeddedDatabaseFile } = await import('../src/env');
  const { withCms } = await import('./boot-cms');
  // npm runs scripts from the repository root; a relative path means the folder the user typed it in.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);

  // Read and check the file before starting the CMS: a file that is not the template fails fast.
  let input;
  try {
    input = await readRowsFromFile(file);
  } catch (error) {
    if (error instanceof ImportFileError) {
      process.stderr.write(`无法导入 ${file}：${error.message}\n`);
      return 2;
    }
    throw error;
  }

  // A dry run checks against data that exists; booting the CMS on a missing SQLite file would create one.
  const database = embeddedDatabaseFile();
  if (values['dry-run'] && database && !existsSync(database)) {
    process.stderr.write(`试运行只检查已有的数据，但 ${database} 还不存在：先运行 npm start，或者不加 --dry-run 直接导入。\n`);
    return 1;
  }

  return withCms(async (strapi) => {
    const progress = progressReporter(input.rows.length);
    const summary = await importPolicyItems(strapi, input, {
      locale: values.locale as Locale,
      publish: values.publish,
      dryRun: values['dry-run'],
      ...(values.department ? { department: values.department } : {}),
      onProgress: progress.tick,
    });
    progress.end();
    const relative = path.relative(process.env.INIT_CWD ?? process.cwd(), file);
    const name = relative && !relative.startsWith('..') ? relative : file;
    process.stdout.write(`${values.json ? summaryJson(summary, name) : formatSummary(summary, name)}\n`);
    return 0;
  }, { readOnly: values['dry-run'] });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`导入没有完成：${reason}\n（已写入的行各自完整，未写入的行没有留下半条记录；修正后重新导入即可，已导入的行会记为“未变”。）\n`);
    process.exit(1);
  },
);
