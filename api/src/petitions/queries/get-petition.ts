// One petition, or FORBIDDEN — the same error whether it does not exist or the caller may not see it.
import type { Actor } from '../../auth/actor.ts';
import { ForbiddenError, NotFoundError } from '../../errors/index.ts';
import { canSee, seesAll } from '../access/petition-access.ts';
import type { PetitionDeps } from '../deps.ts';
import type { PetitionState } from '../state/petition-state.ts';
import { loadPetition, loadTimeline } from '../store/petition-store.ts';
import { requireActor } from '../../auth/require-actor.ts';

export async function getPetition(deps: PetitionDeps, actorOrNull: Actor | null, id: string): Promise<PetitionState> {
  const actor = requireActor(actorOrNull, ['enterprise', 'individual', 'hotline', 'office', 'department', 'leader'] as const);
  const state = await loadPetition(deps.db, id);
  if (!state) throw seesAll(actor.role) ? new NotFoundError('诉求不存在 (petition not found)') : new ForbiddenError();
  if (!canSee(actor, state)) throw new ForbiddenError();
  return state;
}

export { loadTimeline };
