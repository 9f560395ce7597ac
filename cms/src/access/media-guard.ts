// 第四、五条 for the media library: a department's specialist works with the files and folders their
// department uploaded, and nothing else. Strapi's "same role as creator" condition covers the
// single-file routes; the bulk actions, folders, uploads into a folder and moves do not check it,
// so every upload admin route is listed here with its guard or the reason it is harmless.
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { folderContents, ownMediaIds } from './ownership';
import { refuse } from './refusal';
import type { RouteCoverage, RouteGuard } from './route-guard';

const FILE = 'plugin::upload.file';
const FOLDER = 'plugin::upload.folder';

function toIds(value: unknown): number[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.flatMap((v) => {
    if (typeof v === 'number' && Number.isInteger(v)) return [v];
    if (typeof v === 'string' && /^\d+$/.test(v)) return [Number(v)];
    // Anything else names no row we could check: refuse rather than let the controller guess.
    refuse('文件或文件夹编号无效', 'id');
  });
}

async function requireOwnFiles(strapi: Core.Strapi, ids: number[], own: ReadonlySet<string>, field: string) {
  const mine = await ownMediaIds(strapi, FILE, ids, own);
  if (ids.some((id) => !mine.has(id))) refuse('只能操作本部门上传的文件：所选文件属于其他部门或不存在', field);
}

async function requireOwnFolders(strapi: Core.Strapi, ids: number[], own: ReadonlySet<string>, field: string) {
  const mine = await ownMediaIds(strapi, FOLDER, ids, own);
  if (ids.some((id) => !mine.has(id))) refuse('只能使用本部门的文件夹：所选文件夹属于其他部门或不存在', field);
}

/** Deleting or moving a folder takes everything inside with it: all of that must be the department's too. */
async function requireOwnFolderTrees(strapi: Core.Strapi, ids: number[], own: ReadonlySet<string>, field: string) {
  await requireOwnFolders(strapi, ids, own, field);
  const inside = await folderContents(strapi, ids);
  await requireOwnFolders(strapi, inside.folders, own, field);
  const files = await ownMediaIds(strapi, FILE, inside.files, own);
  if (inside.files.some((id) => !files.has(id))) refuse('文件夹中有其他部门的文件，不能整体删除或移动', field);
}

/** The target folder of an upload or a move: the root (none) or an own folder. */
async function requireOwnDestination(strapi: Core.Strapi, folder: unknown, own: ReadonlySet<string>, field: string) {
  if (folder === undefined || folder === null || folder === '' || folder === 'null') return;
  await requireOwnFolders(strapi, toIds(folder), own, field);
}

/** `fileInfo` arrives as an object, a JSON string (multipart), or a list of either. */
/**
 * Strapi parses a string that holds a JSON array into a list too (one multipart field carrying
 * `[{"folder":…}]`), so a parsed array is flattened here rather than read as one object.
 */
function fileInfos(raw: unknown): Array<Record<string, unknown>> {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.flatMap((item): Array<Record<string, unknown>> => {
    let value: unknown = item;
    if (typeof item === 'string') {
      try {
        value = JSON.parse(item) as unknown;
      } catch {
        refuse('fileInfo 不是有效的 JSON', 'fileInfo');
      }
    }
    const values = Array.isArray(value) ? value : [value];
    return values.map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {}) as Record<string, unknown>);
  });
}

const body = (ctx: Context) => ((ctx.request as { body?: unknown }).body ?? {}) as Record<string, unknown>;

async function guardFileInfoFolders(strapi: Core.Strapi, raw: unknown, own: ReadonlySet<string>) {
  for (const info of fileInfos(raw)) await requireOwnDestination(strapi, info.folder, own, 'fileInfo.folder');
}

const upload: RouteGuard = async (ctx, own, next, strapi) => {
  // The upload service links a new file to any entry named by ref/refId/field, past the entry's
  // guards; the media library never sends them (files are attached in the entry's edit view).
  if (['ref', 'refId', 'field'].some((key) => body(ctx)[key] !== undefined)) refuse('请在内容编辑页中添加附件，上传时不能直接关联内容', 'refId');
  // POST /upload multiplexes: with ?id it replaces or edits that file, without it uploads new files.
  const id = (ctx.query as Record<string, unknown>).id;
  if (id !== undefined) await requireOwnFiles(strapi, toIds(id), own, 'id');
  await guardFileInfoFolders(strapi, body(ctx).fileInfo, own);
  return next();
};

const uploadFile: RouteGuard = async (ctx, own, next, strapi) => {
  await guardFileInfoFolders(strapi, body(ctx).fileInfo, own);
  return next();
};

const uploadFromUrls: RouteGuard = async (ctx, own, next, strapi) => {
  await requireOwnDestination(strapi, body(ctx).folderId, own, 'folderId');
  return next();
};

const fileById: RouteGuard = async (ctx, own, next, strapi) => {
  await requireOwnFiles(strapi, toIds((ctx.params as Record<string, unknown>).id), own, 'id');
  return next();
};

const updateFile: RouteGuard = async (ctx, own, next, strapi) => {
  await requireOwnFiles(strapi, toIds((ctx.params as Record<string, unknown>).id), own, 'id');
  await guardFileInfoFolders(strapi, body(ctx).fileInfo, own);
  return next();
};

const bulkUpdate: RouteGuard = async (ctx, own, next, strapi) => {
  const updates = Array.isArray(body(ctx).updates) ? (body(ctx).updates as Array<{ id?: unknown; fileInfo?: unknown }>) : [];
  await requireOwnFiles(strapi, updates.flatMap((u) => toIds(u.id)), own, 'updates');
  for (const u of updates) await guardFileInfoFolders(strapi, u.fileInfo, own);
  return next();
};

