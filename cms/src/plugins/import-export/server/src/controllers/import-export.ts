// The page's five requests: who am I (context), preview an upload (a dry run that writes nothing),
// preview it again with other options, confirm it, and export. Every request derives the department
// from the admin user's roles (staff.ts); the import itself is the CLI's module (cms/src/import).
import { readFile, unlink } from 'node:fs/promises';
import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { z } from 'zod';
import {
  ImportFileError,
  ImportOptionError,
  exportPolicyItems,
  formatOf,
  importPolicyItems,
  readRows,
  templateCsv,
  templateJson,
  templateWorkbook,
  type FileFormat,
  type ImportSummary,
  type Locale,
} from '../../../../../import';
import { LOCALES } from '../../../../../content/uids';
import { badRequest, notFound, tooLarge } from '../errors';
import { LIMITS } from '../limits';
import { PendingImports, type PendingImport } from '../pending-imports';
import { departmentsOf, resolveDepartment, staffOf, type AdminUser } from '../staff';

interface UploadedFile {
  filepath: string;
  originalFilename?: string | null;
  size: number;
}

const LOCALE = z.enum(LOCALES.all, { error: '语言版本只能是 zh-Hans 或 en' });
const FLAG = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const PREVIEW_FIELDS = z.object({
  department: z.string().trim().min(1).max(100).optional(),
  locale: LOCALE.default(LOCALES.default),
  publish: FLAG.default(false),
});
const REPREVIEW_BODY = z.object({ publish: FLAG });
const EXPORT_QUERY = z.object({
  department: z.string().trim().min(1).max(100).optional(),
  locale: LOCALE.default(LOCALES.default),
  format: z.enum(['xlsx', 'csv', 'json'], { error: '导出格式只能是 xlsx、csv 或 json' }).default('xlsx'),
});

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  return badRequest('BAD_USER_INPUT', `${field ? `${field}：` : ''}${issue.message}`, field || undefined);
}

const userOf = (ctx: Context) => ctx.state.user as AdminUser | undefined;
const userKey = (ctx: Context) => String(userOf(ctx)?.id ?? '');

/** What the page shows: counts, and every rejected row with its row number, column and reason. */
function previewBody(pending: PendingImport, summary: ImportSummary) {
  return {
    id: pending.id,
    expiresAt: new Date(pending.expiresAt).toISOString(),
    ...summaryBody(summary, pending),
  };
}

function summaryBody(summary: ImportSummary, pending: Pick<PendingImport, 'department' | 'fileName'>) {
  return {
    fileName: pending.fileName,
    department: pending.department,
    locale: summary.locale,
    publish: summary.publish,
    dryRun: summary.dryRun,
    total: summary.total,
    created: summary.created,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejected,
    issues: summary.issues,
    warnings: summary.warnings,
  };
}

async function readUpload(ctx: Context): Promise<{ buffer: Buffer; fileName: string; format: FileFormat }> {
  const files = (ctx.request as unknown as { files?: Record<string, UploadedFile | UploadedFile[]> }).files ?? {};
  const all = Object.values(files).flat();
  try {
    const file = all[0];
    if (!file || all.length > 1) return badRequest('FILE_MISSING', all.length > 1 ? '一次只能上传一个文件' : '请选择要导入的文件（.xlsx、.csv 或 .json）', 'file');
    if (file.size > LIMITS.maxUploadBytes) {
      return tooLarge(`文件太大（${(file.size / 1024 / 1024).toFixed(1)} MB）：导入文件不能超过 ${LIMITS.maxUploadBytes / 1024 / 1024} MB`);
    }
    const fileName = file.originalFilename ?? 'upload';
    const format = formatOf(fileName);
    return { buffer: await readFile(file.filepath), fileName, format };
  } finally {
    // The body parser leaves uploads in the temp folder; the parsed rows are all that is kept.
    await Promise.all(all.map((f) => unlink(f.filepath).catch(() => undefined)));
  }
}

