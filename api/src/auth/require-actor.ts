// The role check every operation starts with: no token → UNAUTHENTICATED, a role the operation does
// not serve → FORBIDDEN (DESIGN.md "Roles"). Here, beside the actor, so every feature can use it.
import { ForbiddenError, UnauthenticatedError } from '../errors/index.ts';
import type { Actor, Role } from './actor.ts';

export function requireActor<R extends Role>(actor: Actor | null, roles: readonly R[]): Extract<Actor, { role: R }> {
  if (!actor) throw new UnauthenticatedError();
  if (!(roles as readonly Role[]).includes(actor.role)) throw new ForbiddenError();
  return actor as Extract<Actor, { role: R }>;
}
