import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { ImportResult } from '../api';
import { useT } from '../utils/useT';

/** Each rejected row with its row number, column and reason, and the file's warnings. */
export function Issues({ result }: { result: ImportResult }) {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography variant="delta" tag="h3">
        {t('issues.title')}
      </Typography>
      {result.issues.length === 0 ? (
        <Typography>{t('issues.none')}</Typography>
      ) : (
        <Table colCount={3} rowCount={result.issues.length + 1} aria-label={t('issues.title')}>
          <Thead>
            <Tr>
              <Th>
                <Typography variant="sigma">{t('issues.row')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('issues.column')}</Typography>
              </Th>
              <Th>
                <Typography variant="sigma">{t('issues.reason')}</Typography>
              </Th>
            </Tr>
          </Thead>
          <Tbody>
            {result.issues.map((issue, i) => (
              <Tr key={`${issue.row}-${i}`}>
                <Td>
                  <Typography>{t('issues.rowValue', { row: issue.row })}</Typography>
                </Td>
                <Td>
                  <Typography>{issue.column || t('issues.wholeRow')}</Typography>
                </Td>
                <Td>
                  <Typography>{issue.reason}</Typography>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {result.warnings.length > 0 && (
        <Box>
          <Typography variant="delta" tag="h3">
            {t('warnings.title')}
          </Typography>
          <Box tag="ul" paddingTop={2}>
            {result.warnings.map((w) => (
              <li key={w}>
                <Typography>{w}</Typography>
              </li>
            ))}
          </Box>
        </Box>
      )}
    </Flex>
  );
}
