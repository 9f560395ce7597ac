// The timeline's events written by set-based SQL (the sweeper's urges and escalations, 第十一条):
// typed fragments built from EventPayloads and DEDUPE, so an event inserted by SQL has the same
// type, dedupe key and payload shape as one built by newEvent() in a command. Portable between
// SQLite and PostgreSQL: `||` concatenation and inlined literals only.
import { sql, type RawBuilder } from 'kysely';
import { DEDUPE, DEDUPE_PARTS, type EventPayloads, type PetitionEventType } from './events.ts';

/** An SQL expression of a number, e.g. the urge number of a derived row. */
export type SqlNumber = RawBuilder<number>;

/** A payload whose numeric fields may come from SQL expressions; every other field is a constant. */
export type PayloadSql<T extends PetitionEventType> = {
  [K in keyof EventPayloads[T]]: EventPayloads[T][K] extends number ? EventPayloads[T][K] | SqlNumber : EventPayloads[T][K];
};

const isSql = (v: unknown): v is SqlNumber => typeof v === 'object' && v !== null && 'toOperationNode' in v;

/** The event type as an SQL literal (checked against EventPayloads). */
export function eventTypeSql<T extends PetitionEventType>(type: T): RawBuilder<T> {
  return sql.lit(type) as RawBuilder<T>;
}

/**
 * The payload's JSON text. Constants are serialized here; SQL numbers are concatenated in as their
 * decimal text, which is their JSON form. The result is the JSON.stringify of the same object.
 */
export function payloadSql<T extends PetitionEventType>(_type: T, payload: PayloadSql<T>): RawBuilder<string> {
  const entries = Object.entries(payload as Record<string, unknown>);
  if (!entries.some(([, v]) => isSql(v))) return sql<string>`${JSON.stringify(payload)}`;
  const parts: RawBuilder<unknown>[] = [];
  let text = '{';
  entries.forEach(([key, value], i) => {
    text += `${i > 0 ? ',' : ''}${JSON.stringify(key)}:`;
    if (isSql(value)) {
      parts.push(sql.lit(text), sql`(${value})`);
      text = '';
    } else {
      text += JSON.stringify(value);
    }
  });
  parts.push(sql.lit(`${text}}`));
  return sql<string>`${sql.join(parts, sql` || `)}`;
}

/** DEDUPE.urge(department, urgeNumber) in SQL: `'urge:' || department || ':' || urgeNumber`. */
export function urgeDedupeKeySql(department: RawBuilder<string>, urgeNumber: SqlNumber): RawBuilder<string> {
  const { urgePrefix, separator } = DEDUPE_PARTS;
  return sql<string>`${sql.lit(`${urgePrefix}${separator}`)} || ${department} || ${sql.lit(separator)} || ${urgeNumber}`;
}

/** DEDUPE.escalation as an SQL literal. */
export const ESCALATION_DEDUPE_KEY_SQL: RawBuilder<string> = sql.lit(DEDUPE.escalation);
