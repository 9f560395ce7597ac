// Protection against abusive queries (the api is public): a maximum depth, a maximum complexity
// (every field costs 1, a paged field multiplies its children by the page size asked for), and a
// maximum length of the query document. Rejections are GraphQL validation failures.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { createRequire } from 'node:module';
import type { ApiContext } from './context.ts';

// The package's ESM build imports graphql's .mjs files, a second copy of graphql next to the one
// Apollo builds the schema with ("from another module or realm"); its CommonJS build shares it.
const { getComplexity, simpleEstimator } = createRequire(import.meta.url)('graphql-query-complexity') as typeof import('graphql-query-complexity');

export const QUERY_LIMITS = {
  maxDepth: 10,
  maxComplexity: 20_000,
  maxQueryChars: 10_000,
} as const;

/** Largest page any list field accepts; a larger `first` is refused by the resolver with its own coded error. */
const MAX_PAGE = 100;

/** A field with `first` or `limit` returns that many children: its cost is children × page size. */
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = typeof args.first === 'number' ? args.first : typeof args.limit === 'number' ? args.limit : undefined;
  return size === undefined ? undefined : 1 + childComplexity * Math.min(MAX_PAGE, Math.max(1, size));
};

/**
 * The deepest field nesting of each operation, fragments expanded. Introspection fields count too:
 * a deeply nested `ofType { ofType { … } }` is the classic way to make a server do needless work.
 */
export function maxDepthRule(max: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (set: SelectionSetNode, seen: ReadonlySet<string>): number => {
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          deepest = Math.max(deepest, 1 + (selection.selectionSet ? depthOf(selection.selectionSet, seen) : 0));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // A fragment cycle is reported by graphql's own NoFragmentCycles rule.
          if (fragment && !seen.has(name)) deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set([...seen, name])));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > max) context.reportError(new GraphQLError(`查询嵌套过深 (query depth ${depth} exceeds ${max})`, { nodes: [node] }));
      },
    };
  };
}

export function queryLimits(): { validationRules: ValidationRule[]; plugin: ApolloServerPlugin<ApiContext> } {
  return {
    validationRules: [maxDepthRule(QUERY_LIMITS.maxDepth)],
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ request, document, schema }) {
            let complexity: number;
            try {
              complexity = getComplexity({
                schema,
                query: document,
                operationName: request.operationName,
                variables: request.variables ?? {},
                estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
              });
            } catch {
              // Variables that do not coerce: execution reports them as BAD_USER_INPUT with their path.
              return;
            }
            if (complexity > QUERY_LIMITS.maxComplexity) {
              throw new GraphQLError(`查询过于复杂 (query complexity ${complexity} exceeds ${QUERY_LIMITS.maxComplexity})`, {
                extensions: { code: 'GRAPHQL_VALIDATION_FAILED', complexity, maxComplexity: QUERY_LIMITS.maxComplexity },
              });
            }
          },
        };
      },
    },
  };
}
