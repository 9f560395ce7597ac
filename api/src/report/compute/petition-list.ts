// The petitions received in the month, one row each (the CSV and the XLSX "诉求清单" sheet). No contact
// data: the report goes to the leading group, who need the matter, not the phone number.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { categoryLabel, channelLabel, departmentLabel, satisfactionLabel, statusLabel, subjectTypeLabel, topicLabel } from '../labels.ts';
import type { ReportMonth } from '../month.ts';
import { receivedCategoryKey } from './month-figures.ts';

export interface PetitionListRow {
  id: string;
  receivedAt: string;
  channel: string;
  subjectType: string;
  submitter: string;
  topic: string;
  category: string;
  title: string;
  status: string;
  leadDepartment: string;
  dueDate: string | null;
  answeredAt: string | null;
  onTime: boolean | null;
  urges: number;
  satisfaction: string | null;
  defaultRating: boolean | null;
}

export async function petitionList(db: Kysely<Database>, month: ReportMonth): Promise<PetitionListRow[]> {
  const rows = await db
    .selectFrom('petitions as p')
    .innerJoin('petition_states as s', 's.petition_id', 'p.id')
    .leftJoin('petition_assignments as a', (j) => j.onRef('a.petition_id', '=', 'p.id').on('a.role', '=', 'lead'))
    .select([
      'p.id', 'p.received_at', 'p.channel', 'p.submitter_kind', 'p.submitter_name', 'p.topic', 'p.title',
      's.status', 's.category', 's.due_on', 's.answered_at', 's.answer_on_time', 's.satisfaction', 's.rating_default', 'a.department',
    ])
    .where('p.received_on', '>=', month.firstDay)
    .where('p.received_on', '<', month.nextFirstDay)
    .orderBy('p.received_at')
    .orderBy('p.id')
    .execute();
  const urges = new Map<string, number>();
  if (rows.length > 0) {
    for (let i = 0; i < rows.length; i += 500) {
      const counts = await db
        .selectFrom('petition_events')
        .select(['petition_id', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('type', '=', 'urged')
        .where('petition_id', 'in', rows.slice(i, i + 500).map((r) => r.id))
        .groupBy('petition_id')
        .execute();
      for (const c of counts) urges.set(c.petition_id, Number(c.n));
    }
  }
  return rows.map((r) => ({
    id: r.id,
    receivedAt: r.received_at,
    channel: channelLabel(r.channel),
    subjectType: subjectTypeLabel(r.submitter_kind),
    submitter: r.submitter_name,
    topic: topicLabel(r.topic),
    category: categoryLabel(receivedCategoryKey(r.status, r.category)),
    title: r.title,
    status: statusLabel(r.status),
    leadDepartment: r.department ? departmentLabel(r.department) : r.category ? departmentLabel('office') : '',
    dueDate: r.due_on,
    answeredAt: r.answered_at,
    onTime: r.answer_on_time === null ? null : r.answer_on_time === 1,
    urges: urges.get(r.id) ?? 0,
    satisfaction: r.satisfaction ? satisfactionLabel(r.satisfaction) : null,
    defaultRating: r.rating_default === null ? null : r.rating_default === 1,
  }));
}
