// Folds events into the current state. Commands use it to compute the new state they write to the
// projection; rebuildFromEvents proves the projection can be recomputed from the timeline alone.
import { UnreachableCaseError } from '../../errors/index.ts';
import type { Handling, PetitionState } from '../state/petition-state.ts';
import type { PetitionEvent } from './events.ts';

export class TimelineCorruptError extends Error {
  override name = 'TimelineCorruptError';
}

function requireHandling(state: PetitionState, event: PetitionEvent): { state: PetitionState; handling: Handling } {
  switch (state.status) {
    case 'in_handling':
    case 'escalated':
    case 'answered':
    case 'rated':
      return { state, handling: state.handling };
    case 'awaiting_materials':
      if (state.handling) return { state, handling: state.handling };
      break;
    case 'received':
    case 'refused':
    case 'market_matter':
      break;
    default:
      throw new UnreachableCaseError(state);
  }
  throw new TimelineCorruptError(`${event.type} on a petition in status ${state.status}`);
}

function withHandling(state: PetitionState, handling: Handling): PetitionState {
  if (state.status === 'received' || state.status === 'refused' || state.status === 'market_matter') return state;
  return { ...state, handling } as PetitionState;
}

export function applyEvent(state: PetitionState | null, event: PetitionEvent): PetitionState {
  if (event.type === 'submitted') {
    if (state) throw new TimelineCorruptError('submitted twice');
    const p = event.payload;
    return {
      status: 'received',
      id: event.petitionId,
      channel: p.channel,
      topic: p.topic,
      submitter: p.submitter,
      ownerSubject: p.ownerSubject,
      contact: p.contact,
      title: p.title,
      content: p.content,
      attachments: p.attachments,
      receivedAt: p.receivedAt,
      receivedOn: p.receivedOn,
      recordedBy: event.actor,
      idempotency: p.idempotency,
      pausedWorkingDays: 0,
    };
  }
  if (!state) throw new TimelineCorruptError(`${event.type} before submitted`);
  const baseOf = () => {
    const { id, channel, topic, submitter, ownerSubject, contact, title, content, attachments, receivedAt, receivedOn, recordedBy, idempotency, pausedWorkingDays } = state;
    return { id, channel, topic, submitter, ownerSubject, contact, title, content, attachments, receivedAt, receivedOn, recordedBy, idempotency, pausedWorkingDays };
  };

  switch (event.type) {
    case 'materials_requested':
      return {
        ...baseOf(),
        status: 'awaiting_materials',
        pausedAt: event.at,
        pausedOn: event.payload.pausedOn,
        handling: state.status === 'in_handling' ? state.handling : null,
      };
    case 'materials_supplied': {
      if (state.status !== 'awaiting_materials') throw new TimelineCorruptError('materials supplied while not paused');
      const b = { ...baseOf(), pausedWorkingDays: event.payload.pausedWorkingDays };
      if (state.handling && event.payload.dueOn && event.payload.dueAt) {
        return { ...b, status: 'in_handling', handling: { ...state.handling, dueOn: event.payload.dueOn, dueAt: event.payload.dueAt } };
      }
      return { ...b, status: 'received' };
    }
    case 'refused':
      return { ...baseOf(), status: 'refused', refusal: { reason: event.payload.reason, explanation: event.payload.explanation, refusedAt: event.at } };
    case 'closed_as_market_matter':
      return { ...baseOf(), status: 'market_matter', market: { referral: event.payload.referral, explanation: event.payload.explanation, closedAt: event.at } };
    case 'accepted':
      return {
        ...baseOf(),
        status: 'in_handling',
        handling: {
          category: event.payload.category,
          slaWorkingDays: event.payload.slaWorkingDays,
          acceptedAt: event.at,
          dueOn: event.payload.dueOn,
          dueAt: event.payload.dueAt,
          assignments: [],
          expertOpinions: [],
        },
      };
    case 'reclassified': {
      const { handling } = requireHandling(state, event);
      return withHandling(state, {
        ...handling,
        category: event.payload.category,
        slaWorkingDays: event.payload.slaWorkingDays,
        dueOn: event.payload.dueOn,
        dueAt: event.payload.dueAt,
      });
    }
    case 'assigned': {
      const { handling } = requireHandling(state, event);
      const assignments = [...handling.assignments];
      for (const d of event.payload.departments) {
        if (assignments.some((a) => a.department === d.department)) continue;
        assignments.push({ department: d.department, role: d.role, position: assignments.length, assignedAt: event.at, answer: null, answeredAt: null, urgeCount: 0 });
      }
      return withHandling(state, { ...handling, assignments });
    }
    case 'expert_opinion_recorded': {
      const { handling } = requireHandling(state, event);
      return withHandling(state, {
        ...handling,
        expertOpinions: [...handling.expertOpinions, { expert: event.payload.expert, opinion: event.payload.opinion, recordedAt: event.at }],
      });
    }
    case 'department_answered': {
      const { handling } = requireHandling(state, event);
      return withHandling(state, {
        ...handling,
        assignments: handling.assignments.map((a) =>
          a.department === event.department ? { ...a, answer: event.payload.answer, answeredAt: event.at } : a,
        ),
      });
    }
    case 'urged': {
      const { handling } = requireHandling(state, event);
      return withHandling(state, {
        ...handling,
        assignments: handling.assignments.map((a) =>
          a.department === event.department ? { ...a, urgeCount: Math.max(a.urgeCount, event.payload.urgeNumber) } : a,
        ),
      });
    }
    case 'escalated': {
      if (state.status !== 'in_handling') throw new TimelineCorruptError(`escalated in status ${state.status}`);
      return { ...baseOf(), status: 'escalated', handling: state.handling, escalatedAt: event.at };
    }
    case 'answered': {
      if (state.status !== 'in_handling' && state.status !== 'escalated') throw new TimelineCorruptError(`answered in status ${state.status}`);
      return {
        ...baseOf(),
        status: 'answered',
        handling: state.handling,
        escalatedAt: state.status === 'escalated' ? state.escalatedAt : null,
        answer: { text: event.payload.text, policyIds: event.payload.policyIds, answeredAt: event.at, onTime: event.payload.onTime },
        ratingDueOn: event.payload.ratingDueOn,
      };
    }
    case 'rated': {
      if (state.status !== 'answered') throw new TimelineCorruptError(`rated in status ${state.status}`);
      const r = event.payload;
      return {
        ...state,
        status: 'rated',
        rating: {
          satisfaction: r.satisfaction,
          serviceQuality: r.serviceQuality,
          attitude: r.attitude,
          efficiency: r.efficiency,
          comment: r.comment,
          isDefault: r.isDefault,
          answerOnTime: r.onTime,
          ratedAt: event.at,
        },
      };
    }
    case 'note_added':
      return state;
    default:
      throw new UnreachableCaseError(event);
  }
}

/** The current state from the timeline alone (第十二条). */
export function rebuildFromEvents(events: readonly PetitionEvent[]): PetitionState {
  let state: PetitionState | null = null;
  for (const e of events) state = applyEvent(state, e);
  if (!state) throw new TimelineCorruptError('no events');
  return state;
}
