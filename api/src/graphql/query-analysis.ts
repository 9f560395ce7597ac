// What a query document asks of the server, measured in one pass over the document: field depth,
// fields with every fragment expanded, estimated complexity, and backend lookups (search units).
// Each fragment is measured once and its figures reused wherever it is spread, so the work is
// linear in the size of the document even when a 1 KB chain of fragments, each spreading the next
// twice, expands to millions of fields (the counts then grow to Infinity rather than the time).
import { Kind, visit, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

// The schema is read by shape, never with graphql's instanceof helpers (isObjectType …): under vitest
// this module can load graphql's ESM build while Apollo built the schema with its CommonJS one, and
// graphql refuses objects "from another module or realm".
interface TypeLike {
  name: string;
  getFields?: () => Record<string, FieldLike>;
}
interface FieldLike {
  args: ReadonlyArray<{ name: string; defaultValue?: unknown }>;
  type: unknown;
}

function namedType(type: unknown): TypeLike | undefined {
  let t = type as { ofType?: unknown } | undefined;
  while (t && typeof t === 'object' && 'ofType' in t && t.ofType) t = t.ofType as { ofType?: unknown };
  return t as TypeLike | undefined;
}

export interface QueryCost {
  /** Deepest field nesting on paths outside `__schema`/`__type`. */
  depth: number;
  /** Deepest field nesting on paths through `__schema`/`__type` (0 when there is none). */
  introspectionDepth: number;
  /** Field selections with every fragment expanded (aliases and repeated spreads count each time). */
  nodes: number;
  /** Every field costs 1; a field with `first`/`limit` multiplies its children by that page size. */
  complexity: number;
  /** Backend lookups of the root fields (`lookupCosts`), the unit the rate limit charges. */
  lookups: number;
}

export interface AnalysisOptions {
  schema: GraphQLSchema;
  variables: Record<string, unknown>;
  /** Lookups a root Query field costs; a field not listed costs none. */
  lookupCosts: Readonly<Record<string, number>>;
  /** Page size assumed for a list argument that is absent and has no default (the largest page). */
  maxPage: number;
}

const NONE: QueryCost = { depth: 0, introspectionDepth: 0, nodes: 0, complexity: 0, lookups: 0 };
const PAGE_ARGUMENTS = ['first', 'limit'];

/** A document analyser for one request (its variables); fragments are memoised across its operations. */
export function createQueryAnalyzer(document: DocumentNode, opts: AnalysisOptions) {
  const { schema, variables, lookupCosts, maxPage } = opts;
  const queryType = schema.getQueryType();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(d.name.value)) fragments.set(d.name.value, d);
  // `null` while a fragment is being measured: a spread that comes back to it is a cycle, which
  // graphql's NoFragmentCycles rejects; here it simply adds nothing.
  const memo = new Map<string, QueryCost | null>();

  const queryTypeName = queryType?.name;
  /** A field's arguments and the type of what it returns; the meta fields by name. */
  const fieldDef = (parent: TypeLike | undefined, name: string): { args: FieldLike['args']; childType: TypeLike | undefined } | undefined => {
    if (name === '__typename') return { args: [], childType: undefined };
    if (parent?.name === queryTypeName && name === '__schema') return { args: [], childType: typeNamed('__Schema', undefined) };
    if (parent?.name === queryTypeName && name === '__type') return { args: [{ name: 'name' }], childType: typeNamed('__Type', undefined) };
    const field = parent?.getFields?.()[name];
    return field ? { args: field.args, childType: namedType(field.type) } : undefined;
  };

  /** The page size a list field returns: its `first`/`limit` argument, else the default, else the largest page. */
  const pageSize = (node: FieldNode, def: { args: FieldLike['args'] } | undefined): number | undefined => {
    const arg = def?.args.find((a) => PAGE_ARGUMENTS.includes(a.name));
    if (!arg) return undefined;
    const given = node.arguments?.find((a) => a.name.value === arg.name)?.value;
    let size: unknown = arg.defaultValue;
    if (given?.kind === Kind.INT) size = Number.parseInt(given.value, 10);
    else if (given?.kind === Kind.VARIABLE) size = variables[given.name.value] ?? arg.defaultValue;
    return typeof size === 'number' && Number.isFinite(size) ? Math.min(maxPage, Math.max(1, Math.trunc(size))) : maxPage;
  };

  function typeNamed(name: string | undefined, fallback: TypeLike | undefined): TypeLike | undefined {
    if (name === undefined) return fallback;
    return schema.getType(name) as TypeLike | undefined;
  }

  const fragmentCost = (name: string): QueryCost => {
    const known = memo.get(name);
    if (known !== undefined) return known ?? NONE;
    const def = fragments.get(name);
    if (!def) return NONE; // graphql's KnownFragmentNames reports it
    memo.set(name, null);
    const cost = setCost(def.selectionSet, typeNamed(def.typeCondition.name.value, undefined));
    memo.set(name, cost);
    return cost;
  };

  const setCost = (set: SelectionSetNode, parent: TypeLike | undefined): QueryCost => {
    const total = { ...NONE };
    const add = (c: QueryCost) => {
      total.depth = Math.max(total.depth, c.depth);
      total.introspectionDepth = Math.max(total.introspectionDepth, c.introspectionDepth);
      total.nodes += c.nodes;
      total.complexity += c.complexity;
      total.lookups += c.lookups;
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        add(fragmentCost(selection.name.value));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(setCost(selection.selectionSet, typeNamed(selection.typeCondition?.name.value, parent)));
      } else {
        const name = selection.name.value;
        const def = fieldDef(parent, name);
        const child = selection.selectionSet ? setCost(selection.selectionSet, def?.childType) : NONE;
        const enters = name === '__schema' || name === '__type';
        const size = pageSize(selection, def);
        add({
          depth: enters ? 0 : 1 + child.depth,
          introspectionDepth: enters ? 1 + Math.max(child.depth, child.introspectionDepth) : child.introspectionDepth ? 1 + child.introspectionDepth : 0,
          nodes: 1 + child.nodes,
          complexity: 1 + child.complexity * (size ?? 1),
          lookups: child.lookups + (parent !== undefined && parent.name === queryTypeName ? (lookupCosts[name] ?? 0) : 0),
        });
      }
    }
    return total;
  };

  return {
    /** A fragment definition on its own (graphql validates every definition, used or not). */
    fragment(name: string): QueryCost {
      const cost = fragmentCost(name);
      // A fragment on an introspection type (`__Type` …) is introspection wherever it is spread.
      const onIntrospection = fragments.get(name)?.typeCondition.name.value.startsWith('__');
      return onIntrospection ? { ...cost, depth: 0, introspectionDepth: Math.max(cost.depth, cost.introspectionDepth) } : cost;
    },
    operation(op: OperationDefinitionNode): QueryCost {
      const root = op.operation === 'query' ? queryType : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
      return setCost(op.selectionSet, (root ?? undefined) as TypeLike | undefined);
    },
  };
}

