// 第七–九条: the office's triage — refuse (第九条), ask for materials (第八条), close a 市场类 matter
// (第七条), or accept and classify (第七、十条); reclassify later from the original receipt.
import { PETITION_CATEGORIES, PETITION_LIMITS as L, PETITION_CATEGORY_KEYS, REFUSAL_REASON_KEYS } from '@zone/schemas';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.ts';
import { shanghaiDate } from '../../clock/shanghai-time.ts';
import { BadUserInputError } from '../../errors/index.ts';
import type { PetitionDeps } from '../deps.ts';
import { AttachmentsSchema } from '../intake/submit-input.ts';
import { computeDue, pausedWorkingDaysBetween } from '../sla/deadline.ts';
import type { PetitionState } from '../state/petition-state.ts';
import { newEvent } from '../timeline/events.ts';
import { runCommand, wrongStatus } from '../store/run-command.ts';
import { multiLine, optionalMultiLine, optionalSingleLine, singleLine } from '../validation/text-fields.ts';

const actorRef = (a: Actor) => ({ role: a.role, id: a.id });

/** 第九条: 超出范围、违法违规、司法信访等情况不予受理，并向企业说明理由. */
export function refusePetition(deps: PetitionDeps, actor: Actor | null, id: string, reason: unknown, explanation: unknown) {
  const r = BadUserInputError.parse(z.enum(REFUSAL_REASON_KEYS), reason, ['reason']);
  const text = BadUserInputError.parse(multiLine('不予受理说明', L.explanationMaxChars), explanation, ['explanation']);
  return runCommand(deps, actor, ['office'], id, (p, ctx) => {
    if (p.status !== 'received' && p.status !== 'awaiting_materials') throw wrongStatus(p, '不予受理');
    return [newEvent('refused', { petitionId: p.id, at: ctx.nowIso, actor: actorRef(ctx.actor) }, { reason: r, explanation: text })];
  });
}

/** 第八条: 对于投诉和重大诉求等情况，需要补充材料的补充完整 — the SLA clock stops meanwhile. */
export function requestMaterials(deps: PetitionDeps, actor: Actor | null, id: string, note: unknown) {
  const text = BadUserInputError.parse(multiLine('补充材料说明', L.explanationMaxChars), note, ['note']);
  return runCommand(deps, actor, ['office'], id, (p, ctx) => {
    if (p.status !== 'received' && p.status !== 'in_handling') throw wrongStatus(p, '要求补充材料');
    return [
      newEvent('materials_requested', { petitionId: p.id, at: ctx.nowIso, actor: actorRef(ctx.actor) }, { note: text, pausedOn: shanghaiDate(ctx.now) }),
    ];
  });
}

/** 第八条: the materials arrived; the clock resumes and the due date moves by the paused working days. */
export function supplyMaterials(deps: PetitionDeps, actor: Actor | null, id: string, note: unknown, attachments: unknown) {
  const text = BadUserInputError.parse(multiLine('补充材料说明', L.explanationMaxChars), note, ['note']);
  const files = BadUserInputError.parse(AttachmentsSchema, attachments, ['attachments']);
  return runCommand(deps, actor, ['office', 'hotline', 'enterprise', 'individual'], id, (p, ctx) => {
    if (p.status !== 'awaiting_materials') throw wrongStatus(p, '补充材料');
    const added = pausedWorkingDaysBetween(ctx.calendar, p.pausedOn, ctx.now);
    const pausedWorkingDays = p.pausedWorkingDays + added;
    const due = p.handling ? computeDue(ctx.calendar, p.receivedOn, p.handling.category, pausedWorkingDays) : null;
    return [
      newEvent(
        'materials_supplied',
        { petitionId: p.id, at: ctx.nowIso, actor: actorRef(ctx.actor) },
        { note: text, attachments: files, addedWorkingDays: added, pausedWorkingDays, dueOn: due?.dueOn ?? null, dueAt: due?.dueAt ?? null },
      ),
    ];
  });
}

/** 第七条: 不属于政府办理范畴…可以帮助做好对接，无法实现对接的，向企业做好解释工作. */
export function closeAsMarketMatter(deps: PetitionDeps, actor: Actor | null, id: string, referral: unknown, explanation: unknown) {
  const ref = BadUserInputError.parse(optionalSingleLine('对接去向', L.explanationMaxChars), referral, ['referral']);
  const text = BadUserInputError.parse(optionalMultiLine('解释说明', L.explanationMaxChars), explanation, ['explanation']);
  if (ref === null && text === null) {
    throw BadUserInputError.single(['referral'], 'referral_or_explanation', '市场类诉求须记录对接去向或解释说明 (give a referral, or an explanation when none is possible)');
  }
  return runCommand(deps, actor, ['office'], id, (p, ctx) => {
    if (p.status !== 'received' && p.status !== 'awaiting_materials') throw wrongStatus(p, '按市场类办结');
    return [newEvent('closed_as_market_matter', { petitionId: p.id, at: ctx.nowIso, actor: actorRef(ctx.actor) }, { referral: ref, explanation: text })];
  });
}

/** 第七、十条: accept and classify; the due date is computed now, from the receipt date. */
export function acceptPetition(deps: PetitionDeps, actor: Actor | null, id: string, category: unknown) {
  const c = BadUserInputError.parse(z.enum(PETITION_CATEGORY_KEYS), category, ['category']);
  return runCommand(deps, actor, ['office'], id, (p, ctx) => {
    if (p.status !== 'received') throw wrongStatus(p, '受理');
    const due = computeDue(ctx.calendar, p.receivedOn, c, p.pausedWorkingDays);
    return [
      newEvent('accepted', { petitionId: p.id, at: ctx.nowIso, actor: actorRef(ctx.actor) }, { category: c, slaWorkingDays: PETITION_CATEGORIES[c].workingDays, ...due }),
    ];
  });
}

/** 第七条: reclassification recomputes the due date from the ORIGINAL receipt, and is recorded. */
export function reclassifyPetition(deps: PetitionDeps, actor: Actor | null, id: string, category: unknown, reason: unknown) {
  const c = BadUserInputError.parse(z.enum(PETITION_CATEGORY_KEYS), category, ['category']);
  const why = BadUserInputError.parse(singleLine('调整分类原因', L.explanationMaxChars), reason, ['reason']);
  return runCommand(deps, actor, ['office'], id, (p: PetitionState, ctx) => {
    if (p.status !== 'in_handling' && p.status !== 'escalated') throw wrongStatus(p, '调整分类');
    if (p.handling.category === c) {
      throw BadUserInputError.single(['category'], 'unchanged', '分类未变化 (the petition already has this category)');
    }
    const due = computeDue(ctx.calendar, p.receivedOn, c, p.pausedWorkingDays);
    return [
      newEvent(
        'reclassified',
        { petitionId: p.id, at: ctx.nowIso, actor: actorRef(ctx.actor) },
        { from: p.handling.category, category: c, slaWorkingDays: PETITION_CATEGORIES[c].workingDays, reason: why, ...due },
      ),
    ];
  });
}
