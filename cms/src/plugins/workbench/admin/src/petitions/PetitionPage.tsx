// A petition as the staff member works it: the matter, the SLA countdown in working days, the
// departments' answers, the timeline, and the actions the caller's role may take (第七–十条).
import * as React from 'react';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useApi, useStaffSession } from '../session/StaffSession';
import { useT } from '../utils/getTrad';
import { PetitionActions } from './PetitionActions';
import { GET_PETITION, shortDate, type PetitionDetail, type TimelineEvent } from './queries';
import { SlaText } from './SlaText';

export function PetitionPage() {
  const t = useT();
  const api = useApi();
  const session = useStaffSession();
  const { id = '' } = useParams();
  const [petition, setPetition] = React.useState<PetitionDetail | null>(null);
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    const controller = new AbortController();
    api<{ petition: PetitionDetail }>(GET_PETITION, { id }, controller.signal)
      .then((d) => setPetition(d.petition))
      .catch((err: Error) => {
        if (!controller.signal.aborted) setError(err.message);
      });
    return () => controller.abort();
  }, [api, id]);

  if (error) {
    return (
      <Box padding={8}>
        <Typography textColor="danger600" role="alert">
          {t('petitions.loadError', { message: error })}
        </Typography>
      </Box>
    );
  }
  if (!petition || session.status !== 'ready') return <Page.Loading />;
  const p = petition;
  return (
    <Page.Main>
      <Page.Title>{p.title}</Page.Title>
      <Layouts.Header
        navigationAction={
          <Link tag={RouterLink} to="../petitions">
            {t('petition.back')}
          </Link>
        }
        title={p.title}
        subtitle={`${p.id} · ${t(`status.${p.status}`)}${p.category ? ` · ${t(`category.${p.category}`)}` : ''}`}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-label={t('petition.sla')}>
            <Flex gap={4} wrap="wrap">
              <Typography fontWeight="bold">{t('petition.sla')}</Typography>
              <SlaText petition={p} />
              {p.dueDate ? <Typography>{t('sla.dueDate', { date: shortDate(p.dueDate) })}</Typography> : null}
              {p.pausedWorkingDays > 0 ? <Typography textColor="neutral600">{t('sla.pausedDays', { days: p.pausedWorkingDays })}</Typography> : null}
              {p.urgeCount ? <Typography textColor="danger600">{t('sla.urges', { count: p.urgeCount })}</Typography> : null}
            </Flex>
          </Box>
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-label={t('petition.matter')}>
            <Flex direction="column" alignItems="stretch" gap={2}>
              <Typography variant="delta" tag="h2">
                {t('petition.matter')}
              </Typography>
              <Typography>{t('petition.submitter', { name: p.submitter.name, channel: t(`channel.${p.channel}`), time: new Date(p.receivedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) })}</Typography>
              {p.contact ? <Typography textColor="neutral600">{t('petition.contact', { name: p.contact.name, phone: p.contact.phone ?? p.contact.email ?? '' })}</Typography> : null}
              <Typography style={{ whiteSpace: 'pre-wrap' }}>{p.content}</Typography>
            </Flex>
          </Box>
          {p.assignments && p.assignments.length > 0 ? (
            <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-label={t('petition.assignments')}>
              <Flex direction="column" alignItems="stretch" gap={2}>
                <Typography variant="delta" tag="h2">
                  {t('petition.assignments')}
                </Typography>
                {p.assignments.map((a) => (
                  <Typography key={a.department}>
                    {t(a.role === 'LEAD' ? 'petition.lead' : 'petition.co', { name: a.departmentName })}：{a.answer ?? t('petition.notAnswered')}
                    {a.urgeCount > 0 ? ` ${t('sla.urges', { count: a.urgeCount })}` : ''}
                  </Typography>
                ))}
              </Flex>
            </Box>
          ) : null}
          {p.answer ? (
            <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-label={t('petition.finalAnswer')}>
              <Typography variant="delta" tag="h2">
                {t('petition.finalAnswer')}
              </Typography>
              <Typography tag="p">{p.answer.text}</Typography>
              <Typography variant="pi" textColor="neutral600">
                {t(p.answer.onTime ? 'petition.onTime' : 'petition.late')}
              </Typography>
            </Box>
          ) : null}
          <PetitionActions petition={p} role={session.session.role} onChange={setPetition} />
          <Timeline events={p.timeline} departmentNames={new Map((p.assignments ?? []).map((a) => [a.department, a.departmentName]))} />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}

/** What an event says in a line: its note, answer, reason or opinion (payload fields of timeline/events.ts). */
function eventDetail(e: TimelineEvent, t: ReturnType<typeof useT>, names: Map<string, string>): string {
  let payload: Record<string, unknown> = {};
  try {
    payload = JSON.parse(e.payload) as Record<string, unknown>;
  } catch {
    return '';
  }
  const parts: string[] = [];
  if (typeof payload.category === 'string') parts.push(t(`category.${payload.category.toUpperCase()}`));
  if (typeof payload.dueOn === 'string') parts.push(t('sla.dueDate', { date: shortDate(payload.dueOn) }));
  if (Array.isArray(payload.departments)) parts.push((payload.departments as Array<{ department: string; role: string }>).map((d) => `${names.get(d.department) ?? d.department}（${d.role === 'lead' ? t('petition.leadShort') : t('petition.coShort')}）`).join('、'));
  if (e.type === 'refused' && typeof payload.reason === 'string') parts.push(t(`refusal.${payload.reason.toUpperCase()}`));
  else if (typeof payload.reason === 'string') parts.push(payload.reason);
  for (const key of ['note', 'answer', 'text', 'explanation', 'referral', 'opinion'] as const) {
    if (typeof payload[key] === 'string') parts.push(payload[key] as string);
  }
  if (typeof payload.expert === 'string') parts.unshift(payload.expert);
  return parts.join(' · ');
}

function Timeline({ events, departmentNames }: { events: TimelineEvent[]; departmentNames: Map<string, string> }) {
  const t = useT();
  return (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius tag="section" aria-label={t('petition.timeline')}>
      <Typography variant="delta" tag="h2">
        {t('petition.timeline')}
      </Typography>
      <Box tag="ol" paddingTop={2}>
        {events.map((e) => (
          <Box tag="li" key={e.id} paddingBottom={2}>
            <Typography fontWeight="bold">{t(`event.${e.type}`)}</Typography>{' '}
            <Typography variant="pi" textColor="neutral600">
              {new Date(e.recordedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })} · {t(`actor.${e.actorRole}`)}
              {e.department ? ` · ${departmentNames.get(e.department) ?? e.department}` : ''}
              {e.dueOn ? ` · ${t('event.dueOn', { date: shortDate(e.dueOn) })}` : ''}
            </Typography>
            <Typography tag="p">{eventDetail(e, t, departmentNames)}</Typography>
          </Box>
        ))}
      </Box>
    </Box>
  );
}
