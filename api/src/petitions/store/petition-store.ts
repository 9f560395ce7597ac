// Reading and writing petitions: the projection and the append-only timeline, always together
// in one transaction (a command never leaves the two out of step, nor anything half-stored).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { DialectName } from '../../db/database.ts';
import type { PetitionState } from '../state/petition-state.ts';
import type { PetitionEvent } from '../timeline/events.ts';
import { applyEvent } from '../timeline/reduce.ts';
import { assignmentRowsFromState, eventFromRow, eventRow, intakeRowFromState, stateFromRow, stateRowFromState } from './petition-row.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Intake record joined with current state: one PetitionRow per petition. */
function selectPetitionRows(db: Db) {
  return db
    .selectFrom('petitions')
    .innerJoin('petition_states', 'petition_states.petition_id', 'petitions.id')
    .selectAll(['petitions', 'petition_states']);
}

export async function loadPetition(db: Db, id: string, opts: { forUpdate?: DialectName } = {}): Promise<PetitionState | null> {
  let q = selectPetitionRows(db).where('petitions.id', '=', id);
  // PostgreSQL: lock the row so concurrent commands on one petition apply one after the other.
  // SQLite: the write transaction already serializes writers.
  if (opts.forUpdate === 'postgres') q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) return null;
  const assignments = await db.selectFrom('petition_assignments').selectAll().where('petition_id', '=', id).execute();
  const urges = await urgeCounts(db, [id]);
  return stateFromRow(row, assignments, urges.get(id));
}

/** Urges per petition and department, from the timeline. */
async function urgeCounts(db: Db, ids: string[]): Promise<Map<string, Map<string, number>>> {
  const rows = await db
    .selectFrom('petition_events')
    .select(['petition_id', 'department', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('petition_id', 'in', ids)
    .where('type', '=', 'urged')
    .groupBy(['petition_id', 'department'])
    .execute();
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (r.department === null) continue;
    const m = out.get(r.petition_id) ?? new Map<string, number>();
    m.set(r.department, Number(r.n));
    out.set(r.petition_id, m);
  }
  return out;
}

export async function loadPetitions(db: Db, ids: string[]): Promise<Map<string, PetitionState>> {
  const out = new Map<string, PetitionState>();
  if (ids.length === 0) return out;
  const rows = await selectPetitionRows(db).where('petitions.id', 'in', ids).execute();
  const assignments = await db.selectFrom('petition_assignments').selectAll().where('petition_id', 'in', ids).execute();
  const urges = await urgeCounts(db, ids);
  for (const row of rows) out.set(row.id, stateFromRow(row, assignments.filter((a) => a.petition_id === row.id), urges.get(row.id)));
  return out;
}

export async function loadTimeline(db: Db, id: string): Promise<(PetitionEvent & { id: number })[]> {
  const rows = await db.selectFrom('petition_events').selectAll().where('petition_id', '=', id).orderBy('id').execute();
  return rows.map(eventFromRow);
}

/** Appends the events and writes the state they lead to. Returns the new state. */
export async function appendAndProject(trx: Transaction<Database>, current: PetitionState | null, events: PetitionEvent[], now: string): Promise<PetitionState> {
  let state = current;
  for (const e of events) state = applyEvent(state, e);
  if (!state) throw new Error('appendAndProject without events');
  const stateRow = stateRowFromState(state, now);
  if (current === null) {
    await trx.insertInto('petitions').values(intakeRowFromState(state)).execute();
    await trx.insertInto('petition_states').values(stateRow).execute();
  } else {
    // The intake record never changes; only the current state is rewritten.
    const { petition_id: _id, ...rest } = stateRow;
    await trx.updateTable('petition_states').set(rest).where('petition_id', '=', state.id).execute();
  }
  if (events.length > 0) await trx.insertInto('petition_events').values(events.map(eventRow)).execute();
  for (const a of assignmentRowsFromState(state)) {
    await trx
      .insertInto('petition_assignments')
      .values(a)
      .onConflict((oc) =>
        oc.columns(['petition_id', 'department']).doUpdateSet({
          role: a.role,
          position: a.position,
          answer_text: a.answer_text,
          answered_at: a.answered_at,
        }),
      )
      .execute();
  }
  return state;
}

/** A unique-constraint violation, told apart by the drivers' error codes (never by message). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = (err as { code: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
