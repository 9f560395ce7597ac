// Strapi 5 accepts relation input in several shapes: a documentId string, a numeric id, an object
// `{ documentId }`/`{ id }`, an array of those, or `{ connect, set, disconnect }`. These helpers
// reduce any of them to the references that the write would link.
export interface RelationRef { documentId?: string; id?: number }

function toRef(value: unknown): RelationRef | undefined {
  if (typeof value === 'string' && value !== '') return { documentId: value };
  if (typeof value === 'number') return { id: value };
  if (value && typeof value === 'object') {
    const v = value as { documentId?: unknown; id?: unknown };
    if (typeof v.documentId === 'string') return { documentId: v.documentId };
    if (typeof v.id === 'number') return { id: v.id };
    if (typeof v.id === 'string' && /^\d+$/.test(v.id)) return { id: Number(v.id) };
  }
  return undefined;
}

function refsOf(list: unknown): RelationRef[] {
  const arr = Array.isArray(list) ? list : [list];
  return arr.map(toRef).filter((r): r is RelationRef => r !== undefined);
}

/** The references a relation input links (connect + set, or the plain value). */
export function linkedRefs(input: unknown): RelationRef[] {
  if (input === null || input === undefined) return [];
  if (typeof input === 'object' && !Array.isArray(input) && ('connect' in input || 'set' in input || 'disconnect' in input)) {
    const i = input as { connect?: unknown; set?: unknown };
    return [...(i.set !== undefined ? refsOf(i.set) : []), ...(i.connect !== undefined ? refsOf(i.connect) : [])];
  }
  return refsOf(input);
}

/** True when the input would leave a to-one relation empty: `null`, `[]`, `{ set: [] }` or a bare disconnect. */
export function clearsRelation(input: unknown): boolean {
  if (input === null) return true;
  if (Array.isArray(input)) return input.length === 0;
  if (typeof input === 'object' && input) {
    const i = input as { connect?: unknown[]; set?: unknown[]; disconnect?: unknown[] };
    if (Array.isArray(i.set)) return i.set.length === 0;
    const connecting = Array.isArray(i.connect) ? i.connect.length : 0;
    const disconnecting = Array.isArray(i.disconnect) ? i.disconnect.length : 0;
    return connecting === 0 && disconnecting > 0;
  }
  return false;
}