/** The import module's own errors become coded 400s with its Chinese sentence. */
async function importing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // A file that unpacks past the limit is refused like an upload over the size limit (413).
    if (error instanceof ImportFileError && error.code === 'FILE_TOO_LARGE') return tooLarge(error.message);
    if (error instanceof ImportFileError) return badRequest(error.code, error.message, 'file');
    if (error instanceof ImportOptionError) return badRequest('BAD_USER_INPUT', error.message);
    throw error;
  }
}

const CONTENT_TYPES: Record<FileFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const pending = new PendingImports();

  return {
    async context(ctx: Context) {
      const staff = staffOf(userOf(ctx));
      const departments = await departmentsOf(strapi, staff);
      ctx.body = {
        data: {
          canChooseDepartment: staff.kind === 'office' || departments.length > 1,
          departments,
          locales: LOCALES.all,
          maxUploadBytes: LIMITS.maxUploadBytes,
        },
      };
    },

    async preview(ctx: Context) {
      const staff = staffOf(userOf(ctx));
      const { buffer, fileName, format } = await importing(() => readUpload(ctx));
      const fields = parse(PREVIEW_FIELDS, ctx.request.body);
      const department = await resolveDepartment(strapi, staff, fields.department);
      const input = await importing(() => readRows(buffer, format));
      if (input.rows.length > LIMITS.maxRows) {
        return badRequest('TOO_MANY_ROWS', `文件有 ${input.rows.length} 行，一次最多导入 ${LIMITS.maxRows} 行：请分成几个文件`, 'file');
      }
      const locale = fields.locale as Locale;
      const summary = await importing(() => importPolicyItems(strapi, input, { department: department.code, locale, publish: fields.publish, dryRun: true }));
      const entry = pending.add({ userId: userKey(ctx), fileName, input, department, locale, publish: fields.publish });
      ctx.body = { data: previewBody(entry, summary) };
    },

    /** The same upload previewed again, e.g. with 同时发布 ticked: the counts change with it. */
    async repreview(ctx: Context) {
      staffOf(userOf(ctx));
      const { publish } = parse(REPREVIEW_BODY, ctx.request.body);
      const entry = pending.get(String(ctx.params.id), userKey(ctx));
      if (!entry) return notFound('PREVIEW_NOT_FOUND', '预览已过期或不存在：请重新上传文件');
      const summary = await importing(() => importPolicyItems(strapi, entry.input, { department: entry.department.code, locale: entry.locale, publish, dryRun: true }));
      entry.publish = publish;
      ctx.body = { data: previewBody(entry, summary) };
    },

    async confirm(ctx: Context) {
      staffOf(userOf(ctx));
      const entry = pending.take(String(ctx.params.id), userKey(ctx));
      if (!entry) return notFound('PREVIEW_NOT_FOUND', '预览已过期或不存在（或已经导入）：请重新上传文件');
      const summary = await importing(() =>
        importPolicyItems(strapi, entry.input, { department: entry.department.code, locale: entry.locale, publish: entry.publish }),
      );
      ctx.body = { data: summaryBody(summary, entry) };
    },

    async export(ctx: Context) {
      const staff = staffOf(userOf(ctx));
      const query = parse(EXPORT_QUERY, ctx.query);
      const department = await resolveDepartment(strapi, staff, query.department);
      const locale = query.locale as Locale;
      const rows = await importing(() => exportPolicyItems(strapi, { department: department.code, locale }));
      const body =
        query.format === 'xlsx'
          ? Buffer.from(await templateWorkbook(rows).xlsx.writeBuffer())
          : query.format === 'csv'
            ? templateCsv(rows)
            : templateJson(rows, department.code);
      ctx.attachment(`${department.name}政策条目清单.${query.format}`);
      ctx.type = CONTENT_TYPES[query.format];
      ctx.body = body;
    },
  };
};
