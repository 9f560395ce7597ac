// Protection against abusive queries (the api is public). Every limit is checked by `guard` before
// graphql-js validates the document (validation itself is quadratic in some shapes), in one linear
// pass (query-analysis.ts), and again on the resolved operation by the plugin, which also charges the
// caller's rate limit with the operation's lookups. Refusals are coded 400s, never 5xx.
import type { ApolloServerPlugin } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { BREAK, Kind, parse, visit, type ArgumentNode, type ASTNode, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type VariableDefinitionNode } from 'graphql';
import { BadRequestError, BadUserInputError, QueryTooComplexError } from '../errors/index.ts';
import type { ApiContext } from './context.ts';
import { createQueryAnalyzer, documentShape, mostRepeatedResponseName, type QueryCost } from './query-analysis.ts';

export const QUERY_LIMITS = {
  maxQueryChars: 10_000,
  /** Lexical tokens of a document (graphql's parser stops counting there). */
  maxTokens: 4_000,
  maxDepth: 10,
  /**
   * Introspection in development: the depth of graphql-js getIntrospectionQuery(), worked out by hand:
   * __schema › types › fields › args › type, then TypeRef's nine nested ofType and their leaves (5 + 10).
   * In production introspection is off and `maxDepth` applies to every path.
   */
  maxIntrospectionDepth: 15,
  /** Fields with fragments expanded (the full introspection query has about 230). */
  maxNodes: 2_000,
  maxComplexity: 20_000,
  /** Backend lookups (search units) one operation may make; each also counts against the rate limit. */
  maxLookups: 20,
  /** Fields sharing one response name in one selection set. */
  maxRepeatedField: 20,
  /** Nesting of list/object literals (a search filter is two deep). */
  maxValueNesting: 8,
  /** Inline fragments directly inside one another. */
  maxInlineFragmentNesting: 5,
  /** Variables one operation declares. */
  maxVariables: 50,
  /** Largest page any list field accepts; a larger `first` is refused by the resolver with its own coded error. */
  maxPage: 100,
} as const;

export interface GraphqlRequestBody {
  query: string;
  variables?: unknown;
}

// Lone surrogates cannot be encoded as UTF-8: Meilisearch and PostgreSQL would refuse or mangle them.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// U+0000 is valid Unicode, but PostgreSQL text cannot hold it: any query carrying it fails (it was an
// INTERNAL_SERVER_ERROR for `petition(id: "a\u0000b")`), so no text argument may contain it.
const hasNul = (s: string) => s.includes('\u0000');
const badText = (s: string): 'surrogate' | 'nul' | undefined => (LONE_SURROGATE.test(s) ? 'surrogate' : hasNul(s) ? 'nul' : undefined);

// The field is named inside the variables (`input.contact.name`), as resolvers name it, so a client
// maps the error onto its form field the same way whichever layer refused it.
function illFormed(path: string, kind: 'surrogate' | 'nul' = 'surrogate'): BadUserInputError {
  return kind === 'nul'
    ? BadUserInputError.single(path.split('.').slice(1), 'invalid_string', '含有 NUL 控制字符 (U+0000 is not accepted in text)')
    : BadUserInputError.single(path.split('.').slice(1), 'invalid_string', '含有无效的 Unicode 字符 (lone UTF-16 surrogate; text must be valid Unicode)');
}

/** A U+0000 written in the document's own string literals (GraphQL's "\u0000"), named by its argument or variable. */
function nulLiteral(document: DocumentNode): BadUserInputError | undefined {
  let found: BadUserInputError | undefined;
  visit(document, {
    StringValue(node, _key, _parent, _path, ancestors) {
      if (found || !hasNul(node.value)) return;
      const owner = [...ancestors].reverse().find((a): a is ArgumentNode | VariableDefinitionNode => !Array.isArray(a) && ((a as ASTNode).kind === Kind.ARGUMENT || (a as ASTNode).kind === Kind.VARIABLE_DEFINITION));
      const name = !owner ? 'query' : owner.kind === Kind.ARGUMENT ? owner.name.value : owner.variable.name.value;
      found = illFormed(`document.${name}`, 'nul');
      return BREAK;
    },
  });
  return found;
}

/**
 * `variables.key.…` named by the argument the variable feeds (`idempotencyKey.…`), as the resolver
 * that would otherwise refuse the value names it; unchanged when the document does not parse or the
 * variable feeds no argument.
 */
function asArgumentPath(query: unknown, path: string): string {
  const [, variable, ...rest] = path.split('.');
  if (typeof query !== 'string' || !variable) return path;
  let argument: string | undefined;
  try {
    visit(parse(query, { maxTokens: QUERY_LIMITS.maxTokens }), {
      Argument(node) {
        if (node.value.kind === Kind.VARIABLE && node.value.name.value === variable) {
          argument = node.name.value;
          return BREAK;
        }
        return undefined;
      },
    });
  } catch {
    return path;
  }
  return ['variables', argument ?? variable, ...rest].join('.');
}

/** Path of the first string in the variables (keys included) that is not valid Unicode or holds U+0000; iterative, so deep JSON cannot overflow the stack. */
export function illFormedVariable(variables: unknown): string | undefined {
  return badVariableText(variables)?.path;
}

function badVariableText(variables: unknown): { path: string; kind: 'surrogate' | 'nul' } | undefined {
  const stack: Array<[unknown, string]> = [[variables, 'variables']];
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      const kind = badText(value);
      if (kind) return { path, kind };
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push([v, `${path}.${i}`]));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const kind = badText(k);
        if (kind) return { path, kind };
        stack.push([v, `${path}.${k}`]);
      }
    }
  }
  return undefined;
}

