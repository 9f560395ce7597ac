// Every refusal of the plugin carries a code (for the page and the tests) and a Chinese sentence (for
// the specialist). They are Strapi's error classes, so the admin's error middleware answers with the
// right status and keeps the message: { error: { status, name, message, details: { code, field? } } }.
import { errors } from '@strapi/utils';

export type ImportExportErrorCode =
  | 'NOT_DEPARTMENT_STAFF'
  | 'DEPARTMENT_NOT_YOURS'
  | 'DEPARTMENT_REQUIRED'
  | 'UNKNOWN_DEPARTMENT'
  | 'BAD_USER_INPUT'
  | 'FILE_MISSING'
  | 'FILE_TOO_LARGE'
  | 'TOO_MANY_ROWS'
  | 'PREVIEW_NOT_FOUND'
  // The import module's file errors (cms/src/import/errors.ts), passed through.
  | 'FILE_NOT_FOUND'
  | 'UNSUPPORTED_FORMAT'
  | 'UNREADABLE'
  | 'NO_HEADER'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN';

export interface ErrorDetails {
  code: ImportExportErrorCode;
  field?: string;
}

export const forbidden = (code: ImportExportErrorCode, message: string): never => {
  throw new errors.PolicyError(message, { code } satisfies ErrorDetails);
};

export const badRequest = (code: ImportExportErrorCode, message: string, field?: string): never => {
  throw new errors.ApplicationError(message, { code, ...(field ? { field } : {}) } satisfies ErrorDetails);
};

export const tooLarge = (message: string): never => {
  throw new errors.PayloadTooLargeError(message, { code: 'FILE_TOO_LARGE', field: 'file' } satisfies ErrorDetails);
};

export const notFound = (code: ImportExportErrorCode, message: string): never => {
  throw new errors.NotFoundError(message, { code } satisfies ErrorDetails);
};
