// The import/export of a department's itemized list: used by cms/scripts (npm run import / export)
// and meant for an admin feature later. Everything else in this folder is internal.
export { ImportFileError, ImportOptionError, type RowIssue } from './errors';
export { COLUMNS, headerOf, matchHeader, type ColumnKey } from './template';
export { readRows, readRowsFromFile, formatOf, type FileFormat, type ReadResult, type RawRow, type Cell } from './read-rows';
export { validateRows, parseAmount, parseDate, type ValidRow, type ItemValues } from './validate-rows';
export { importPolicyItems, type ImportOptions, type ImportSummary, type Locale, type RowOutcome } from './import-items';
export { exportPolicyItems, type ExportOptions } from './export-items';
export { templateWorkbook, templateCsv, templateJson, writeTemplateFile, type TemplateRow } from './write-rows';
export { formatSummary, summaryJson } from './format-summary';