function check(cost: QueryCost, production: boolean): void {
  const L = QUERY_LIMITS;
  if (cost.depth > L.maxDepth) throw new QueryTooComplexError(`查询嵌套过深 (query depth ${cost.depth} exceeds ${L.maxDepth})`, 'depth', cost.depth, L.maxDepth);
  const maxIntrospection = production ? L.maxDepth : L.maxIntrospectionDepth;
  if (cost.introspectionDepth > maxIntrospection) {
    throw new QueryTooComplexError(
      `内省查询嵌套过深 (introspection depth ${cost.introspectionDepth} exceeds ${maxIntrospection})`,
      'introspectionDepth',
      cost.introspectionDepth,
      maxIntrospection,
    );
  }
  if (cost.nodes > L.maxNodes) throw new QueryTooComplexError(`查询字段过多 (query selects ${cost.nodes} fields, over ${L.maxNodes})`, 'nodes', cost.nodes, L.maxNodes);
  if (cost.complexity > L.maxComplexity) {
    throw new QueryTooComplexError(`查询过于复杂 (query complexity ${cost.complexity} exceeds ${L.maxComplexity})`, 'complexity', cost.complexity, L.maxComplexity);
  }
  if (cost.lookups > L.maxLookups) {
    throw new QueryTooComplexError(`单次请求的检索与详情查询过多 (query makes ${cost.lookups} lookups, over ${L.maxLookups})`, 'lookups', cost.lookups, L.maxLookups);
  }
}

export interface QueryLimits {
  plugin: ApolloServerPlugin<ApiContext>;
  parseOptions: { maxTokens: number };
  /**
   * Checks a request before Apollo parses and validates it: throws a coded ApiError (400) when a
   * limit is exceeded or a variable holds text that is not valid Unicode. A document that does not parse is left to
   * Apollo, which answers GRAPHQL_PARSE_FAILED.
   */
  guard(body: GraphqlRequestBody): void;
}

/** `lookupCosts`: backend lookups of each root Query field that reads the search index. */
export function queryLimits(opts: { production: boolean; lookupCosts: Readonly<Record<string, number>> }): QueryLimits {
  let schema: GraphQLSchema | undefined;
  const analyze = (document: DocumentNode, variables: Record<string, unknown>) => {
    if (!schema) throw new Error('query limits used before the server started');
    return createQueryAnalyzer(document, { schema, variables, lookupCosts: opts.lookupCosts, maxPage: QUERY_LIMITS.maxPage });
  };
  const variablesOf = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

  const checkShape = (document: DocumentNode) => {
    // (A lone surrogate written in the document itself is a syntax error to graphql-js's lexer.)
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (operations.some((op) => op.operation === 'subscription')) {
      throw new BadRequestError('不支持订阅 (subscriptions are not supported; use a query)');
    }
    const shape = { ...documentShape(document), repeatedField: mostRepeatedResponseName(document) };
    const L = QUERY_LIMITS;
    const shapeLimits = [
      ['repeatedField', L.maxRepeatedField, '同一字段重复过多 (%v selections of one field in one selection set, over %m)'],
      ['valueNesting', L.maxValueNesting, '参数嵌套过深 (argument values nested %v deep, over %m)'],
      ['inlineFragmentNesting', L.maxInlineFragmentNesting, '内联片段嵌套过深 (inline fragments nested %v deep, over %m)'],
      ['variables', L.maxVariables, '变量过多 (%v variables in one operation, over %m)'],
    ] as const;
    for (const [limit, max, message] of shapeLimits) {
      const value = shape[limit];
      if (value > max) throw new QueryTooComplexError(message.replace('%v', String(value)).replace('%m', String(max)), limit, value, max);
    }
  };
  // Bounded: a stranger sending endless distinct documents only evicts older entries.
  const shapeChecked = new LRUCache<string, DocumentNode>({ max: 500 });

  return {
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    guard(body) {
      const badVariable = badVariableText(body.variables);
      if (badVariable) throw illFormed(badVariable.kind === 'nul' ? asArgumentPath(body.query, badVariable.path) : badVariable.path, badVariable.kind);
      // The hot path (a keystroke's suggest, a search) sends the same few documents again and
      // again: a document that passed the shape limits is kept parsed, keyed by its exact text.
      // What depends on the variables (the cost analysis below) still runs on every request.
      let document = shapeChecked.get(body.query);
      if (!document) {
        try {
          document = parse(body.query, { maxTokens: QUERY_LIMITS.maxTokens });
        } catch {
          return;
        }
        checkShape(document);
        const nul = nulLiteral(document);
        if (nul) throw nul;
        shapeChecked.set(body.query, document);
      }
      // Every definition is measured, used or not: graphql-js validates them all.
      const analyzer = analyze(document, variablesOf(body.variables));
      for (const d of document.definitions) {
        if (d.kind === Kind.OPERATION_DEFINITION) check(analyzer.operation(d), opts.production);
        else if (d.kind === Kind.FRAGMENT_DEFINITION) check(analyzer.fragment(d.name.value), opts.production);
      }
    },
    plugin: {
      async serverWillStart(service) {
        schema = service.schema;
        return {
          schemaDidLoadOrUpdate(update) {
            schema = update.apiSchema;
          },
        };
      },
      async requestDidStart() {
        return {
          // The same limits on the operation that is about to run (whatever path the request took),
          // then its lookups are charged to the caller's rate limit before anything is read.
          async didResolveOperation({ document, operation, request, contextValue }) {
            if (!operation) return;
            if (operation.operation === 'subscription') throw new BadRequestError('不支持订阅 (subscriptions are not supported; use a query)');
            const cost = analyze(document, variablesOf(request.variables)).operation(operation);
            check(cost, opts.production);
            contextValue.rateLimit(cost.lookups);
          },
        };
      },
    },
  };
}
