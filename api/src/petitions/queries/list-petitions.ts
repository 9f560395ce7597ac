// Console lists: my queue, overdue, by department, by category, by status — newest first, with an
// opaque cursor and a maximum page size (PETITION_LIMITS.pageSizeMax).
import { DEPARTMENT_CODES, OFFICE_DEPARTMENT_CODE, PETITION_CATEGORY_KEYS, PETITION_LIMITS as L } from '@zone/schemas';
import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../auth/actor.ts';
import { shanghaiDate } from '../../clock/shanghai-time.ts';
import type { Database } from '../../db/schema.ts';
import { BadUserInputError, UnreachableCaseError } from '../../errors/index.ts';
import { visibleTo } from '../access/petition-access.ts';
import type { PetitionDeps } from '../deps.ts';
import { PETITION_STATUSES, type PetitionState } from '../state/petition-state.ts';
import { loadPetitions } from '../store/petition-store.ts';
import { requireActor } from '../../auth/require-actor.ts';

export type PetitionQueue = 'mine' | 'all';

export const FilterSchema = z
  .object({
    queue: z.enum(['mine', 'all']).nullish(),
    status: z.array(z.enum(PETITION_STATUSES)).max(PETITION_STATUSES.length).nullish(),
    category: z.enum(PETITION_CATEGORY_KEYS).nullish(),
    department: z.string().refine((d) => DEPARTMENT_CODES.includes(d), '未知的部门代码 (unknown department code)').nullish(),
    overdue: z.boolean().nullish(),
    dueToday: z.boolean().nullish(),
  })
  .nullish()
  .transform((f) => f ?? {});

const PageSchema = z.object({
  first: z
    .number()
    .int()
    .min(1, '每页至少 1 条 (first must be ≥ 1)')
    .max(L.pageSizeMax, `每页最多 ${L.pageSizeMax} 条 (first must be ≤ ${L.pageSizeMax})`)
    .nullish()
    .transform((n) => n ?? L.pageSizeDefault),
  after: z.string().max(200).nullish(),
});

