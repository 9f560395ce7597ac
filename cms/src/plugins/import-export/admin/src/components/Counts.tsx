import { Box, Flex, Typography } from '@strapi/design-system';
import type { ImportResult } from '../api';
import { useT, type MessageKey } from '../utils/useT';

const COUNTS: Array<{ key: 'created' | 'updated' | 'unchanged' | 'rejected'; label: MessageKey }> = [
  { key: 'created', label: 'count.created' },
  { key: 'updated', label: 'count.updated' },
  { key: 'unchanged', label: 'count.unchanged' },
  { key: 'rejected', label: 'count.rejected' },
];

/** 新建 / 更新 / 未变 / 拒绝, each a labelled figure (a list, so a screen reader reads label and number together). */
export function Counts({ result }: { result: ImportResult }) {
  const t = useT();
  return (
    <Flex tag="ul" gap={4} wrap="wrap">
      {COUNTS.map(({ key, label }) => (
        <Box tag="li" key={key} aria-label={`${t(label)} ${result[key]}`} background="neutral100" hasRadius padding={4} minWidth="120px">
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="sigma" textColor="neutral600">
              {t(label)}
            </Typography>
            <Typography variant="alpha" textColor={key === 'rejected' && result[key] > 0 ? 'danger600' : 'neutral800'}>
              {result[key]}
            </Typography>
          </Flex>
        </Box>
      ))}
    </Flex>
  );
}
