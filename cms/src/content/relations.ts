// Strapi 5 accepts relation input in several shapes: a documentId string, a numeric id, an object
// `{ documentId }`/`{ id }`, an array of those, or `{ connect, set, disconnect }` whose entries may
// carry `locale` and `position` ({ before | after: documentId } or { start | end: true }). These
// helpers reduce any of them to what the write would do. The admin's edit view sends every relation
// field on every save; one the person did not touch arrives as `{ connect: [], disconnect: [] }`
// (shapes recorded in test/fixtures/admin-requests/).
export interface RelationRef { documentId?: string; id?: number }

/** What a write does to a to-one relation (e.g. an entry's department). */
export type ToOneChange =
  | { kind: 'unchanged' }
  | { kind: 'cleared' }
  | { kind: 'linked'; refs: RelationRef[] }
  /** Entries that name no document (neither an id nor a documentId). */
  | { kind: 'unreadable' };

function toRef(value: unknown): RelationRef | undefined {
  if (typeof value === 'string' && value !== '') return { documentId: value };
  if (typeof value === 'number' && Number.isInteger(value)) return { id: value };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as { documentId?: unknown; id?: unknown };
    // The admin sends both the row id and the documentId of the chosen entry; the documentId names
    // the document in every locale, so it wins.
    if (typeof v.documentId === 'string' && v.documentId !== '') return { documentId: v.documentId };
    if (typeof v.id === 'number' && Number.isInteger(v.id)) return { id: v.id };
    if (typeof v.id === 'string' && /^\d+$/.test(v.id)) return { id: Number(v.id) };
  }
  return undefined;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** The references of a list; undefined when any entry names no document. */
function refsOf(value: unknown): RelationRef[] | undefined {
  const refs: RelationRef[] = [];
  for (const entry of asList(value)) {
    const ref = toRef(entry);
    if (!ref) return undefined;
    refs.push(ref);
  }
  return refs;
}

function isOperationObject(input: unknown): input is { connect?: unknown; set?: unknown; disconnect?: unknown } {
  return typeof input === 'object' && input !== null && !Array.isArray(input) && ('connect' in input || 'set' in input || 'disconnect' in input);
}

function listLength(value: unknown): number {
  if (value === undefined || value === null) return 0;
  return Array.isArray(value) ? value.length : 1;
}

/** What the input does to a to-one relation. */
export function toOneChange(input: unknown): ToOneChange {
  if (input === undefined) return { kind: 'unchanged' };
  if (input === null) return { kind: 'cleared' };
  if (isOperationObject(input)) {
    if (input.set !== undefined) {
      if (input.set === null || listLength(input.set) === 0) return { kind: 'cleared' };
      const refs = refsOf(input.set);
      return refs ? { kind: 'linked', refs } : { kind: 'unreadable' };
    }
    if (listLength(input.connect) > 0) {
      const refs = refsOf(input.connect);
      return refs ? { kind: 'linked', refs } : { kind: 'unreadable' };
    }
    // A bare disconnect empties a to-one relation; nothing to connect nor disconnect leaves it as it is.
    return listLength(input.disconnect) > 0 ? { kind: 'cleared' } : { kind: 'unchanged' };
  }
  if (Array.isArray(input) && input.length === 0) return { kind: 'cleared' };
  const refs = refsOf(input);
  return refs ? { kind: 'linked', refs } : { kind: 'unreadable' };
}

/**
 * The references a relation input would link (connect + set, or the plain value). Entries that name
 * no document are returned as empty references, so that a lookup never finds them and a caller that
 * compares "found" with the number of references refuses them.
 */
export function linkedRefs(input: unknown): RelationRef[] {
  if (input === null || input === undefined) return [];
  const entries = isOperationObject(input)
    ? [...(input.set !== undefined && input.set !== null ? asList(input.set) : []), ...(input.connect !== undefined && input.connect !== null ? asList(input.connect) : [])]
    : asList(input);
  return entries.map((entry) => toRef(entry) ?? {});
}