/**
 * The most fields sharing one response name in a single selection set (inline fragments merged in, as
 * graphql's OverlappingFieldsCanBeMerged merges them): that rule compares such fields pairwise, so
 * hundreds of `a: health` in one selection set cost it a quadratic number of comparisons.
 */
export function mostRepeatedResponseName(document: DocumentNode): number {
  let most = 0;
  const visitOwned = (set: SelectionSetNode) => {
    // Each selection set is counted where it is owned (by a field, an operation or a fragment
    // definition), walking down its inline fragments once; nested sets are queued, not revisited.
    const counts = new Map<string, number>();
    const stack: SelectionSetNode[] = [set];
    while (stack.length) {
      const current = stack.pop()!;
      for (const s of current.selections) {
        if (s.kind === Kind.INLINE_FRAGMENT) stack.push(s.selectionSet);
        else if (s.kind === Kind.FIELD) {
          const key = (s.alias ?? s.name).value;
          const n = (counts.get(key) ?? 0) + 1;
          counts.set(key, n);
          if (n > most) most = n;
          if (s.selectionSet) owned.push(s.selectionSet);
        }
      }
    }
  };
  const owned: SelectionSetNode[] = [];
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) owned.push(d.selectionSet);
  }
  while (owned.length) visitOwned(owned.pop()!);
  return most;
}

export interface DocumentShape {
  /** Deepest nesting of list and object literals. */
  valueNesting: number;
  /** Deepest run of inline fragments directly inside one another (graphql-js re-collects each level). */
  inlineFragmentNesting: number;
  /** Most variables one operation declares. */
  variables: number;
}

/** Shapes of a document that cost graphql-js's validation more than its size suggests; one visit. */
export function documentShape(document: DocumentNode): DocumentShape {
  const shape: DocumentShape = { valueNesting: 0, inlineFragmentNesting: 0, variables: 0 };
  let values = 0;
  const inline: number[] = [0];
  const open = { enter: () => void (shape.valueNesting = Math.max(shape.valueNesting, ++values)), leave: () => void values-- };
  visit(document, {
    OperationDefinition(node) {
      shape.variables = Math.max(shape.variables, node.variableDefinitions?.length ?? 0);
    },
    ListValue: open,
    ObjectValue: open,
    Field: { enter: () => void inline.push(0), leave: () => void inline.pop() },
    InlineFragment: {
      enter: () => {
        const depth = (inline.pop() ?? 0) + 1;
        inline.push(depth);
        shape.inlineFragmentNesting = Math.max(shape.inlineFragmentNesting, depth);
      },
      leave: () => void inline.push((inline.pop() ?? 1) - 1),
    },
  });
  return shape;
}
