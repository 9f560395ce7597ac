// 待复核: a department's specialist (their own department) or the office (all) sees every
// 口径 and interpretation flagged because an item it cites, or that item's policy, changed in substance,
// with what changed; and the items whose validity or application window ends within the next N working
// days. Reviewing = edit the entry in the admin where needed, then confirm here: who and when is recorded.
import * as React from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { Box, Button, Field, Flex, Link, NumberInput, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useApi } from '../session/StaffSession';
import { useT } from '../utils/getTrad';
import { CONFIRM_PATH, REVIEW_QUEUE, editPath, type FlaggedEntry, type ReviewQueueData } from './queries';

const DEFAULT_WORKING_DAYS = 10;
/**
 * After 确认复核 the CMS has cleared the flag, but the queue is read from the search index, which search-sync
 * updates a moment later (the confirmation's outbox row). The confirmed row leaves the screen at once, and the
 * queue is read again every POLL_MS until the index agrees (at most POLL_TRIES times).
 */
const POLL_MS = 1500;
const POLL_TRIES = 40;

/** A confirmed entry stays hidden unless it was flagged again after the confirmation. */
function stillConfirmed(f: FlaggedEntry, confirmed: Record<string, string>): boolean {
  const at = confirmed[f.documentId];
  return at !== undefined && (f.review.flaggedAt === null || Date.parse(f.review.flaggedAt) <= Date.parse(at));
}