const folderById: RouteGuard = async (ctx, own, next, strapi) => {
  await requireOwnFolders(strapi, toIds((ctx.params as Record<string, unknown>).id), own, 'id');
  return next();
};

const createFolder: RouteGuard = async (ctx, own, next, strapi) => {
  await requireOwnDestination(strapi, body(ctx).parent, own, 'parent');
  return next();
};

const updateFolder: RouteGuard = async (ctx, own, next, strapi) => {
  await requireOwnFolders(strapi, toIds((ctx.params as Record<string, unknown>).id), own, 'id');
  await requireOwnDestination(strapi, body(ctx).parent, own, 'parent');
  return next();
};

const bulkDelete: RouteGuard = async (ctx, own, next, strapi) => {
  const b = body(ctx);
  await requireOwnFiles(strapi, toIds(b.fileIds), own, 'fileIds');
  await requireOwnFolderTrees(strapi, toIds(b.folderIds), own, 'folderIds');
  return next();
};

const bulkMove: RouteGuard = async (ctx, own, next, strapi) => {
  const b = body(ctx);
  await requireOwnFiles(strapi, toIds(b.fileIds), own, 'fileIds');
  await requireOwnFolderTrees(strapi, toIds(b.folderIds), own, 'folderIds');
  await requireOwnDestination(strapi, b.destinationFolderId, own, 'destinationFolderId');
  return next();
};

/** Folder lists are not filtered by Strapi at all: keep the department's own folders only. */
const listFolders: RouteGuard = async (ctx, own, next, strapi) => {
  await next();
  const data = (ctx.body as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(data)) return;
  const ids = data.flatMap((f: { id?: unknown }) => (typeof f.id === 'number' ? [f.id] : []));
  const mine = await ownMediaIds(strapi, FOLDER, ids, own);
  (ctx.body as { data: unknown[] }).data = data.filter((f: { id?: unknown }) => typeof f.id === 'number' && mine.has(f.id));
};

interface TreeNode { id?: number; children?: TreeNode[] }
const folderStructure: RouteGuard = async (ctx, own, next, strapi) => {
  await next();
  const data = (ctx.body as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(data)) return;
  const all: number[] = [];
  const collect = (nodes: TreeNode[]) => nodes.forEach((n) => (typeof n.id === 'number' && all.push(n.id), collect(n.children ?? [])));
  collect(data as TreeNode[]);
  const mine = await ownMediaIds(strapi, FOLDER, all, own);
  const prune = (nodes: TreeNode[]): TreeNode[] =>
    nodes.filter((n) => typeof n.id === 'number' && mine.has(n.id)).map((n) => ({ ...n, children: prune(n.children ?? []) }));
  (ctx.body as { data: unknown }).data = prune(data as TreeNode[]);
};

const officeOnly =
  (what: string): RouteGuard =>
  async () =>
    refuse(`${what}只向区企服办和超级管理员开放`, 'route');


export const MEDIA_ROUTES: Readonly<Record<string, RouteCoverage>> = {
  'POST /upload': { guard: upload, why: 'uploads into a folder, or edits/replaces the file named by ?id' },
  'POST /upload/files': { guard: uploadFile, why: 'uploads into the folder named in fileInfo' },
  'POST /upload/actions/upload-from-urls': { guard: uploadFromUrls, why: 'uploads into folderId' },
  'GET /upload/files': { harmless: 'Strapi filters the list by the "same role as creator" condition of plugin::upload.read' },
  'GET /upload/files/:id': { guard: fileById, why: 'reads one file by id' },
  'PUT /upload/files/:id': { guard: updateFile, why: 'edits a file and may move it into a folder' },
  'POST /upload/files/:id/replace': { guard: fileById, why: 'replaces a file’s content' },
  'DELETE /upload/files/:id': { guard: fileById, why: 'deletes a file' },
  'GET /upload/folders/:id': { guard: folderById, why: 'reads one folder by id' },
  'GET /upload/folders': { guard: listFolders, why: 'lists folders with their file counts' },
  'POST /upload/folders': { guard: createFolder, why: 'creates a folder inside a parent' },
  'PUT /upload/folders/:id': { guard: updateFolder, why: 'renames or moves a folder' },
  'GET /upload/folder-structure': { guard: folderStructure, why: 'the folder tree' },
  'POST /upload/actions/bulk-delete': { guard: bulkDelete, why: 'deletes files and whole folders' },
  'POST /upload/actions/bulk-move': { guard: bulkMove, why: 'moves files and whole folders' },
  'POST /upload/actions/bulk-update': { guard: bulkUpdate, why: 'edits files and may move them' },
  'POST /upload/actions/generate-ai-metadata': { guard: officeOnly('AI 元数据生成'), why: 'acts on any file' },
  'POST /upload/ai-metadata-jobs': { guard: officeOnly('AI 元数据生成'), why: 'acts on every file of the CMS' },
  'GET /upload/ai-metadata-jobs/latest': { guard: officeOnly('AI 元数据任务'), why: 'reports on every file of the CMS' },
  'GET /upload/ai-metadata-jobs/pending-count': { guard: officeOnly('AI 元数据任务'), why: 'counts every file of the CMS' },
  'GET /upload/configuration': { harmless: 'the media library’s page size and sort order; no files' },
  'PUT /upload/configuration': { harmless: 'the media library’s page size and sort order (plugin::upload.configure-view); no files' },
};
