// The shape of every command on an existing petition: authenticate, check the role, lock and load,
// check visibility (FORBIDDEN either way), decide events, append them and project — one transaction.
import type { Actor, Role } from '../../auth/actor.ts';
import type { WorkingCalendar } from '../../calendar/working-calendar.ts';
import { requireActor } from '../../auth/require-actor.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors/index.ts';
import { canSee, seesAll } from '../access/petition-access.ts';
import type { PetitionDeps } from '../deps.ts';
import type { PetitionState } from '../state/petition-state.ts';
import type { PetitionEvent } from '../timeline/events.ts';
import { appendAndProject, isUniqueViolation, loadPetition } from './petition-store.ts';
import { enqueueNotifications } from '../../notifications/enqueue.ts';
import { PETITION_NOTIFICATION_KINDS, type PetitionNotificationKind } from '../../notifications/policy.ts';

export interface CommandContext<A extends Actor = Actor> {
  actor: A;
  now: Date;
  nowIso: string;
  calendar: WorkingCalendar;
}

export async function runCommand<R extends Role>(
  deps: PetitionDeps,
  actorOrNull: Actor | null,
  roles: readonly R[],
  id: string,
  decide: (state: PetitionState, ctx: CommandContext<Extract<Actor, { role: R }>>) => PetitionEvent[],
): Promise<PetitionState> {
  const actor = requireActor(actorOrNull, roles);
  // Read before the transaction: on SQLite the transaction holds the only connection.
  const calendar = await deps.calendar();
  const now = deps.clock.now();
  const ctx = { actor, now, nowIso: now.toISOString(), calendar };
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const state = await loadPetition(trx, id, { forUpdate: deps.dialect });
      if (!state) throw seesAll(actor.role) ? new NotFoundError('诉求不存在 (petition not found)') : new ForbiddenError();
      if (!canSee(actor, state)) throw new ForbiddenError();
      const events = decide(state, ctx);
      const next = await appendAndProject(trx, state, events, ctx.nowIso);
      // 第八、十条: a material request or a final answer is told to the submitter, in this transaction.
      const notifying = events.map((e) => e.type).filter((t): t is PetitionNotificationKind => (PETITION_NOTIFICATION_KINDS as readonly string[]).includes(t));
      if (notifying.length > 0) await enqueueNotifications(trx, deps.notifications, { occurredAt: ctx.nowIso, petitionId: id, kinds: notifying });
      return next;
    });
  } catch (err) {
    // A concurrent writer recorded the one-time event (rating, escalation) first.
    if (isUniqueViolation(err)) throw new ConflictError('该操作已被记录 (already recorded by a concurrent request)');
    throw err;
  }
}

/** A CONFLICT naming the status the petition is in (only reached after visibility was checked). */
export function wrongStatus(state: PetitionState, action: string): ConflictError {
  return new ConflictError(`当前状态（${state.status}）不能${action} (not allowed in status ${state.status})`, { status: state.status });
}
