// 第七、十条: handling. The office answers consultations itself (citing policy items), or assigns a
// lead and co-departments; 综合类 also records expert opinions; each department answers for itself;
// the office consolidates and sends the final answer. Notes go on the record (第十二条).
import { DEPARTMENT_CODES, OFFICE_DEPARTMENT_CODE, PETITION_CATEGORIES, PETITION_LIMITS as L } from '@zone/schemas';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.ts';
import { BadUserInputError, ConflictError } from '../../errors/index.ts';
import type { PetitionDeps } from '../deps.ts';
import { ratingDueOn } from '../sla/deadline.ts';
import { newEvent } from '../timeline/events.ts';
import { requireActor } from '../../auth/require-actor.ts';
import { runCommand, wrongStatus } from '../store/run-command.ts';
import type { Handling } from '../state/petition-state.ts';
import { multiLine, optionalSingleLine, singleLine } from '../validation/text-fields.ts';
import type { PolicyCatalog } from './policy-catalog.ts';

const actorRef = (a: Actor) => ({ role: a.role, id: a.id });

const DepartmentCode = z
  .string()
  .refine((d) => d !== OFFICE_DEPARTMENT_CODE && DEPARTMENT_CODES.includes(d), '未知的部门代码 (unknown department code)');

const PolicyIds = z
  .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '政策编号格式不正确 (malformed policy id)'))
  .max(L.policyIdsMax, `最多引用 ${L.policyIdsMax} 条政策 (at most ${L.policyIdsMax} policy ids)`)
  .nullish()
  .transform((ids) => [...new Set(ids ?? [])]);

export const NOTE_ROLES = ['office', 'hotline', 'department'] as const;

/** 第七、十条: a lead department and co-departments (协调相关部门). */
export function assignDepartments(deps: PetitionDeps, actor: Actor | null, id: string, lead: unknown, co: unknown) {
  const leadCode = BadUserInputError.parse(DepartmentCode, lead, ['lead']);
  const coCodes = BadUserInputError.parse(z.array(DepartmentCode).max(L.coDepartmentsMax).nullish().transform((c) => [...new Set(c ?? [])]), co, ['co']);
  if (coCodes.includes(leadCode)) {
    throw BadUserInputError.single(['co'], 'lead_in_co', '牵头部门不能同时为协办部门 (the lead department cannot also be a co-department)');
  }
  return runCommand(deps, actor, ['office'], id, (p, ctx) => {
    if (p.status !== 'in_handling' && p.status !== 'escalated') throw wrongStatus(p, '分派部门');
    if (PETITION_CATEGORIES[p.handling.category].handledBy === 'office') {
      throw new ConflictError('咨询类诉求由企服办直接答复，不分派部门 (consultations are answered by the office itself; reclassify first)');
    }
    const currentLead = p.handling.assignments.find((a) => a.role === 'lead');
    if (currentLead && currentLead.department !== leadCode) {
      throw new ConflictError('已有牵头部门 (a different lead department is already assigned)', { lead: currentLead.department });
    }
    const departments = [
      ...(currentLead ? [] : [{ department: leadCode, role: 'lead' as const }]),
      ...coCodes.filter((c) => !p.handling.assignments.some((a) => a.department === c)).map((c) => ({ department: c, role: 'co' as const })),
    ];
    if (departments.length === 0) throw new ConflictError('这些部门均已分派 (all these departments are already assigned)');
    return [newEvent('assigned', { petitionId: p.id, at: ctx.nowIso, actor: actorRef(ctx.actor) }, { departments })];
  });
}

/** 第十条: 综合类 — 听取专家意见. */
export function recordExpertOpinion(deps: PetitionDeps, actor: Actor | null, id: string, expert: unknown, opinion: unknown) {
  const who = BadUserInputError.parse(singleLine('专家', L.nameMaxChars), expert, ['expert']);
  const text = BadUserInputError.parse(multiLine('专家意见', L.answerMaxChars), opinion, ['opinion']);
  return runCommand(deps, actor, ['office'], id, (p, ctx) => {
    if (p.status !== 'in_handling' && p.status !== 'escalated') throw wrongStatus(p, '记录专家意见');
    if (!PETITION_CATEGORIES[p.handling.category].needsExperts) {
      throw new ConflictError('仅综合类诉求记录专家意见 (expert opinions belong to 综合类 petitions)');
    }
    return [newEvent('expert_opinion_recorded', { petitionId: p.id, at: ctx.nowIso, actor: actorRef(ctx.actor) }, { expert: who, opinion: text })];
  });
}

