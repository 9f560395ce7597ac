// The timeline (第十二条: 办理过程资料应及时保存): every transition, urge, note, assignment, answer and
// rating is one append-only event with its actor, role, time and payload.
import type { PetitionCategory, PetitionChannel, RefusalReason, Satisfaction, Topic } from '@zone/schemas';
import type { ActorRef, Attachment, Contact, Submitter } from '../state/petition-state.ts';

export interface EventPayloads {
  submitted: {
    channel: PetitionChannel;
    topic: Topic;
    submitter: Submitter;
    ownerSubject: string | null;
    contact: Contact;
    title: string;
    content: string;
    attachments: Attachment[];
    receivedAt: string;
    receivedOn: string;
    idempotency: { scope: string; key: string; hash: string };
  };
  materials_requested: { note: string; pausedOn: string };
  materials_supplied: {
    note: string;
    attachments: Attachment[];
    addedWorkingDays: number;
    pausedWorkingDays: number;
    /** The moved deadline when the petition had already been accepted. */
    dueOn: string | null;
    dueAt: string | null;
  };
  refused: { reason: RefusalReason; explanation: string };
  closed_as_market_matter: { referral: string | null; explanation: string | null };
  accepted: { category: PetitionCategory; slaWorkingDays: number; dueOn: string; dueAt: string };
  reclassified: { from: PetitionCategory; category: PetitionCategory; slaWorkingDays: number; dueOn: string; dueAt: string; reason: string };
  assigned: { departments: { department: string; role: 'lead' | 'co' }[] };
  expert_opinion_recorded: { expert: string; opinion: string };
  department_answered: { answer: string };
  urged: { urgeNumber: number };
  escalated: { urgesUnanswered: number };
  answered: {
    text: string;
    policyIds: string[];
    /** The published revision of each cited item when the answer was sent (absent on older events). */
    citations?: { id: string; version: string | null }[];
    onTime: boolean;
    ratingDueOn: string;
    /** 第十条: the office answered before a precondition was met, and said why (absent on older events). */
    override?: { reason: string; waived: string[]; departments: string[] } | null;
  };
  rated: {
    satisfaction: Satisfaction;
    serviceQuality: number | null;
    attitude: number | null;
    efficiency: number | null;
    comment: string | null;
    isDefault: boolean;
    onTime: boolean;
  };
  note_added: { note: string };
}

export type PetitionEventType = keyof EventPayloads;

export type PetitionEvent = {
  [T in PetitionEventType]: {
    type: T;
    petitionId: string;
    /** When the event was recorded. */
    at: string;
    actor: ActorRef;
    department: string | null;
    /** For urges, escalations and default ratings: the working day on which it fell due. */
    dueOn: string | null;
    dedupeKey: string | null;
    payload: EventPayloads[T];
  };
}[PetitionEventType];

/** Builds a new event (the id is assigned by the database). */
export function newEvent<T extends PetitionEventType>(
  type: T,
  fields: { petitionId: string; at: string; actor: ActorRef; department?: string | null; dueOn?: string | null; dedupeKey?: string | null },
  payload: EventPayloads[T],
): Extract<PetitionEvent, { type: T }> {
  return {
    type,
    petitionId: fields.petitionId,
    at: fields.at,
    actor: fields.actor,
    department: fields.department ?? null,
    dueOn: fields.dueOn ?? null,
    dedupeKey: fields.dedupeKey ?? null,
    payload,
  } as Extract<PetitionEvent, { type: T }>;
}

// Dedupe keys: the database's unique (petition_id, dedupe_key) makes these happen at most once.
// 第十一条: each department is urged at most three times per petition (urge 1..3), and a petition is
// escalated once; 第十三条: it is rated once. The parts are named here so that the sweeper's SQL
// (timeline/event-sql.ts) builds exactly the keys the commands build.
export const DEDUPE_PARTS = { urgePrefix: 'urge', separator: ':' } as const;

export const DEDUPE = {
  urge: (department: string, urgeNumber: number) => [DEDUPE_PARTS.urgePrefix, department, urgeNumber].join(DEDUPE_PARTS.separator),
  escalation: 'escalation',
  rating: 'rating',
} as const;
