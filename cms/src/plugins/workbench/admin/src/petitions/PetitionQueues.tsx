// 诉求办理 (office), 本部门诉求 (department), 领导小组 (leader): the queues each role works through
// all day, each tab with its count, and a table of the petitions in the chosen queue, a page of 100
// at a time (the api's cursor). Each row opens the petition page.
import * as React from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';
import { Box, Button, Flex, Link, Table, Tabs, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import type { StaffRole } from '../session/StaffSession';
import { useApi, useStaffSession } from '../session/StaffSession';
import { useT } from '../utils/getTrad';
import { COUNT_PETITIONS, LIST_PETITIONS, PAGE_SIZE, shortDate, type PetitionRow } from './queries';
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
  // The cursors of the pages shown before this one (page n starts after cursors[n - 1]); a queue opens on page 1.
  const [paging, setPaging] = React.useState<{ queue: string; cursors: string[] }>({ queue: '', cursors: [] });
  const cursors = React.useMemo(() => (current && paging.queue === current.id ? paging.cursors : []), [current, paging]);
  const setCursors = (next: (c: string[]) => string[]) => current && setPaging({ queue: current.id, cursors: next(cursors) });
  const after = cursors[cursors.length - 1] ?? null;
  const [rows, setRows] = React.useState<{ queue: string; after: string | null; items: PetitionRow[]; endCursor: string | null; more: boolean } | null>(null);
  const [counts, setCounts] = React.useState<Record<string, number> | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    if (!current) return;
    const controller = new AbortController();
    setError(null);
    api<{ petitions: { edges: Array<{ node: PetitionRow }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>(LIST_PETITIONS, { filter: current.filter, first: PAGE_SIZE, after }, controller.signal)
      .then((data) =>
        setRows({ queue: current.id, after, items: data.petitions.edges.map((e) => e.node), endCursor: data.petitions.pageInfo.endCursor, more: data.petitions.pageInfo.hasNextPage }),
      )
      .catch((err: Error) => {
        if (!controller.signal.aborted) setError(err.message);
      });
    return () => controller.abort();
  }, [api, current, after]);

  // Every tab's count in one request, refreshed when the person changes queue.
  React.useEffect(() => {
    if (queues.length === 0) return;
    const controller = new AbortController();
    api<{ petitionCounts: Array<{ key: string; count: number }> }>(COUNT_PETITIONS, { queues: queues.map((q) => ({ key: q.id, filter: q.filter })) }, controller.signal)
      .then((data) => setCounts(Object.fromEntries(data.petitionCounts.map((c) => [c.key, c.count]))))
      .catch(() => {
        // The tabs simply show no count; the list reports its own errors.
      });
    return () => controller.abort();
  }, [api, queues, current]);

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
                {counts?.[q.id] === undefined ? t(`petitions.queue.${q.id}`) : t('petitions.queueWithCount', { queue: t(`petitions.queue.${q.id}`), count: counts[q.id] ?? 0 })}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          <Tabs.Content value={current.id}>
            <Box background="neutral0" padding={4} shadow="tableShadow" hasRadius tag="section" aria-label={t(`petitions.queue.${current.id}`)}>
              {error ? (
                <Typography textColor="danger600" role="alert">
                  {t('petitions.loadError', { message: error })}
                </Typography>
              ) : rows === null || rows.queue !== current.id || rows.after !== after ? (
                <Typography textColor="neutral600">{t('petitions.loading')}</Typography>
              ) : rows.items.length === 0 ? (
                <Typography textColor="neutral600">{t('petitions.empty')}</Typography>
              ) : (
                <Flex direction="column" alignItems="stretch" gap={2}>
                  <Typography variant="pi" textColor="neutral600">
                    {t('petitions.pageOf', { page: cursors.length + 1, from: cursors.length * PAGE_SIZE + 1, to: cursors.length * PAGE_SIZE + rows.items.length, total: counts?.[current.id] ?? '…' })}
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
                  {cursors.length > 0 || rows.more ? (
                    <Flex gap={2} tag="nav" aria-label={t('petitions.paging')}>
                      <Button type="button" variant="tertiary" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
                        {t('petitions.previousPage')}
                      </Button>
                      <Button type="button" variant="tertiary" disabled={!rows.more || !rows.endCursor} onClick={() => rows.endCursor && setCursors((c) => [...c, rows.endCursor as string])}>
                        {t('petitions.nextPage')}
                      </Button>
                    </Flex>
                  ) : null}
                </Flex>
              )}
            </Box>
          </Tabs.Content>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
}