/** 第十、十一条: a department answers for itself (which also stops its urges). */
export function answerAsDepartment(deps: PetitionDeps, actor: Actor | null, id: string, answer: unknown) {
  const text = BadUserInputError.parse(multiLine('部门答复', L.answerMaxChars), answer, ['answer']);
  return runCommand(deps, actor, ['department'], id, (p, ctx) => {
    if (p.status !== 'in_handling' && p.status !== 'escalated') throw wrongStatus(p, '答复');
    const mine = p.handling.assignments.find((a) => a.department === ctx.actor.department);
    if (!mine) throw wrongStatus(p, '答复'); // unreachable: canSee already required the assignment
    if (mine.answeredAt) throw new ConflictError('本部门已答复 (this department has already answered)');
    return [
      newEvent('department_answered', { petitionId: p.id, at: ctx.nowIso, actor: actorRef(ctx.actor), department: ctx.actor.department }, { answer: text }),
    ];
  });
}

/** What 第十条 requires before the final answer, and is missing. */
export type FinalAnswerGap = 'department_answers' | 'expert_opinion';

function finalAnswerGaps(h: Handling): { gaps: FinalAnswerGap[]; silentDepartments: string[] } {
  const rule = PETITION_CATEGORIES[h.category];
  const silentDepartments = h.assignments.filter((a) => a.answeredAt === null).map((a) => a.department);
  const gaps: FinalAnswerGap[] = [];
  // 第十条: 专业类/综合类 需召集有关部门会商 — the assigned departments answer first; any department
  // assigned (共性类 too) must have answered.
  if (silentDepartments.length > 0 || (rule.handledBy === 'departments' && h.assignments.length === 0)) gaps.push('department_answers');
  // 第十条: 综合类 … 并听取专家意见.
  if (rule.needsExperts && h.expertOpinions.length === 0) gaps.push('expert_opinion');
  return { gaps, silentDepartments };
}

const GAP_LABELS: Record<FinalAnswerGap, string> = {
  department_answers: '承办部门尚未全部答复',
  expert_opinion: '综合类诉求尚无专家意见',
};

/**
 * 第七、十条: the office's consolidated final answer; whether it came on time is kept for 第十三条.
 * Cited policy ids must be published policy items (checked before the transaction: a network call).
 * The departments' answers (and for 综合类 an expert opinion) come first, unless the office gives an
 * explicit override whose reason goes on the record with what it waived.
 */
export async function sendFinalAnswer(
  deps: PetitionDeps,
  actor: Actor | null,
  id: string,
  text: unknown,
  policyIds: unknown,
  overrideReason: unknown,
  policies: PolicyCatalog,
) {
  requireActor(actor, ['office'] as const);
  const body = BadUserInputError.parse(multiLine('答复内容', L.answerMaxChars), text, ['text']);
  const ids = BadUserInputError.parse(PolicyIds, policyIds, ['policyIds']);
  const override = BadUserInputError.parse(optionalSingleLine('例外说明', L.explanationMaxChars), overrideReason, ['overrideReason']);
  // 第十条: each cited item with the revision the answer relied on, so a later revision shows.
  const versions = await policies.versions(ids);
  const unknown = ids.filter((i) => !versions.has(i));
  if (unknown.length > 0) {
    throw new BadUserInputError(
      unknown.map((u) => ({
        path: ['policyIds', ids.indexOf(u)],
        code: 'unknown_policy',
        message: `政策条目 ${u} 不存在或未发布 (no published policy item has this id)`,
      })),
    );
  }
  return runCommand(deps, actor, ['office'], id, (p, ctx) => {
    if (p.status !== 'in_handling' && p.status !== 'escalated') throw wrongStatus(p, '答复');
    const { gaps, silentDepartments } = finalAnswerGaps(p.handling);
    if (gaps.length > 0 && override === null) {
      throw new ConflictError(
        `${gaps.map((g) => GAP_LABELS[g]).join('；')}，不能发送最终答复；如确需先行答复，请填写例外说明 (第十条 preconditions unmet; give overrideReason to answer anyway)`,
        { missing: gaps, departments: silentDepartments },
      );
    }
    const onTime = ctx.now.getTime() <= Date.parse(p.handling.dueAt);
    return [
      newEvent(
        'answered',
        { petitionId: p.id, at: ctx.nowIso, actor: actorRef(ctx.actor) },
        {
          text: body,
          policyIds: ids,
          citations: ids.map((i) => ({ id: i, version: versions.get(i) ?? null })),
          onTime,
          ratingDueOn: ratingDueOn(ctx.calendar, ctx.now),
          override: override === null || gaps.length === 0 ? null : { reason: override, waived: gaps, departments: silentDepartments },
        },
      ),
    ];
  });
}

/**
 * 第十二条: a note on the record by the staff working the petition — the office, the hotline and an
 * assigned department (the SDL's rule). The leading group reads the record; it does not annotate it.
 */
export function addPetitionNote(deps: PetitionDeps, actor: Actor | null, id: string, note: unknown) {
  const text = BadUserInputError.parse(multiLine('备注', L.explanationMaxChars), note, ['note']);
  return runCommand(deps, actor, NOTE_ROLES, id, (p, ctx) => [
    newEvent(
      'note_added',
      { petitionId: p.id, at: ctx.nowIso, actor: actorRef(ctx.actor), department: ctx.actor.role === 'department' ? ctx.actor.department : null },
      { note: text },
    ),
  ]);
}
