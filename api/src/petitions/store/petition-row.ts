// Projection rows <-> PetitionState. The projection (petitions + petition_assignments) is the
// current state for fast reads and the sweeper's set-based SQL; the timeline stays the record.
import type { PetitionCategory, PetitionChannel, RefusalReason, Satisfaction, SubmitterKind, Topic } from '@zone/schemas';
import type { Insertable, Selectable } from 'kysely';
import type { PetitionAssignmentsTable, PetitionEventsTable, PetitionStatesTable, PetitionsTable } from '../../db/schema.ts';
import { UnreachableCaseError } from '../../errors/index.ts';
import type { Assignment, Handling, PetitionBase, PetitionState } from '../state/petition-state.ts';
import { escalatedAtOf, handlingOf } from '../state/petition-state.ts';
import type { PetitionEvent } from '../timeline/events.ts';

/** A petition's intake record joined with its current state. */
export type PetitionRow = Selectable<PetitionsTable> & Selectable<PetitionStatesTable>;
type Row = PetitionRow;
type AssignmentRow = Selectable<PetitionAssignmentsTable>;

function req<T>(value: T | null, column: string, id: string): T {
  if (value === null) throw new Error(`petition ${id}: column ${column} is null for its status`);
  return value;
}

/** Urges per department, counted from the timeline's `urged` events. */
export type UrgeCounts = ReadonlyMap<string, number>;

function handlingFromRow(row: Row, assignments: AssignmentRow[], urges: UrgeCounts): Handling {
  return {
    category: req(row.category, 'category', row.id) as PetitionCategory,
    slaWorkingDays: req(row.sla_working_days, 'sla_working_days', row.id),
    acceptedAt: req(row.accepted_at, 'accepted_at', row.id),
    dueOn: req(row.due_on, 'due_on', row.id),
    dueAt: req(row.due_at, 'due_at', row.id),
    assignments: assignments
      .slice()
      .sort((a, b) => a.position - b.position)
      .map(
        (a): Assignment => ({
          department: a.department,
          role: a.role === 'lead' ? 'lead' : 'co',
          position: a.position,
          assignedAt: a.assigned_at,
          answer: a.answer_text,
          answeredAt: a.answered_at,
          urgeCount: urges.get(a.department) ?? 0,
        }),
      ),
    expertOpinions: JSON.parse(row.expert_opinions) as Handling['expertOpinions'],
  };
}

export function stateFromRow(row: Row, assignments: AssignmentRow[], urges: UrgeCounts = new Map()): PetitionState {
  const base: PetitionBase = {
    id: row.id,
    channel: row.channel as PetitionChannel,
    topic: row.topic as Topic,
    submitter: { kind: row.submitter_kind as SubmitterKind, name: row.submitter_name, uscc: row.submitter_uscc },
    ownerSubject: row.owner_subject,
    contact: { name: row.contact_name, phone: row.contact_phone, email: row.contact_email },
    title: row.title,
    content: row.content,
    attachments: JSON.parse(row.attachments) as PetitionBase['attachments'],
    receivedAt: row.received_at,
    receivedOn: row.received_on,
    recordedBy: { role: row.recorded_by_role, id: row.recorded_by_id },
    idempotency: { scope: row.idempotency_scope, key: row.idempotency_key, hash: row.request_hash },
    pausedWorkingDays: row.paused_working_days,
  };
  const status = row.status as PetitionState['status'];
  const answer = () => ({
    text: req(row.answer_text, 'answer_text', row.id),
    policyIds: JSON.parse(req(row.answer_policy_ids, 'answer_policy_ids', row.id)) as string[],
    answeredAt: req(row.answered_at, 'answered_at', row.id),
    onTime: req(row.answer_on_time, 'answer_on_time', row.id) === 1,
  });
  switch (status) {
    case 'received':
      return { ...base, status };
    case 'awaiting_materials':
      return {
        ...base,
        status,
        pausedAt: req(row.paused_at, 'paused_at', row.id),
        pausedOn: req(row.paused_on, 'paused_on', row.id),
        handling: row.category === null ? null : handlingFromRow(row, assignments, urges),
      };
    case 'refused':
      return {
        ...base,
        status,
        refusal: {
          reason: req(row.refusal_reason, 'refusal_reason', row.id) as RefusalReason,
          explanation: req(row.refusal_explanation, 'refusal_explanation', row.id),
          refusedAt: req(row.closed_at, 'closed_at', row.id),
        },
      };
    case 'market_matter':
      return {
        ...base,
        status,
        market: { referral: row.market_referral, explanation: row.market_explanation, closedAt: req(row.closed_at, 'closed_at', row.id) },
      };
    case 'in_handling':
      return { ...base, status, handling: handlingFromRow(row, assignments, urges) };
    case 'escalated':
      return { ...base, status, handling: handlingFromRow(row, assignments, urges), escalatedAt: req(row.escalated_at, 'escalated_at', row.id) };
    case 'answered':
      return {
        ...base,
        status,
        handling: handlingFromRow(row, assignments, urges),
        escalatedAt: row.escalated_at,
        answer: answer(),
        ratingDueOn: req(row.rating_due_on, 'rating_due_on', row.id),
      };
    case 'rated':
      return {
        ...base,
        status,
        handling: handlingFromRow(row, assignments, urges),
        escalatedAt: row.escalated_at,
        answer: answer(),
        ratingDueOn: req(row.rating_due_on, 'rating_due_on', row.id),
        rating: {
          satisfaction: req(row.satisfaction, 'satisfaction', row.id) as Satisfaction,
          serviceQuality: row.stars_quality,
          attitude: row.stars_attitude,
          efficiency: row.stars_efficiency,
          comment: row.rating_comment,
          isDefault: row.rating_default === 1,
          answerOnTime: req(row.answer_on_time, 'answer_on_time', row.id) === 1,
          ratedAt: req(row.rated_at, 'rated_at', row.id),
        },
      };
    default:
      throw new UnreachableCaseError(status);
  }
}

