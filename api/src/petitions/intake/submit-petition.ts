// 第六条: intake. Enterprises and individuals submit on the website; hotline staff record petitions
// that arrived by 96871, email or the service window, with the actual receipt time.
import { createHash } from 'node:crypto';
import type { Actor } from '../../auth/actor.ts';
import { shanghaiDate } from '../../clock/shanghai-time.ts';
import { BadUserInputError, ConflictError, ForbiddenError } from '../../errors/index.ts';
import type { PetitionDeps } from '../deps.ts';
import type { PetitionState } from '../state/petition-state.ts';
import { newEvent } from '../timeline/events.ts';
import { appendAndProject, isUniqueViolation, loadPetition } from '../store/petition-store.ts';
import { requireActor } from '../../auth/require-actor.ts';
import { IdempotencyKeySchema, SubmitInputSchema, type SubmitInput } from './submit-input.ts';
import { newPetitionId } from './petition-id.ts';

/** Staff may record a receipt up to this far back (a late entry of yesterday's calls, say). */
const MAX_BACKDATE_DAYS = 30;
/** Clock skew tolerated between the staff member's device and the server. */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

function applyRoleRules(actor: Extract<Actor, { role: 'enterprise' | 'individual' | 'hotline' }>, input: SubmitInput, now: Date): { input: SubmitInput; receivedAt: Date } {
  switch (actor.role) {
    case 'enterprise':
    case 'individual': {
      if (input.channel !== 'website') {
        throw BadUserInputError.single(['input', 'channel'], 'channel_not_allowed', '自行提交的诉求渠道为网站 (self-submitted petitions come through the website)');
      }
      if (input.receivedAt) {
        throw BadUserInputError.single(['input', 'receivedAt'], 'staff_only', '受理时间由工作人员填写 (only staff record receivedAt)');
      }
      if (actor.role === 'enterprise') {
        if (input.submitter.kind !== 'enterprise') {
          throw BadUserInputError.single(['input', 'submitter', 'kind'], 'kind_mismatch', '企业账号以企业身份提交 (an enterprise account submits as an enterprise)');
        }
        // An enterprise petitions only for itself.
        if (input.submitter.uscc !== actor.uscc) throw new ForbiddenError();
      } else if (input.submitter.kind !== 'individual') {
        throw BadUserInputError.single(['input', 'submitter', 'kind'], 'kind_mismatch', '个人账号以个人身份提交 (an individual account submits as an individual)');
      }
      return { input, receivedAt: now };
    }
    case 'hotline': {
      if (input.channel === 'website') {
        throw BadUserInputError.single(['input', 'channel'], 'channel_not_allowed', '工作人员代录渠道为热线、邮箱或窗口 (staff record hotline, email or window petitions)');
      }
      const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
      if (receivedAt.getTime() > now.getTime() + MAX_FUTURE_SKEW_MS) {
        throw BadUserInputError.single(['input', 'receivedAt'], 'in_future', '受理时间不能晚于当前时间 (receivedAt is in the future)');
      }
      if (receivedAt.getTime() < now.getTime() - MAX_BACKDATE_DAYS * 86_400_000) {
        throw BadUserInputError.single(['input', 'receivedAt'], 'too_old', `受理时间不能早于 ${MAX_BACKDATE_DAYS} 天前 (receivedAt is more than ${MAX_BACKDATE_DAYS} days ago)`);
      }
      return { input, receivedAt };
    }
  }
}

export interface SubmitResult {
  petition: PetitionState;
  /** false when the idempotency key had already created this petition. */
  created: boolean;
}

export async function submitPetition(deps: PetitionDeps, actorOrNull: Actor | null, rawInput: unknown, rawKey: unknown): Promise<SubmitResult> {
  const actor = requireActor(actorOrNull, ['enterprise', 'individual', 'hotline'] as const);
  const key = BadUserInputError.parse(IdempotencyKeySchema, rawKey, ['idempotencyKey']);
  const parsed = BadUserInputError.parse(SubmitInputSchema, rawInput, ['input']);
  const now = deps.clock.now();
  const { input, receivedAt } = applyRoleRules(actor, parsed, now);

  const scope = `${actor.role}:${actor.id}`;
  const hash = createHash('sha256').update(JSON.stringify(input)).digest('hex');

  const existing = async (): Promise<SubmitResult | null> => {
    const row = await deps.db
      .selectFrom('petitions')
      .select(['id', 'request_hash'])
      .where('idempotency_scope', '=', scope)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (!row) return null;
    if (row.request_hash !== hash) {
      throw new ConflictError('该幂等键已用于另一份诉求 (idempotencyKey was already used with different input)', { field: 'idempotencyKey' });
    }
    const petition = await loadPetition(deps.db, row.id);
    return petition ? { petition, created: false } : null;
  };
  const before = await existing();
  if (before) return before;

  const id = newPetitionId(now);
  const nowIso = now.toISOString();
  const event = newEvent(
    'submitted',
    { petitionId: id, at: nowIso, actor: { role: actor.role, id: actor.id } },
    {
      channel: input.channel,
      topic: input.topic,
      submitter: { kind: input.submitter.kind, name: input.submitter.name, uscc: input.submitter.uscc },
      ownerSubject: actor.role === 'hotline' ? null : actor.id,
      contact: input.contact,
      title: input.title,
      content: input.content,
      attachments: input.attachments,
      receivedAt: receivedAt.toISOString(),
      receivedOn: shanghaiDate(receivedAt),
      idempotency: { scope, key, hash },
    },
  );
  try {
    const petition = await deps.db.transaction().execute((trx) => appendAndProject(trx, null, [event], nowIso));
    return { petition, created: true };
  } catch (err) {
    // Two submissions with one key raced: the loser returns the winner's petition.
    if (isUniqueViolation(err)) {
      const after = await existing();
      if (after) return after;
    }
    throw err;
  }
}
