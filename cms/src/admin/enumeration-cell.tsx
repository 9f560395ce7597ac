// The list views show an enumeration's stored value ("valid", "qa", "synonyms"); Strapi formats
// dates, numbers and booleans for the reader but not enumerations. The columns are given a cell
// that reads the value through the translations (zh-Hans: 有效, 问答, 同义词), the same message ids
// the edit view's select already uses.
import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';

interface Header {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: unknown;
}
interface ListColumns {
  displayedHeaders: Header[];
  layout: unknown;
}

export const INJECT_COLUMN_IN_TABLE = 'Admin/CM/pages/ListView/inject-column-in-table';

function EnumerationCell({ value }: { value: unknown }) {
  const { formatMessage } = useIntl();
  const text = typeof value === 'string' && value !== '' ? formatMessage({ id: value, defaultMessage: value }) : '-';
  return <Typography textColor="neutral800">{text}</Typography>;
}

export function translateEnumerationColumns({ displayedHeaders, layout }: ListColumns): ListColumns {
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header) =>
      header.attribute?.type === 'enumeration' && !header.cellFormatter
        ? { ...header, cellFormatter: (row: Record<string, unknown>) => <EnumerationCell value={row[header.name]} /> }
        : header,
    ),
  };
}
