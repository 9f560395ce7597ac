// Turns whatever a resolver threw into a response error: our ApiErrors and GraphQL's own request
// errors keep their code; everything else becomes a masked INTERNAL_SERVER_ERROR (logged, no stack).
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { ApiError, ErrorCode } from './api-error.ts';

/** Codes Apollo Server itself assigns to request errors (parse, validation, variable coercion). */
const PASS_THROUGH_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Our ApiError, also when Apollo wrapped it (an error thrown by a plugin hook is wrapped in a new
 * GraphQLError when it is not an instance of Apollo's own graphql copy, as under vitest).
 */
function apiErrorIn(error: unknown): unknown {
  for (let e = error, hops = 0; e instanceof Error && hops < 5; e = (e as { originalError?: unknown }).originalError, hops++) {
    if (e instanceof ApiError) return e;
  }
  return error;
}

export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (err: unknown) => void = () => {},
): GraphQLFormattedError {
  const original = apiErrorIn(unwrapResolverError(error));
  if (original instanceof ApiError) {
    // `http` (status, Retry-After) is for Apollo's response head, not for the client's JSON.
    const { http: _http, ...extensions } = original.extensions;
    return { message: original.message, path: formatted.path, extensions };
  }
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && PASS_THROUGH_CODES.has(code) && original === error) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  log(original);
  return {
    message: '服务器内部错误 (internal server error)',
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
