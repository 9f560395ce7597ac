// Each role gets a view of the petition record made for it. The tables below say, for every field of
// the GraphQL Petition type and for every kind of timeline event, which audiences see it; a field
// outside the caller's view resolves to null. Both tables are typed over the full key sets (the
// generated Petition type, the event payloads), so a new field or event cannot go without an entry.
//
// The submitter (the enterprise or individual who petitioned) sees its petition, the deadline and the
// office's final answer — not the internal working record: departments' answers before the final
// answer, expert opinions, urges, escalation, internal notes, staff ids (第十二条 keeps them on the
// record for the office and the leading group). Nobody reads the idempotency fingerprint back.
import type { Actor } from '../../auth/actor.ts';
import type { Petition } from '../../graphql/generated/resolvers-types.ts';
import { UnreachableCaseError } from '../../errors/index.ts';
import { handlingOf, type Assignment, type PetitionState } from '../state/petition-state.ts';
import type { PetitionEvent, PetitionEventType } from '../timeline/events.ts';
import { canSee } from './petition-access.ts';

export const AUDIENCES = ['submitter', 'office', 'hotline', 'lead_department', 'co_department', 'leader'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Who is looking: the audience, and for a department its code (a co-department sees its own answer). */
export interface Viewer {
  audience: Audience;
  department: string | null;
}

/** The caller's audience for this petition, or null when the caller may not see it at all. */
export function viewerOf(actor: Actor | null, p: PetitionState): Viewer | null {
  if (!actor || !canSee(actor, p)) return null;
  switch (actor.role) {
    case 'enterprise':
    case 'individual':
      return { audience: 'submitter', department: null };
    case 'office':
    case 'hotline':
    case 'leader':
      return { audience: actor.role, department: null };
    case 'department': {
      const mine = handlingOf(p)?.assignments.find((a) => a.department === actor.department);
      return { audience: mine?.role === 'lead' ? 'lead_department' : 'co_department', department: actor.department };
    }
    default:
      throw new UnreachableCaseError(actor);
  }
}

const ALL = AUDIENCES;
const STAFF = ['office', 'hotline', 'lead_department', 'co_department', 'leader'] as const;
/** Those who work the matter itself (第十条 会商): not the hotline, which reads status for callers. */
const HANDLERS = ['office', 'lead_department', 'co_department', 'leader'] as const;

export type PetitionField = Exclude<keyof Petition, '__typename'>;

/** Every field of the GraphQL Petition type → the audiences that see it. */
export const PETITION_VIEW: Record<PetitionField, readonly Audience[]> = {
  id: ALL,
  status: ALL,
  channel: ALL,
  topic: ALL,
  submitter: ALL,
  // The leading group gets the matter, not the phone number (as in the monthly report).
  contact: ['submitter', 'office', 'hotline', 'lead_department', 'co_department'],
  title: ALL,
  content: ALL,
  attachments: ALL,
  receivedAt: ALL,
  recordedByRole: ALL,
  category: ALL,
  refusal: ALL,
  marketReferral: ALL,
  assignments: STAFF,
  expertOpinions: HANDLERS,
  answer: ALL,
  rating: ALL,
  dueAt: ALL,
  dueDate: ALL,
  // Derived from receivedAt and the calendar (咨询类's one working day): what the caller was told.
  hotlineReplyPromise: ALL,
  remainingWorkingDays: ALL,
  overdue: ALL,
  paused: ALL,
  pausedWorkingDays: ALL,
  urgeCount: STAFF,
  escalatedAt: STAFF,
  timeline: ALL,
};

export function seesField(viewer: Viewer, field: PetitionField): boolean {
  return PETITION_VIEW[field].includes(viewer.audience);
}

/** A department's answer before the final answer: the office, the lead, the leader; a co-department its own. */
export function seesDepartmentAnswer(viewer: Viewer, department: string | null): boolean {
  switch (viewer.audience) {
    case 'office':
    case 'lead_department':
    case 'leader':
      return true;
    case 'co_department':
      return department !== null && department === viewer.department;
    case 'submitter':
    case 'hotline':
      return false;
    default:
      throw new UnreachableCaseError(viewer.audience);
  }
}

export function assignmentView(viewer: Viewer, a: Assignment): Assignment {
  return seesDepartmentAnswer(viewer, a.department) ? a : { ...a, answer: null, answeredAt: null };
}

/** Every kind of timeline event → the audiences that see it. */
export const TIMELINE_VIEW: Record<PetitionEventType, readonly Audience[]> = {
  submitted: ALL,
  materials_requested: ALL,
  materials_supplied: ALL,
  refused: ALL,
  closed_as_market_matter: ALL,
  accepted: ALL,
  reclassified: ALL,
  assigned: STAFF,
  expert_opinion_recorded: HANDLERS,
  department_answered: HANDLERS, // and seesDepartmentAnswer for the co-department
  urged: STAFF,
  escalated: STAFF,
  answered: ALL,
  rated: ALL,
  note_added: STAFF,
};

export interface TimelineEventView<E extends PetitionEvent = PetitionEvent> {
  event: E;
  actorId: string | null;
  payload: Record<string, unknown>;
}

function omit(payload: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([k]) => !keys.includes(k)));
}

/** The event as the viewer may see it, or null when it is outside the viewer's view. */
export function timelineEventView<E extends PetitionEvent>(viewer: Viewer, e: E): TimelineEventView<E> | null {
  if (!TIMELINE_VIEW[e.type].includes(viewer.audience)) return null;
  if (e.type === 'department_answered' && !seesDepartmentAnswer(viewer, e.department)) return null;
  const submitter = viewer.audience === 'submitter';
  let payload: Record<string, unknown>;
  switch (e.type) {
    case 'submitted':
      // The idempotency fingerprint is the api's own; the leading group gets no contact data.
      payload = omit(e.payload, viewer.audience === 'leader' ? ['idempotency', 'ownerSubject', 'contact'] : ['idempotency', 'ownerSubject']);
      break;
    case 'reclassified':
      payload = submitter ? omit(e.payload, ['reason']) : { ...e.payload };
      break;
    case 'answered':
      payload = submitter ? omit(e.payload, ['override']) : { ...e.payload };
      break;
    default:
      payload = { ...e.payload };
  }
  return { event: e, actorId: submitter ? null : e.actor.id, payload };
}