export function ReviewScreen() {
  const t = useT();
  const api = useApi();
  const { post } = useFetchClient();
  const [days, setDays] = React.useState(DEFAULT_WORKING_DAYS);
  const [queue, setQueue] = React.useState<ReviewQueueData | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [version, setVersion] = React.useState(0);
  const [status, setStatus] = React.useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = React.useState<string | null>(null);
  // documentId → reviewedAt of the entries confirmed on this screen (see POLL_MS).
  const [confirmed, setConfirmed] = React.useState<Record<string, string>>({});
  const polls = React.useRef(0);

  React.useEffect(() => {
    const controller = new AbortController();
    api<{ reviewQueue: ReviewQueueData }>(REVIEW_QUEUE, { n: days }, controller.signal)
      .then((d) => {
        setQueue(d.reviewQueue);
        setError(null);
      })
      .catch((err: Error) => {
        if (!controller.signal.aborted) setError(err.message);
      });
    return () => controller.abort();
  }, [api, days, version]);

  // Until the index has caught up with the confirmations, read the queue again.
  const waiting = queue !== null && queue.flagged.some((f) => stillConfirmed(f, confirmed));
  React.useEffect(() => {
    if (!waiting) {
      polls.current = 0;
      return;
    }
    if (polls.current >= POLL_TRIES) return;
    const timer = setTimeout(() => {
      polls.current += 1;
      setVersion((v) => v + 1);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [waiting, queue]);

  const confirm = async (entry: FlaggedEntry) => {
    setBusy(entry.documentId);
    try {
      const { data } = await post<{ reviewedAt?: string }>(CONFIRM_PATH, { type: entry.type.toLowerCase(), documentId: entry.documentId });
      const reviewedAt = data?.reviewedAt ?? new Date().toISOString();
      setConfirmed((c) => ({ ...c, [entry.documentId]: reviewedAt }));
      setStatus({ ok: true, text: t('review.confirmed', { title: entry.title }) });
      polls.current = 0;
      setVersion((v) => v + 1);
    } catch (err) {
      setStatus({ ok: false, text: t('review.confirmFailed', { message: (err as Error).message }) });
    } finally {
      setBusy(null);
    }
  };

  if (error && !queue) {
    return (
      <Box padding={8}>
        <Typography textColor="danger600" role="alert">
          {t('petitions.loadError', { message: error })}
        </Typography>
      </Box>
    );
  }
  if (!queue) return <Page.Loading />;
  const flaggedRows = queue.flagged.filter((f) => !stillConfirmed(f, confirmed));
  return (
    <Page.Main>
      <Page.Title>{t('screen.review.title')}</Page.Title>
      <Layouts.Header title={t('screen.review.title')} subtitle={t('review.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {status ? (
            <Box background={status.ok ? 'success100' : 'danger100'} padding={4} hasRadius role="status">
              <Typography textColor={status.ok ? 'success700' : 'danger700'}>{status.text}</Typography>
            </Box>
          ) : null}
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-label={t('review.flagged')}>
            <Typography variant="delta" tag="h2">
              {t('review.flagged')}（{flaggedRows.length}）
            </Typography>
            {flaggedRows.length === 0 ? (
              <Typography tag="p" textColor="neutral600">
                {t('review.flaggedEmpty')}
              </Typography>
            ) : (
              <Table colCount={5} rowCount={flaggedRows.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('review.col.entry')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('review.col.department')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('review.col.reason')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('review.col.cited')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('review.col.actions')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {flaggedRows.map((f) => (
                    <Tr key={f.documentId}>
                      <Td>
                        <Typography>{t(`review.type.${f.type}`)}：{f.title}</Typography>
                      </Td>
                      <Td><Typography>{f.department?.name ?? ''}</Typography></Td>
                      <Td>
                        {(f.review.reason ?? '').split('\n').map((line) => (
                          <Typography key={line} tag="p">{line}</Typography>
                        ))}
                      </Td>
                      <Td>
                        {f.citations.map((c) => (
                          <Typography key={c.documentId} tag="p" textColor={c.current === false ? 'warning700' : undefined}>
                            {t(c.current === false ? 'review.citedOutdated' : 'review.citedCurrent', { code: c.itemCode ?? '', title: c.title ?? t('review.itemGone') })}
                          </Typography>
                        ))}
                      </Td>
                      <Td>
                        <Flex gap={2}>
                          <Link tag={RouterLink} to={editPath(f.type, f.documentId)}>{t('review.edit')}</Link>
                          <Button size="S" loading={busy === f.documentId} disabled={busy !== null} onClick={() => void confirm(f)} aria-label={t('review.confirmLabel', { title: f.title })}>
                            {t('review.confirm')}
                          </Button>
                        </Flex>
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
          </Box>
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-label={t('review.expiring')}>
            <Flex justifyContent="space-between" alignItems="flex-end" gap={4}>
              <Typography variant="delta" tag="h2">
                {t('review.expiringTitle', { n: queue.withinWorkingDays, until: queue.until })}
              </Typography>
              <Field.Root name="withinWorkingDays" hint={t('review.daysHint')}>
                <Field.Label>{t('review.days')}</Field.Label>
                <NumberInput value={days} onValueChange={(v: number | undefined) => { if (v && v >= 1 && v <= 60) setDays(v); }} />
              </Field.Root>
            </Flex>
            {queue.expiring.length === 0 ? (
              <Typography tag="p" textColor="neutral600">
                {t('review.expiringEmpty')}
              </Typography>
            ) : (
              <Table colCount={4} rowCount={queue.expiring.length + 1}>
                <Thead>
                  <Tr>
                    <Th><Typography variant="sigma">{t('review.col.item')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('review.col.department')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('review.col.ends')}</Typography></Th>
                    <Th><Typography variant="sigma">{t('review.col.left')}</Typography></Th>
                  </Tr>
                </Thead>
                <Tbody>
                  {queue.expiring.map((e) => (
                    <Tr key={`${e.documentId}-${e.kind}`}>
                      <Td><Typography>{e.itemCode ?? ''} {e.title}</Typography></Td>
                      <Td><Typography>{e.department?.name ?? ''}</Typography></Td>
                      <Td><Typography>{t(`review.kind.${e.kind}`, { date: e.date })}</Typography></Td>
                      <Td><Typography>{t('review.left', { n: e.workingDaysLeft })}</Typography></Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
          </Box>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
