// The summary a specialist reads at the end of an import, and its machine-readable twin (--json).
import type { ImportSummary } from './import-items';

export function formatSummary(summary: ImportSummary, file: string): string {
  const mode = [summary.locale, summary.publish ? '导入后发布' : '保存为草稿', ...(summary.dryRun ? ['试运行，没有写入任何数据'] : [])].join('，');
  // A dry run counts what an import would do; it must never read as if rows were imported.
  const would = summary.dryRun ? '将' : '';
  const lines = [
    `${file}（${mode}）：共 ${summary.total} 行`,
    `  ${would}新建 created    ${summary.created}`,
    `  ${would}更新 updated    ${summary.updated}`,
    `  未变 unchanged  ${summary.unchanged}`,
    `  ${would}拒绝 rejected   ${summary.rejected}`,
  ];
  if (summary.issues.length) {
    lines.push('', summary.dryRun ? '会被拒绝的行（请修改后再导入；试运行没有导入任何行）：' : '未导入的行（请修改后重新导入，其余行已导入）：');
    for (const i of summary.issues) lines.push(`  第 ${i.row} 行${i.column ? `  ${i.column}` : ''}：${i.reason}`);
  }
  if (summary.warnings.length) {
    lines.push('', '提示：');
    for (const w of summary.warnings) lines.push(`  ${w}`);
  }
  return lines.join('\n');
}

export function summaryJson(summary: ImportSummary, file: string): string {
  const { rows, ...counts } = summary;
  return JSON.stringify({ file, ...counts, rows }, null, 2);
}
