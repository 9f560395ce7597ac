// The shapes of the plugin's admin routes (server/src/controllers/import-export.ts).
export interface DepartmentRef {
  code: string;
  name: string;
}

export interface PageContext {
  canChooseDepartment: boolean;
  departments: DepartmentRef[];
  locales: string[];
  maxUploadBytes: number;
}

export interface RowIssue {
  row: number;
  column: string;
  reason: string;
}

export interface ImportResult {
  fileName: string;
  department: DepartmentRef;
  locale: string;
  publish: boolean;
  dryRun: boolean;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  issues: RowIssue[];
  warnings: string[];
}

export interface Preview extends ImportResult {
  id: string;
  expiresAt: string;
}

export type ExportFormat = 'xlsx' | 'csv' | 'json';

export const BASE = '/import-export';

/** The server's Chinese sentence from a failed request ({ error: { message } }), if there is one. */
export function serverMessage(error: unknown): string | undefined {
  const data = (error as { response?: { data?: { error?: { message?: unknown } } } } | null)?.response?.data;
  const message = data?.error?.message;
  return typeof message === 'string' && message !== '' ? message : undefined;
}
