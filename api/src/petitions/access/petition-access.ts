// Who sees which petition (DESIGN.md "Who uses it"; 第七条 the assigned departments handle their own).
// Every denial is the same FORBIDDEN, and a petition that does not exist is denied exactly like one
// the caller may not see.
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { Actor, Role } from '../../auth/actor.ts';
import type { Database } from '../../db/schema.ts';
import { UnreachableCaseError } from '../../errors/index.ts';
import { escalatedAtOf, handlingOf, type PetitionState } from '../state/petition-state.ts';
import { PETITION_CATEGORIES } from '@zone/schemas';

export function canSee(actor: Actor, p: PetitionState): boolean {
  switch (actor.role) {
    case 'office':
    case 'hotline': // the hotline records petitions and reads their status
      return true;
    case 'enterprise': // an enterprise sees only its own petitions
      return p.submitter.kind === 'enterprise' && p.submitter.uscc === actor.uscc;
    case 'individual':
      return p.submitter.kind === 'individual' && p.ownerSubject === actor.id;
    case 'department': // a department sees only the petitions assigned to it
      return handlingOf(p)?.assignments.some((a) => a.department === actor.department) ?? false;
    case 'leader': {
      // 第七、十一条: the leading group gets escalated and 共性类 petitions
      const category = handlingOf(p)?.category;
      return escalatedAtOf(p) !== null || (category !== undefined && PETITION_CATEGORIES[category].leaderVisible);
    }
    default:
      throw new UnreachableCaseError(actor);
  }
}

/** Roles that see every petition: a missing id may be reported as NOT_FOUND to them without a leak. */
export function seesAll(role: Role): boolean {
  return role === 'office' || role === 'hotline';
}

const LEADER_CATEGORIES = Object.entries(PETITION_CATEGORIES)
  .filter(([, c]) => c.leaderVisible)
  .map(([k]) => k);

/** The same rule as canSee, as SQL over petitions joined with petition_states (for lists). */
export function visibleTo(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'petitions' | 'petition_states'>): Expression<SqlBool> => {
    switch (actor.role) {
      case 'office':
      case 'hotline':
        return eb.lit(true);
      case 'enterprise':
        return eb.and([eb('petitions.submitter_kind', '=', 'enterprise'), eb('petitions.submitter_uscc', '=', actor.uscc)]);
      case 'individual':
        return eb.and([eb('petitions.submitter_kind', '=', 'individual'), eb('petitions.owner_subject', '=', actor.id)]);
      case 'department':
        return eb(
          'petitions.id',
          'in',
          eb.selectFrom('petition_assignments').select('petition_assignments.petition_id').where('petition_assignments.department', '=', actor.department),
        );
      case 'leader':
        return eb.or([eb('petition_states.escalated_at', 'is not', null), eb('petition_states.category', 'in', LEADER_CATEGORIES)]);
      default:
        throw new UnreachableCaseError(actor);
    }
  };
}
