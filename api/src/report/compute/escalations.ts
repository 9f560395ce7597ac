// 第十一条 escalations for the leading group: each escalated petition with a summary of its timeline
// (第十二条: the record), one line per step, consecutive urges of a day folded into one.
import type { Kysely } from 'kysely';
import { shanghaiDate } from '../../clock/shanghai-time.ts';
import type { Database } from '../../db/schema.ts';
import { loadPetitions, loadTimeline } from '../../petitions/store/petition-store.ts';
import { handlingOf } from '../../petitions/state/petition-state.ts';
import type { PetitionEvent } from '../../petitions/timeline/events.ts';
import { categoryLabel, channelLabel, departmentLabel, satisfactionLabel, statusLabel } from '../labels.ts';

export interface TimelineStep {
  /** Shanghai date of the step (for urges and escalations: the working day it fell due). */
  on: string;
  label: string;
}

export interface EscalatedPetition {
  id: string;
  title: string;
  category: string | null;
  categoryLabel: string;
  leadDepartment: string | null;
  leadDepartmentLabel: string;
  receivedOn: string;
  dueDate: string | null;
  escalatedOn: string;
  urges: number;
  status: string;
  statusLabel: string;
  steps: TimelineStep[];
  /** The steps in one line: "10-08 收到（网站） → 10-09 受理：专业类 …". */
  summary: string;
}

const names = (codes: string[]) => codes.map(departmentLabel).join('、');

function stepLabel(e: PetitionEvent): string | null {
  switch (e.type) {
    case 'submitted':
      return `收到（${channelLabel(e.payload.channel)}）`;
    case 'materials_requested':
      return '要求补充材料';
    case 'materials_supplied':
      return e.payload.dueOn ? `材料补齐，到期日顺延至 ${e.payload.dueOn}` : '材料补齐';
    case 'refused':
      return '不予受理';
    case 'closed_as_market_matter':
      return '按市场类转办';
    case 'accepted':
      return `受理：${categoryLabel(e.payload.category)}，${e.payload.dueOn} 到期`;
    case 'reclassified':
      return `改为${categoryLabel(e.payload.category)}，${e.payload.dueOn} 到期`;
    case 'assigned': {
      const lead = e.payload.departments.filter((d) => d.role === 'lead').map((d) => d.department);
      const co = e.payload.departments.filter((d) => d.role === 'co').map((d) => d.department);
      return `分派${lead.length ? `：牵头 ${names(lead)}` : ''}${co.length ? `；协办 ${names(co)}` : ''}`;
    }
    case 'expert_opinion_recorded':
      return '记录专家意见';
    case 'department_answered':
      return `${departmentLabel(e.department ?? '')}答复`;
    case 'urged':
      return `催办 ${departmentLabel(e.department ?? '')}`;
    case 'escalated':
      return '三次催办未果，提交领导小组';
    case 'answered':
      return `企服办答复（${e.payload.onTime ? '按期' : '逾期'}）`;
    case 'rated':
      return `评价：${satisfactionLabel(e.payload.satisfaction)}${e.payload.isDefault ? '（默认）' : ''}`;
    case 'note_added':
      return null;
  }
}

/** Steps of a timeline; urges of one day become "催办 经信商务局、税务局". */
export function timelineSteps(events: readonly PetitionEvent[]): TimelineStep[] {
  const steps: TimelineStep[] = [];
  for (const e of events) {
    // The receipt is dated when the petition arrived (staff record hotline, email and window petitions
    // later); urges and escalations on the working day they fell due; the rest when recorded.
    const on =
      e.type === 'submitted'
        ? e.payload.receivedOn
        : e.type === 'urged' || e.type === 'escalated'
          ? (e.dueOn ?? shanghaiDate(new Date(e.at)))
          : shanghaiDate(new Date(e.at));
    const last = steps.at(-1);
    if (e.type === 'urged' && last && last.on === on && last.label.startsWith('催办 ')) {
      last.label += `、${departmentLabel(e.department ?? '')}`;
      continue;
    }
    const label = stepLabel(e);
    if (label !== null) steps.push({ on, label });
  }
  return steps;
}

export async function escalationSummaries(db: Kysely<Database>, ids: readonly string[]): Promise<EscalatedPetition[]> {
  const states = await loadPetitions(db, [...ids]);
  const out: EscalatedPetition[] = [];
  for (const id of ids) {
    const p = states.get(id);
    if (!p) continue;
    const events = await loadTimeline(db, id);
    const h = handlingOf(p);
    const lead = h?.assignments.find((a) => a.role === 'lead')?.department ?? null;
    const steps = timelineSteps(events);
    const escalation = events.find((e) => e.type === 'escalated');
    out.push({
      id,
      title: p.title,
      category: h?.category ?? null,
      categoryLabel: categoryLabel(h?.category ?? 'unclassified'),
      leadDepartment: lead,
      leadDepartmentLabel: lead ? departmentLabel(lead) : '—',
      receivedOn: p.receivedOn,
      dueDate: h?.dueOn ?? null,
      escalatedOn: escalation?.dueOn ?? shanghaiDate(new Date(escalation?.at ?? p.receivedAt)),
      urges: events.filter((e) => e.type === 'urged').length,
      status: p.status,
      statusLabel: statusLabel(p.status),
      steps,
      summary: steps.map((s) => `${s.on.slice(5)} ${s.label}`).join(' → '),
    });
  }
  return out;
}