/** The intake record of a state (immutable after submission). */
export function intakeRowFromState(s: PetitionState): Insertable<PetitionsTable> {
  return {
    id: s.id,
    channel: s.channel,
    topic: s.topic,
    submitter_kind: s.submitter.kind,
    submitter_name: s.submitter.name,
    submitter_uscc: s.submitter.uscc,
    owner_subject: s.ownerSubject,
    contact_name: s.contact.name,
    contact_phone: s.contact.phone,
    contact_email: s.contact.email,
    title: s.title,
    content: s.content,
    attachments: JSON.stringify(s.attachments),
    received_at: s.receivedAt,
    received_on: s.receivedOn,
    recorded_by_role: s.recordedBy.role,
    recorded_by_id: s.recordedBy.id,
    idempotency_scope: s.idempotency.scope,
    idempotency_key: s.idempotency.key,
    request_hash: s.idempotency.hash,
  };
}

/** Every current-state column (absent parts become NULL). */
export function stateRowFromState(s: PetitionState, updatedAt: string): Insertable<PetitionStatesTable> {
  const h = handlingOf(s);
  const row: Insertable<PetitionStatesTable> = {
    petition_id: s.id,
    status: s.status,
    category: h?.category ?? null,
    sla_working_days: h?.slaWorkingDays ?? null,
    paused_working_days: s.pausedWorkingDays,
    paused_at: s.status === 'awaiting_materials' ? s.pausedAt : null,
    paused_on: s.status === 'awaiting_materials' ? s.pausedOn : null,
    accepted_at: h?.acceptedAt ?? null,
    due_on: h?.dueOn ?? null,
    due_at: h?.dueAt ?? null,
    escalated_at: escalatedAtOf(s),
    closed_at: s.status === 'refused' ? s.refusal.refusedAt : s.status === 'market_matter' ? s.market.closedAt : null,
    refusal_reason: s.status === 'refused' ? s.refusal.reason : null,
    refusal_explanation: s.status === 'refused' ? s.refusal.explanation : null,
    market_referral: s.status === 'market_matter' ? s.market.referral : null,
    market_explanation: s.status === 'market_matter' ? s.market.explanation : null,
    expert_opinions: JSON.stringify(h?.expertOpinions ?? []),
    answer_text: null,
    answer_policy_ids: null,
    answered_at: null,
    answer_on_time: null,
    rating_due_on: null,
    satisfaction: null,
    stars_quality: null,
    stars_attitude: null,
    stars_efficiency: null,
    rating_comment: null,
    rating_default: null,
    rated_at: null,
    updated_at: updatedAt,
  };
  if (s.status === 'answered' || s.status === 'rated') {
    row.answer_text = s.answer.text;
    row.answer_policy_ids = JSON.stringify(s.answer.policyIds);
    row.answered_at = s.answer.answeredAt;
    row.answer_on_time = s.answer.onTime ? 1 : 0;
    row.rating_due_on = s.ratingDueOn;
  }
  if (s.status === 'rated') {
    row.satisfaction = s.rating.satisfaction;
    row.stars_quality = s.rating.serviceQuality;
    row.stars_attitude = s.rating.attitude;
    row.stars_efficiency = s.rating.efficiency;
    row.rating_comment = s.rating.comment;
    row.rating_default = s.rating.isDefault ? 1 : 0;
    row.rated_at = s.rating.ratedAt;
  }
  return row;
}

export function assignmentRowsFromState(s: PetitionState): Insertable<PetitionAssignmentsTable>[] {
  return (handlingOf(s)?.assignments ?? []).map((a) => ({
    petition_id: s.id,
    department: a.department,
    role: a.role,
    position: a.position,
    assigned_at: a.assignedAt,
    answer_text: a.answer,
    answered_at: a.answeredAt,
  }));
}

export function eventRow(e: PetitionEvent): Insertable<PetitionEventsTable> {
  return {
    petition_id: e.petitionId,
    type: e.type,
    actor_role: e.actor.role,
    actor_id: e.actor.id,
    department: e.department,
    occurred_at: e.at,
    due_on: e.dueOn,
    dedupe_key: e.dedupeKey,
    payload: JSON.stringify(e.payload),
  };
}

export function eventFromRow(r: Selectable<PetitionEventsTable>): PetitionEvent & { id: number } {
  return {
    id: Number(r.id),
    type: r.type,
    petitionId: r.petition_id,
    at: r.occurred_at,
    actor: { role: r.actor_role, id: r.actor_id },
    department: r.department,
    dueOn: r.due_on,
    dedupeKey: r.dedupe_key,
    payload: JSON.parse(r.payload),
  } as PetitionEvent & { id: number };
}
