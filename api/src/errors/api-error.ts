// Typed errors with a code (STYLE.md "Errors"): resolvers throw these; format-error.ts turns
// anything else into a masked INTERNAL_SERVER_ERROR. Nobody branches on a message.
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { z } from 'zod';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  BAD_REQUEST: 'BAD_REQUEST',
  SEARCH_UNAVAILABLE: 'SEARCH_UNAVAILABLE',
  PDF_UNAVAILABLE: 'PDF_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface InputIssue {
  /** Path of the offending field, e.g. ['input', 'submitter', 'uscc']. */
  path: (string | number)[];
  code: string;
  message: string;
}

/** Base class: a GraphQLError whose extensions.code is always set. */
export abstract class ApiError extends GraphQLError {
  abstract readonly code: ErrorCode;
  constructor(message: string, extensions: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, { extensions, originalError: options?.cause instanceof Error ? options.cause : undefined });
  }
}

export class BadUserInputError extends ApiError {
  override name = 'BadUserInputError';
  readonly code = ErrorCode.BAD_USER_INPUT;
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[]) {
    const first = issues[0];
    const field = first ? first.path.join('.') : '';
    super(first ? `${field}: ${first.message}` : '输入有误 (invalid input)', {
      code: ErrorCode.BAD_USER_INPUT,
      field,
      issues,
    });
    this.issues = issues;
  }

  /**
   * The one validation boundary: `value` checked against `schema`, or BAD_USER_INPUT with every zod
   * issue, each path under `path` (['input'] → `input.submitter.uscc`), so the client can point at the field.
   */
  static parse<S extends z.ZodType>(schema: S, value: unknown, path: readonly (string | number)[] = []): z.output<S> {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw BadUserInputError.fromZod(parsed.error, path);
    return parsed.data;
  }

  private static fromZod(error: z.ZodError, prefix: readonly (string | number)[]): BadUserInputError {
    return new BadUserInputError(
      error.issues.map((i) => ({
        path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        code: i.code,
        message: i.message,
      })),
    );
  }

  static single(path: (string | number)[], code: string, message: string): BadUserInputError {
    return new BadUserInputError([{ path, code, message }]);
  }
}

export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
  readonly code = ErrorCode.NOT_FOUND;
  constructor(message = '未找到 (not found)') {
    super(message, { code: ErrorCode.NOT_FOUND });
  }
}

/** Every denial. The message is fixed so it never tells whether the target exists. */
export class ForbiddenError extends ApiError {
  override name = 'ForbiddenError';
  readonly code = ErrorCode.FORBIDDEN;
  constructor() {
    super('无权访问 (forbidden)', { code: ErrorCode.FORBIDDEN });
  }
}

export class UnauthenticatedError extends ApiError {
  override name = 'UnauthenticatedError';
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message = '请先登录 (a valid bearer token is required)', options?: { cause?: unknown }) {
    super(message, { code: ErrorCode.UNAUTHENTICATED }, options);
  }
}

/** The request is valid but the petition's current status does not allow it (e.g. rating twice). */
export class ConflictError extends ApiError {
  override name = 'ConflictError';
  readonly code = ErrorCode.CONFLICT;
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { code: ErrorCode.CONFLICT, ...extensions });
  }
}

/**
 * Past the caller's budget. HTTP 429 with Retry-After (Apollo reads `extensions.http` before
 * formatting; format-error.ts never sends it to the client).
 */
export class RateLimitedError extends ApiError {
  override name = 'RateLimitedError';
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(retryAfterSeconds: number) {
    super('请求过于频繁，请稍后再试 (rate limited)', {
      code: ErrorCode.RATE_LIMITED,
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    });
  }
}

/** Which protection limit a query went over (query-limits.ts). */
export type QueryLimit =
  | 'depth'
  | 'introspectionDepth'
  | 'nodes'
  | 'complexity'
  | 'lookups'
  | 'repeatedField'
  | 'valueNesting'
  | 'inlineFragmentNesting'
  | 'variables';

/** The query asks for more work than one request may: refused before anything runs (HTTP 400). */
export class QueryTooComplexError extends ApiError {
  override name = 'QueryTooComplexError';
  readonly code = ErrorCode.QUERY_TOO_COMPLEX;
  constructor(message: string, limit: QueryLimit, value: number, max: number) {
    super(message, { code: ErrorCode.QUERY_TOO_COMPLEX, limit, value, max, http: { status: 400, headers: new HeaderMap() } });
  }
}

/** A request the api does not serve at all (a subscription, a malformed operation): HTTP 400. */
export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
  readonly code = ErrorCode.BAD_REQUEST;
  constructor(message: string) {
    super(message, { code: ErrorCode.BAD_REQUEST, http: { status: 400, headers: new HeaderMap() } });
  }
}

/** Meilisearch is down, slow or refuses the key: retryable, answered within the search timeout. */
export class SearchUnavailableError extends ApiError {
  override name = 'SearchUnavailableError';
  readonly code = ErrorCode.SEARCH_UNAVAILABLE;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, { code: ErrorCode.SEARCH_UNAVAILABLE, retryable: true }, options);
  }
}

/** Why a PDF could not be printed: no Chromium at CHROMIUM_PATH, or the render ran past its timeout. */
export type PdfFailure = 'chromium_missing' | 'timeout' | 'render_failed';

/** The server-side PDF could not be made; the other report formats still work. */
export class PdfUnavailableError extends ApiError {
  override name = 'PdfUnavailableError';
  readonly code = ErrorCode.PDF_UNAVAILABLE;
  constructor(message: string, reason: PdfFailure, options?: { cause?: unknown }) {
    super(message, { code: ErrorCode.PDF_UNAVAILABLE, reason, retryable: reason !== 'chromium_missing' }, options);
  }
}

/** Closes a switch over a union: the compiler proves every case is handled. */
export class UnreachableCaseError extends Error {
  override name = 'UnreachableCaseError';
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}

