// GraphQL resolvers of the petition module (schemas/graphql/petitions.graphql).
import {
  findDepartment,
  PETITION_CATEGORY_KEYS,
  PETITION_CHANNEL_KEYS,
  REFUSAL_REASON_KEYS,
  REFUSAL_REASONS,
  SATISFACTION_KEYS,
  SUBMITTER_KIND_KEYS,
  TOPIC_KEYS,
} from '@zone/schemas';
import type { ApiContext } from '../../graphql/context.ts';
import type { PetitionResolvers, Resolvers } from '../../graphql/generated/resolvers-types.ts';
import { ForbiddenError } from '../../errors/index.ts';
import { assignmentView, PETITION_VIEW, seesField, timelineEventView, viewerOf, type PetitionField, type Viewer } from '../access/petition-view.ts';
import { enumResolver } from '../../graphql/enum-map.ts';
import { submitPetition } from '../intake/submit-petition.ts';
import { getPetition, loadTimeline } from '../queries/get-petition.ts';
import { countPetitions, encodeCursor, listPetitions } from '../queries/list-petitions.ts';
import { ratePetition } from '../rating/rate-petition.ts';
import { slaView } from '../sla/deadline.ts';
import { handlingOf, PETITION_STATUSES, type PetitionState } from '../state/petition-state.ts';
import {
  acceptPetition,
  closeAsMarketMatter,
  reclassifyPetition,
  refusePetition,
  requestMaterials,
  supplyMaterials,
} from '../triage/triage-commands.ts';
import {
  addPetitionNote,
  answerAsDepartment,
  assignDepartments,
  recordExpertOpinion,
  sendFinalAnswer,
} from '../handling/handling-commands.ts';
import { searchPolicyCatalog } from '../handling/policy-catalog.ts';
import { citationsOf } from '../citations/citations.ts';

const sla = async (p: PetitionState, ctx: ApiContext) => slaView(p, await ctx.calendar(), ctx.services.clock.now());

type FieldResolver = (p: PetitionState, viewer: Viewer, ctx: ApiContext) => unknown;

/** Fields computed from the state; the rest are read as they are (p[field]). */
const COMPUTED: Partial<Record<PetitionField, FieldResolver>> = {
  recordedByRole: (p) => p.recordedBy.role,
  category: (p) => handlingOf(p)?.category ?? null,
  refusal: (p) => (p.status === 'refused' ? { ...p.refusal, reasonLabel: REFUSAL_REASONS[p.refusal.reason] } : null),
  marketReferral: (p) => (p.status === 'market_matter' ? p.market : null),
  assignments: (p, viewer) =>
    (handlingOf(p)?.assignments ?? []).map((a) => ({ ...assignmentView(viewer, a), departmentName: findDepartment(a.department)?.name ?? a.department })),
  expertOpinions: (p) => handlingOf(p)?.expertOpinions ?? [],
  answer: (p) => (p.status === 'answered' || p.status === 'rated' ? { ...p.answer, petitionId: p.id } : null),
  rating: (p) => (p.status === 'rated' ? p.rating : null),
  dueAt: async (p, _, ctx) => (await sla(p, ctx)).dueAt,
  dueDate: async (p, _, ctx) => (await sla(p, ctx)).dueDate,
  remainingWorkingDays: async (p, _, ctx) => (await sla(p, ctx)).remainingWorkingDays,
  overdue: async (p, _, ctx) => (await sla(p, ctx)).overdue,
  paused: async (p, _, ctx) => (await sla(p, ctx)).paused,
  urgeCount: async (p, _, ctx) => (await sla(p, ctx)).urgeCount,
  escalatedAt: async (p, _, ctx) => (await sla(p, ctx)).escalatedAt,
  timeline: async (p, viewer, ctx) =>
    (await loadTimeline(ctx.services.db, p.id))
      .map((e) => timelineEventView(viewer, e))
      .filter((v) => v !== null)
      .map(({ event: e, actorId, payload }) => ({
        id: String(e.id),
        type: e.type,
        recordedAt: e.at,
        dueOn: e.dueOn,
        actorRole: e.actor.role,
        actorId,
        department: e.department,
        payload: JSON.stringify(payload),
      })),
};

/**
 * One resolver per field of PETITION_VIEW (every field of the SDL's Petition): a field outside the
 * caller's view is null. The view is decided per petition, so lists and mutation results get it too.
 */
