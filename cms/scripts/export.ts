// npm run export -- --department <code> [--locale zh-Hans|en] <file.xlsx|.csv|.json>
// Writes a department's items in the import template; the file re-imports as all "unchanged".
import path from 'node:path';
// The options are parsed before the CMS's modules load (await import below): a wrong option is answered at once.
import { parseCommandLine, usageError } from '@zone/schemas/cli';
import type { Locale } from '../src/import';

const USAGE = `用法：npm run export -- --department <部门代码> [--locale zh-Hans|en] <文件.xlsx|.csv|.json>`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(
    {
      command: 'npm run export',
      usage: USAGE,
      options: {
        department: { type: 'string' },
        locale: { type: 'string', default: 'zh-Hans' },
      },
      positionals: { min: 1, max: 1, name: '要写入的文件（.xlsx、.csv 或 .json）' },
    },
    argv,
  );
  if (!values.department) usageError('npm run export', '缺少 --department <部门代码>');
  const { ImportFileError, exportPolicyItems, formatOf, writeTemplateFile } = await import('../src/import');
  const { withCms } = await import('./boot-cms');
  // npm runs scripts from the repository root; a relative path means the folder the user typed it in.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);
  try {
    formatOf(file);
  } catch (error) {
    if (error instanceof ImportFileError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }

  return withCms(async (strapi) => {
    const rows = await exportPolicyItems(strapi, { department: values.department!, locale: values.locale as Locale });
    await writeTemplateFile(file, rows, values.department!);
    process.stdout.write(`已导出部门 ${values.department} 的 ${rows.length} 个政策条目（${values.locale}）到 ${file}\n`);
    return 0;
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`导出没有完成：${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
