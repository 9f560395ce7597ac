// Protection against abusive queries (the api is public): a maximum depth, a maximum complexity
// (every field costs 1, a paged field multiplies its children by the page size asked for), and a
// maximum length of the query document. Rejections are GraphQL validation failures.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type ValidationRule } from 'graphql';
import depthLimit from 'graphql-depth-limit';
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

export function queryLimits(): { validationRules: ValidationRule[]; plugin: ApolloServerPlugin<ApiContext> } {
  return {
    validationRules: [depthLimit(QUERY_LIMITS.maxDepth) as ValidationRule],
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
