// 消息 (the workbench inbox): what the outbox delivered to the signed-in staff member — urges
// (催办, 第十一条) to a department with the day each fell due, escalations (第十一条) to the leading
// group and the office — newest first. Opening a message marks it read and goes to the petition;
// one or all can be marked read. The office also sees the deliveries parked after repeated failures
// (e-mail, the platform's webhook) and sends one again.
import * as React from 'react';
import { Link as RouterLink, useNavigate } from 'react-router-dom';
import { Badge, Box, Button, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { DEPARTMENTS, shortDate } from '../petitions/queries';
import { useApi, useStaffSession } from '../session/StaffSession';
import { useT } from '../utils/getTrad';
import { MARK_READ, MY_INBOX, PARKED, REQUEUE, shanghaiMinute, type InboxMessage, type ParkedNotification } from './queries';

/** Where a message leads: its petition, or for a 待复核 notice (no petition) the review queue. */
function targetOf(m: { kind: string; petitionId: string }): string {
  return m.kind === 'REVIEW_FLAGGED' ? '../review' : `../petition/${encodeURIComponent(m.petitionId)}`;
}

export function MessagesScreen() {
  const t = useT();
  const api = useApi();
  const navigate = useNavigate();
  const session = useStaffSession();
  const office = session.status === 'ready' && session.session.role === 'office';
  const [inbox, setInbox] = React.useState<{ messages: InboxMessage[]; unread: number } | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [status, setStatus] = React.useState<string | null>(null);

  const load = React.useCallback(
    (signal?: AbortSignal) =>
      api<{ myInbox: InboxMessage[]; myInboxUnreadCount: number }>(MY_INBOX, {}, signal)
        .then((d) => setInbox({ messages: d.myInbox, unread: d.myInboxUnreadCount }))
        .catch((err: Error) => {
          if (!signal?.aborted) setError(err.message);
        }),
    [api],
  );
  React.useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const markRead = async (ids: string[]) => {
    if (ids.length === 0) return 0;
    return (await api<{ markInboxRead: number }>(MARK_READ, { ids })).markInboxRead;
  };
  const markAndReload = (ids: string[]) => {
    setError(null);
    markRead(ids)
      .then((n) => {
        setStatus(t('messages.markedRead', { count: n }));
        return load();
      })
      .catch((err: Error) => setError(err.message));
  };
  // Opening a message reads it: marked read first, then the petition page (a 待复核 notice: the review queue).
  const open = (m: InboxMessage) => (e: React.MouseEvent) => {
    e.preventDefault();
    const go = () => navigate(targetOf(m));
    if (m.readAt) go();
    else markRead([m.id]).then(go, go);
  };

  const unreadIds = inbox ? inbox.messages.filter((m) => !m.readAt).map((m) => m.id) : [];
  return (
    <Page.Main>
      <Page.Title>{t('screen.messages.title')}</Page.Title>
      <Layouts.Header title={t('screen.messages.title')} subtitle={t('messages.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-label={t('messages.inbox')}>
            <Flex direction="column" alignItems="stretch" gap={3}>
              <Flex gap={4} justifyContent="space-between" wrap="wrap">
                <Typography variant="delta" tag="h2">
                  {inbox ? t('messages.unreadCount', { count: inbox.unread }) : t('petitions.loading')}
                </Typography>
                <Button type="button" variant="secondary" disabled={unreadIds.length === 0} onClick={() => markAndReload(unreadIds)}>
                  {t('messages.markAllRead')}
                </Button>
              </Flex>
              {status ? (
                <Typography role="status" textColor="success600">
                  {status}
                </Typography>
              ) : null}
              {error ? (
                <Typography textColor="danger600" role="alert">
                  {t('petitions.loadError', { message: error })}
                </Typography>
              ) : null}
              {inbox && inbox.messages.length === 0 ? <Typography textColor="neutral600">{t('messages.empty')}</Typography> : null}
              {inbox && inbox.messages.length > 0 ? (
                <Table colCount={7} rowCount={inbox.messages.length + 1}>
                  <Thead>
                    <Tr>
                      <Th>{t('messages.col.state')}</Th>
                      <Th>{t('messages.col.kind')}</Th>
                      <Th>{t('messages.col.message')}</Th>
                      <Th>{t('messages.col.petition')}</Th>
                      <Th>{t('messages.col.dueOn')}</Th>
                      <Th>{t('messages.col.createdAt')}</Th>
                      <Th>{t('messages.col.actions')}</Th>
                    </Tr>
                  </Thead>
                  <Tbody>
                    {inbox.messages.map((m) => (
                      <Tr key={m.id}>
                        <Td>
                          <Badge variant={m.readAt ? 'neutral' : 'primary'}>{t(m.readAt ? 'messages.read' : 'messages.unread')}</Badge>
                        </Td>
                        <Td>
                          <Typography fontWeight={m.readAt ? undefined : 'bold'}>{t(`messages.kind.${m.kind}`)}</Typography>
                        </Td>
                        <Td>
                          <Flex direction="column" alignItems="flex-start">
                            <Typography fontWeight={m.readAt ? undefined : 'bold'}>{m.title}</Typography>
                            <Typography variant="pi" textColor="neutral600">
                              {m.body}
                            </Typography>
                          </Flex>
                        </Td>
                        <Td>
                          <Link tag={RouterLink} to={targetOf(m)} onClick={open(m)}>
                            {m.kind === 'REVIEW_FLAGGED' ? t('screen.review.title') : m.petitionId}
                          </Link>
                        </Td>
                        <Td>
                          <Typography>{m.dueOn ? shortDate(m.dueOn) : '—'}</Typography>
                        </Td>
                        <Td>
                          <Typography>{shanghaiMinute(m.createdAt)}</Typography>
                        </Td>
                        <Td>
                          {m.readAt ? null : (
                            <Button type="button" variant="tertiary" size="S" onClick={() => markAndReload([m.id])}>
                              {t('messages.markRead')}
                            </Button>
                          )}
                        </Td>
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              ) : null}
            </Flex>
          </Box>
          {office ? <ParkedDeliveries /> : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

/** The office's view of deliveries that failed repeatedly (parked), each with 重新投递. */
function ParkedDeliveries() {
  const t = useT();
  const api = useApi();
  const [rows, setRows] = React.useState<ParkedNotification[] | null>(null);
  const [names, setNames] = React.useState<Record<string, string>>({});
  const [error, setError] = React.useState<string | null>(null);
  const [status, setStatus] = React.useState<string | null>(null);

  const load = React.useCallback(
    (signal?: AbortSignal) =>
      api<{ parkedNotifications: ParkedNotification[] }>(PARKED, {}, signal)
        .then((d) => setRows(d.parkedNotifications))
        .catch((err: Error) => {
          if (!signal?.aborted) setError(err.message);
        }),
    [api],
  );
  React.useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    api<{ departments: Array<{ code: string; name: string }> }>(DEPARTMENTS, {}, controller.signal)
      .then((d) => setNames(Object.fromEntries(d.departments.map((x) => [x.code, x.name]))))
      .catch(() => {
        // The codes are shown instead of the names.
      });
    return () => controller.abort();
  }, [api, load]);

  const recipientLabel = (r: string) => {
    if (r.startsWith('department:')) return names[r.slice('department:'.length)] ?? r.slice('department:'.length);
    return t(`messages.recipient.${r}`);
  };
  const requeue = (p: ParkedNotification) => {
    setError(null);
    api(REQUEUE, { id: p.id })
      .then(() => {
        setStatus(t('messages.requeued', { petition: p.petitionId, recipient: recipientLabel(p.recipient) }));
        return load();
      })
      .catch((err: Error) => setError(err.message));
  };

  return (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-label={t('messages.parked')}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="delta" tag="h2">
          {t('messages.parked')}
        </Typography>
        <Typography variant="pi" textColor="neutral600">
          {t('messages.parkedHint')}
        </Typography>
        {status ? (
          <Typography role="status" textColor="success600">
            {status}
          </Typography>
        ) : null}
        {error ? (
          <Typography textColor="danger600" role="alert">
            {t('petitions.loadError', { message: error })}
          </Typography>
        ) : null}
        {rows === null ? (
          <Typography textColor="neutral600">{t('petitions.loading')}</Typography>
        ) : rows.length === 0 ? (
          <Typography textColor="neutral600">{t('messages.parkedEmpty')}</Typography>
        ) : (
          <Table colCount={8} rowCount={rows.length + 1}>
            <Thead>
              <Tr>
                <Th>{t('messages.col.petition')}</Th>
                <Th>{t('messages.col.kind')}</Th>
                <Th>{t('messages.col.recipient')}</Th>
                <Th>{t('messages.col.channel')}</Th>
                <Th>{t('messages.col.attempts')}</Th>
                <Th>{t('messages.col.lastError')}</Th>
                <Th>{t('messages.col.parkedAt')}</Th>
                <Th>{t('messages.col.actions')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((p) => (
                <Tr key={p.id}>
                  <Td>
                    <Link tag={RouterLink} to={targetOf(p)}>
                      {p.kind === 'REVIEW_FLAGGED' ? t('screen.review.title') : p.petitionId}
                    </Link>
                  </Td>
                  <Td>
                    <Typography>{t(`messages.kind.${p.kind}`)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{recipientLabel(p.recipient)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{t(`messages.channel.${p.channel}`)}</Typography>
                  </Td>
                  <Td>
                    <Typography>{p.attempts}</Typography>
                  </Td>
                  <Td>
                    <Typography variant="pi">{p.lastError ?? '—'}</Typography>
                  </Td>
                  <Td>
                    <Typography>{p.parkedAt ? shanghaiMinute(p.parkedAt) : '—'}</Typography>
                  </Td>
                  <Td>
                    <Button type="button" variant="tertiary" size="S" onClick={() => requeue(p)}>
                      {t('messages.requeue')}
                    </Button>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Flex>
    </Box>
  );
}
