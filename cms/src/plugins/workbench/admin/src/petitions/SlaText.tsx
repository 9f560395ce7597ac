// The SLA countdown in working days (第十条), stopped while materials are awaited (第八条).
import { Typography } from '@strapi/design-system';
import { useT } from '../utils/getTrad';
import type { PetitionRow } from './queries';

export function SlaText({ petition }: { petition: Pick<PetitionRow, 'status' | 'remainingWorkingDays' | 'overdue' | 'paused'> }) {
  const t = useT();
  if (petition.paused) return <Typography textColor="warning600">{t('sla.paused')}</Typography>;
  if (!['IN_HANDLING', 'ESCALATED'].includes(petition.status) || petition.remainingWorkingDays === null) return <Typography textColor="neutral600">{t('sla.none')}</Typography>;
  const n = petition.remainingWorkingDays;
  if (petition.overdue || n < 0) return <Typography textColor="danger600">{t('sla.overdue', { days: Math.abs(n) })}</Typography>;
  if (n === 0) return <Typography textColor="warning600">{t('sla.today')}</Typography>;
  return <Typography textColor="success600">{t('sla.remaining', { days: n })}</Typography>;
}
