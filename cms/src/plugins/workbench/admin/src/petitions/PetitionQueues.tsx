// 诉求办理 (office), 本部门诉求 (department), 领导小组 (leader): the queues each role works through
// all day, and a table of the petitions in the chosen queue. Each row opens the petition page.
import * as React from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { Box, Flex, Link, Table, Tabs, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import type { StaffRole } from '../session/StaffSession';
import { useApi, useStaffSession } from '../session/StaffSession';
import { useT } from '../utils/getTrad';
import { LIST_PETITIONS, shortDate, type PetitionRow } from './queries';
import { SlaText } from './SlaText';

interface Queue {
  id: string;
  filter: Record<string, unknown>;
}

/** The queues of each role (第七–十一条). The api limits every list to what the role may see. */
export const QUEUES: Partial<Record<StaffRole, Queue[]>> = {
  office: [
    { id: 'new', filter: { status: ['RECEIVED'] } },
    { id: 'materials', filter: { status: ['AWAITING_MATERIALS'] } },
    { id: 'handling', filter: { status: ['IN_HANDLING'] } },
    { id: 'dueToday', filter: { dueToday: true } },
    { id: 'overdue', filter: { overdue: true } },
    { id: 'escalated', filter: { status: ['ESCALATED'] } },
    { id: 'answered', filter: { status: ['ANSWERED'] } },
  ],
  department: [
    { id: 'toAnswer', filter: { queue: 'MINE' } },
    { id: 'assigned', filter: { queue: 'ALL' } },
  ],
  leader: [
    { id: 'escalated', filter: { status: ['ESCALATED'] } },
    { id: 'common', filter: { category: 'COMMON' } },
  ],
};

export function PetitionQueues() {
  const t = useT();
  const api = useApi();
  const session = useStaffSession();
  const role = session.status === 'ready' ? session.session.role : 'office';
  const queues = QUEUES[role] ?? [];
  const [params, setParams] = useSearchParams();
  const current = queues.find((q) => q.id === params.get('queue')) ?? queues[0];
  const [rows, setRows] = React.useState<{ queue: string; items: PetitionRow[]; more: boolean } | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    if (!current) return;
    const controller = new AbortController();
    setError(null);
    api<{ petitions: { edges: Array<{ node: PetitionRow }>; pageInfo: { hasNextPage: boolean } } }>(LIST_PETITIONS, { filter: current.filter, first: 100 }, controller.signal)
      .then((data) => setRows({ queue: current.id, items: data.petitions.edges.map((e) => e.node), more: data.petitions.pageInfo.hasNextPage }))
      .catch((err: Error) => {
        if (!controller.signal.aborted) setError(err.message);
      });
    return () => controller.abort();
  }, [api, current]);

  if (!current) return <Page.NoPermissions />;
  const title = t(`screen.petitions.${role}.title`);
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={t(`screen.petitions.${role}.description`)} />
      <Layouts.Content>
        <Tabs.Root value={current.id} onValueChange={(v: string) => setParams({ queue: v })}>
          <Tabs.List aria-label={t('petitions.queues')}>
            {queues.map((q) => (
              <Tabs.Trigger key={q.id} value={q.id}>
                {t(`petitions.queue.${q.id}`)}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          <Tabs.Content value={current.id}>
            <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius tag="section" aria-label={t(`petitions.queue.${current.id}`)}>
              {error ? (
                <Typography textColor="danger600" role="alert">
                  {t('petitions.loadError', { message: error })}
                </Typography>
              ) : rows === null || rows.queue !== current.id ? (
                <Typography textColor="neutral600">{t('petitions.loading')}</Typography>
              ) : rows.items.length === 0 ? (
                <Typography textColor="neutral600">{t('petitions.empty')}</Typography>
              ) : (
                <Flex direction="column" alignItems="stretch" gap={2}>
                  <Typography variant="pi" textColor="neutral600">
                    {t(rows.more ? 'petitions.countMore' : 'petitions.count', { count: rows.items.length })}
                  </Typography>
                  <Table colCount={6} rowCount={rows.items.length + 1}>
                    <Thead>
                      <Tr>
                        <Th>{t('petitions.col.id')}</Th>
                        <Th>{t('petitions.col.title')}</Th>
                        <Th>{t('petitions.col.submitter')}</Th>
                        <Th>{t('petitions.col.status')}</Th>
                        <Th>{t('petitions.col.category')}</Th>
                        <Th>{t('petitions.col.sla')}</Th>
                      </Tr>
                    </Thead>
                    <Tbody>
                      {rows.items.map((p) => (
                        <Tr key={p.id}>
                          <Td>
                            <Link tag={RouterLink} to={`../petition/${encodeURIComponent(p.id)}`}>
                              {p.id}
                            </Link>
                          </Td>
                          <Td>
                            <Typography>{p.title}</Typography>
                          </Td>
                          <Td>
                            <Typography>{p.submitter.name}</Typography>
                          </Td>
                          <Td>
                            <Typography>{t(`status.${p.status}`)}</Typography>
                          </Td>
                          <Td>
                            <Typography>{p.category ? t(`category.${p.category}`) : t('petitions.unclassified')}</Typography>
                          </Td>
                          <Td>
                            <SlaText petition={p} />
                            {p.dueDate ? (
                              <Typography variant="pi" textColor="neutral600">
                                {' '}
                                {t('sla.dueDate', { date: shortDate(p.dueDate) })}
                              </Typography>
                            ) : null}
                          </Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                </Flex>
              )}
            </Box>
          </Tabs.Content>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
}