const petitionFields = Object.fromEntries(
  (Object.keys(PETITION_VIEW) as PetitionField[]).map((field) => [
    field,
    (p: PetitionState, _args: unknown, ctx: ApiContext) => {
      const viewer = viewerOf(ctx.actor, p);
      if (!viewer) throw new ForbiddenError();
      if (!seesField(viewer, field)) return null;
      const compute = COMPUTED[field];
      return compute ? compute(p, viewer, ctx) : (p as unknown as Record<string, unknown>)[field];
    },
  ]),
) as unknown as PetitionResolvers<ApiContext, PetitionState>;

export const petitionResolvers = {
  PetitionChannel: enumResolver(PETITION_CHANNEL_KEYS),
  PetitionTopic: enumResolver(TOPIC_KEYS),
  SubmitterKind: enumResolver(SUBMITTER_KIND_KEYS),
  PetitionCategory: enumResolver(PETITION_CATEGORY_KEYS),
  RefusalReason: enumResolver(REFUSAL_REASON_KEYS),
  Satisfaction: enumResolver(SATISFACTION_KEYS),
  PetitionStatus: enumResolver(PETITION_STATUSES),
  AssignmentRole: enumResolver(['lead', 'co'] as const),
  PetitionQueue: enumResolver(['mine', 'all'] as const),

  Petition: petitionFields,
  FinalAnswer: {
    citations: (answer, _args, ctx) => citationsOf(answer, ctx),
  },

  // Arguments are typed by the SDL (QueryPetitionArgs …); the commands validate their content
  // (lengths, vocabularies, department codes) with BadUserInputError.parse and name the field.
  Query: {
    petition: (_parent, a, ctx) => getPetition(ctx.services.petitions, ctx.actor, a.id),
    petitions: async (_parent, a, ctx) => {
      const page = await listPetitions(ctx.services.petitions, ctx.actor, a.filter, a.first, a.after);
      return {
        edges: page.nodes.map((node) => ({ cursor: encodeCursor(node.id), node })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      };
    },
    petitionCounts: (_parent, a, ctx) => countPetitions(ctx.services.petitions, ctx.actor, a.queues),
  },

  Mutation: {
    submitPetition: async (_parent, a, ctx) => {
      if (ctx.actor) ctx.services.submitLimiter.hit(`${ctx.actor.role}:${ctx.actor.id}`);
      const { petition } = await submitPetition(ctx.services.petitions, ctx.actor, a.input, a.idempotencyKey);
      // Knowledge-base gaps: link the caller's last search (if the platform sent its session id).
      ctx.searchGaps.petitionFiled(petition.id);
      return petition;
    },
    requestMaterials: (_parent, a, ctx) => requestMaterials(ctx.services.petitions, ctx.actor, a.id, a.note),
    supplyMaterials: (_parent, a, ctx) => supplyMaterials(ctx.services.petitions, ctx.actor, a.id, a.note, a.attachments),
    refusePetition: (_parent, a, ctx) => refusePetition(ctx.services.petitions, ctx.actor, a.id, a.reason, a.explanation),
    closeAsMarketMatter: (_parent, a, ctx) => closeAsMarketMatter(ctx.services.petitions, ctx.actor, a.id, a.referral, a.explanation),
    acceptPetition: (_parent, a, ctx) => acceptPetition(ctx.services.petitions, ctx.actor, a.id, a.category),
    reclassifyPetition: (_parent, a, ctx) => reclassifyPetition(ctx.services.petitions, ctx.actor, a.id, a.category, a.reason),
    assignDepartments: (_parent, a, ctx) => assignDepartments(ctx.services.petitions, ctx.actor, a.id, a.lead, a.co),
    recordExpertOpinion: (_parent, a, ctx) => recordExpertOpinion(ctx.services.petitions, ctx.actor, a.id, a.expert, a.opinion),
    answerAsDepartment: (_parent, a, ctx) => answerAsDepartment(ctx.services.petitions, ctx.actor, a.id, a.answer),
    sendFinalAnswer: (_parent, a, ctx) =>
      sendFinalAnswer(ctx.services.petitions, ctx.actor, a.id, a.text, a.policyIds, a.overrideReason, searchPolicyCatalog(ctx.services.search)),
    ratePetition: (_parent, a, ctx) => ratePetition(ctx.services.petitions, ctx.actor, a.id, a.rating),
    addPetitionNote: (_parent, a, ctx) => addPetitionNote(ctx.services.petitions, ctx.actor, a.id, a.note),
  },
} satisfies Resolvers;
