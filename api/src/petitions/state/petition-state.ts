// A petition's current state: a discriminated union on `status` (STYLE.md "State as a discriminated
// union"). No boolean flags: "escalated" is a status, a pause is a status, a default rating is data.
import type {
  PetitionCategory,
  PetitionChannel,
  RefusalReason,
  Satisfaction,
  SubmitterKind,
  Topic,
} from '@zone/schemas';

export type PetitionStatus = PetitionState['status'];
export const PETITION_STATUSES = [
  'received',
  'awaiting_materials',
  'refused',
  'market_matter',
  'in_handling',
  'escalated',
  'answered',
  'rated',
] as const satisfies readonly PetitionStatus[];

/** Statuses whose SLA clock runs and which the sweeper urges (第十一条). */
export const OPEN_HANDLING_STATUSES = ['in_handling', 'escalated'] as const;

export interface Attachment {
  name: string;
  ref: string;
}

export interface Submitter {
  kind: SubmitterKind;
  name: string;
  /** 统一社会信用代码, set for enterprises. */
  uscc: string | null;
}

export interface Contact {
  name: string;
  phone: string | null;
  email: string | null;
}

export interface ActorRef {
  role: string;
  id: string;
}

export interface Assignment {
  department: string;
  role: 'lead' | 'co';
  position: number;
  assignedAt: string;
  answer: string | null;
  answeredAt: string | null;
  urgeCount: number;
}

export interface ExpertOpinion {
  expert: string;
  opinion: string;
  recordedAt: string;
}

/** Set when the office accepts and classifies the petition (第七、十条). */
export interface Handling {
  category: PetitionCategory;
  slaWorkingDays: number;
  acceptedAt: string;
  /** The Nth working day after the receipt date, moved by paused working days (第八条). */
  dueOn: string;
  /** End of dueOn in Asia/Shanghai, as an ISO instant. */
  dueAt: string;
  assignments: Assignment[];
  expertOpinions: ExpertOpinion[];
}

export interface FinalAnswer {
  text: string;
  policyIds: string[];
  answeredAt: string;
  onTime: boolean;
}

export interface Rating {
  satisfaction: Satisfaction;
  serviceQuality: number | null;
  attitude: number | null;
  efficiency: number | null;
  comment: string | null;
  /** 第十三条: recorded by the sweeper after the rating window closed. */
  isDefault: boolean;
  /** Whether the answer came on time, stored beside the rating. */
  answerOnTime: boolean;
  ratedAt: string;
}

export interface PetitionBase {
  id: string;
  channel: PetitionChannel;
  topic: Topic;
  submitter: Submitter;
  /** JWT subject of the self-submitting user; null when staff recorded it. */
  ownerSubject: string | null;
  contact: Contact;
  title: string;
  content: string;
  attachments: Attachment[];
  receivedAt: string;
  receivedOn: string;
  recordedBy: ActorRef;
  idempotency: { scope: string; key: string; hash: string };
  /** 第八条: working days the clock stood still while materials were awaited. */
  pausedWorkingDays: number;
}

export type PetitionState =
  | (PetitionBase & { status: 'received' })
  | (PetitionBase & { status: 'awaiting_materials'; pausedAt: string; pausedOn: string; handling: Handling | null })
  | (PetitionBase & { status: 'refused'; refusal: { reason: RefusalReason; explanation: string; refusedAt: string } })
  | (PetitionBase & {
      status: 'market_matter';
      market: { referral: string | null; explanation: string | null; closedAt: string };
    })
  | (PetitionBase & { status: 'in_handling'; handling: Handling })
  | (PetitionBase & { status: 'escalated'; handling: Handling; escalatedAt: string })
  | (PetitionBase & {
      status: 'answered';
      handling: Handling;
      escalatedAt: string | null;
      answer: FinalAnswer;
      /** Last working day of the rating window (第十三条). */
      ratingDueOn: string;
    })
  | (PetitionBase & {
      status: 'rated';
      handling: Handling;
      escalatedAt: string | null;
      answer: FinalAnswer;
      ratingDueOn: string;
      rating: Rating;
    });

export type PetitionOf<S extends PetitionStatus> = Extract<PetitionState, { status: S }>;

/** The handling data if the petition was accepted, whatever its status now. */
export function handlingOf(p: PetitionState): Handling | null {
  switch (p.status) {
    case 'received':
    case 'refused':
    case 'market_matter':
      return null;
    case 'awaiting_materials':
      return p.handling;
    case 'in_handling':
    case 'escalated':
    case 'answered':
    case 'rated':
      return p.handling;
  }
}

export function escalatedAtOf(p: PetitionState): string | null {
  switch (p.status) {
    case 'escalated':
    case 'answered':
    case 'rated':
      return p.escalatedAt;
    case 'received':
    case 'awaiting_materials':
    case 'refused':
    case 'market_matter':
    case 'in_handling':
      return null;
  }
}

export function urgeCountOf(p: PetitionState): number {
  return handlingOf(p)?.assignments.reduce((n, a) => n + a.urgeCount, 0) ?? 0;
}

export type AssignmentRole = Assignment['role'];