export function encodeCursor(id: string): string {
  return Buffer.from(`p:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!raw.startsWith('p:')) throw BadUserInputError.single(['after'], 'invalid_cursor', '分页游标无效 (invalid cursor)');
  return raw.slice(2);
}

/** "My queue": the petitions waiting for the caller's action. */
function myQueue(actor: Actor, today: string) {
  return (eb: ExpressionBuilder<Database, 'petitions' | 'petition_states'>): Expression<SqlBool> => {
    switch (actor.role) {
      case 'office': // triage, and consolidating answers
        return eb('petition_states.status', 'in', ['received', 'in_handling', 'escalated']);
      case 'hotline': // what this staff member recorded that is still open
        return eb.and([eb('petitions.recorded_by_id', '=', actor.id), eb('petition_states.status', 'not in', ['refused', 'market_matter', 'rated'])]);
      case 'department': // assigned, not yet answered by this department
        return eb.and([
          eb('petition_states.status', 'in', ['in_handling', 'escalated']),
          eb(
            'petitions.id',
            'in',
            eb
              .selectFrom('petition_assignments')
              .select('petition_assignments.petition_id')
              .where('petition_assignments.department', '=', actor.department)
              .where('petition_assignments.answered_at', 'is', null),
          ),
        ]);
      case 'leader':
        return eb('petition_states.status', 'in', ['escalated', 'in_handling']);
      case 'enterprise':
      case 'individual': // materials to supply, answers to rate while the window is open (第十三条:
        // a late answer's window closes without a default, so it would otherwise stay here for ever)
        return eb.or([
          eb('petition_states.status', '=', 'awaiting_materials'),
          eb.and([eb('petition_states.status', '=', 'answered'), eb('petition_states.rating_due_on', '>=', today)]),
        ]);
      default:
        throw new UnreachableCaseError(actor);
    }
  };
}

export interface PetitionPage {
  nodes: PetitionState[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The petitions a filter selects, as the caller may see them (the list and the counts share it). */
function filtered(deps: PetitionDeps, actor: Actor, filter: z.output<typeof FilterSchema>) {
  const nowIso = deps.clock.now().toISOString();
  let q = deps.db
    .selectFrom('petitions')
    .innerJoin('petition_states', 'petition_states.petition_id', 'petitions.id')
    .where(visibleTo(actor));
  if (filter.queue === 'mine') q = q.where(myQueue(actor, shanghaiDate(deps.clock.now())));
  if (filter.status && filter.status.length > 0) q = q.where('petition_states.status', 'in', filter.status);
  if (filter.category) q = q.where('petition_states.category', '=', filter.category);
  if (filter.department === OFFICE_DEPARTMENT_CODE) {
    // 第七、十条: 区企服办 handles what it accepted without assigning anyone (咨询类 above all), so its
    // own petitions — overdue ones included — are found by the absence of assignments.
    q = q
      .where('petition_states.category', 'is not', null)
      .where('petitions.id', 'not in', (eb) => eb.selectFrom('petition_assignments').select('petition_assignments.petition_id'));
  } else if (filter.department) {
    const department = filter.department;
    q = q.where('petitions.id', 'in', (eb) =>
      eb.selectFrom('petition_assignments').select('petition_assignments.petition_id').where('petition_assignments.department', '=', department),
    );
  }
  if (filter.overdue === true) {
    q = q.where('petition_states.status', 'in', ['in_handling', 'escalated']).where('petition_states.due_at', '<', nowIso);
  } else if (filter.overdue === false) {
    q = q.where((eb) => eb.or([eb('petition_states.status', 'not in', ['in_handling', 'escalated']), eb('petition_states.due_at', '>=', nowIso)]));
  }
  if (filter.dueToday === true) {
    // 第十条: the office's "due today" queue — open petitions whose last working day is today.
    q = q.where('petition_states.status', 'in', ['in_handling', 'escalated']).where('petition_states.due_on', '=', shanghaiDate(deps.clock.now()));
  }
  return q;
}

export async function listPetitions(deps: PetitionDeps, actorOrNull: Actor | null, rawFilter: unknown, rawFirst: unknown, rawAfter: unknown): Promise<PetitionPage> {
  const actor = requireActor(actorOrNull, ['enterprise', 'individual', 'hotline', 'office', 'department', 'leader'] as const);
  const filter = BadUserInputError.parse(FilterSchema, rawFilter, ['filter']);
  const page = BadUserInputError.parse(PageSchema, { first: rawFirst, after: rawAfter });
  let q = filtered(deps, actor, filter).select('petitions.id');
  if (page.after) q = q.where('petitions.id', '<', decodeCursor(page.after));
  const rows = await q.orderBy('petitions.id', 'desc').limit(page.first + 1).execute();
  const ids = rows.slice(0, page.first).map((r) => r.id);
  const states = await loadPetitions(deps.db, ids);
  const nodes = ids.map((id) => states.get(id)).filter((s): s is PetitionState => s !== undefined);
  const last = ids[ids.length - 1];
  return { nodes, hasNextPage: rows.length > page.first, endCursor: last ? encodeCursor(last) : null };
}

/** The workbench's queue tabs count at most this many queues in one request. */
export const COUNT_QUEUES_MAX = 20;

const CountQueriesSchema = z
  .array(z.object({ key: z.string().min(1).max(40), filter: FilterSchema }))
  .min(1, '至少一个队列 (at least one queue)')
  .max(COUNT_QUEUES_MAX, `一次最多 ${COUNT_QUEUES_MAX} 个队列 (at most ${COUNT_QUEUES_MAX} queues)`);

/** How many petitions each filter lists for the caller: a department counts only its own, like its list. */
export async function countPetitions(deps: PetitionDeps, actorOrNull: Actor | null, rawQueues: unknown): Promise<Array<{ key: string; count: number }>> {
  const actor = requireActor(actorOrNull, ['enterprise', 'individual', 'hotline', 'office', 'department', 'leader'] as const);
  const queues = BadUserInputError.parse(CountQueriesSchema, rawQueues, ['queues']);
  return Promise.all(
    queues.map(async ({ key, filter }) => {
      const row = await filtered(deps, actor, filter)
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .executeTakeFirstOrThrow();
      return { key, count: Number(row.n) };
    }),
  );
}
