// Errors of the import as a whole (the file), as opposed to rejected rows, which are data: a row
// problem never throws, it is reported with its row number and column.
export type ImportFileErrorCode = 'FILE_NOT_FOUND' | 'UNSUPPORTED_FORMAT' | 'UNREADABLE' | 'NO_HEADER' | 'MISSING_COLUMN' | 'DUPLICATE_COLUMN' | 'FILE_TOO_LARGE';

/** The file cannot be read as the template: nothing was imported (the import command exits with 2). */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One problem with one row: what the specialist needs to find and fix the cell. */
export interface RowIssue {
  /** The spreadsheet row number (the header is row 1), or the 1-based position in a JSON list. */
  row: number;
  /** The template header of the column, e.g. "最高扶持金额（万元） maxAmount"; "" when the row as a whole is at fault. */
  column: string;
  reason: string;
}

/** An option of the import or export is wrong (unknown department, unsupported locale): nothing was done. */
export class ImportOptionError extends Error {
  override name = 'ImportOptionError';
}
