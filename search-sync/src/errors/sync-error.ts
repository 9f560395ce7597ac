// Typed errors with a code and a cause. Two families, because they are handled differently
// (bullmq's unrecoverable-error.ts): a RetryableError may succeed later (Meilisearch down or slow, a
// busy database) and is retried with backoff; an UnrecoverableError never will (a document that
// cannot be built or that Meilisearch rejects) and parks its change, visibly.
export type SyncErrorCode =
  | 'MEILI_UNAVAILABLE'
  | 'MEILI_TASK_FAILED'
  | 'MEILI_TASK_TIMEOUT'
  | 'MEILI_BINARY_MISMATCH'
  | 'MEILI_BINARY_MISSING'
  | 'DATABASE_UNAVAILABLE'
  | 'OUTBOX_MISSING'
  | 'DOCUMENT_INVALID'
  | 'DOCUMENT_REJECTED';

export abstract class SyncError extends Error {
  abstract readonly retryable: boolean;
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class RetryableError extends SyncError {
  override name = 'RetryableError';
  readonly retryable = true;
}

export class UnrecoverableError extends SyncError {
  override name = 'UnrecoverableError';
  readonly retryable = false;
}

/** Anything thrown that is not a SyncError is treated as retryable: a transient fault is likelier than a bug, and parking after max attempts still catches bugs. */
export function isUnrecoverable(error: unknown): error is UnrecoverableError {
  return error instanceof UnrecoverableError;
}

export function describeError(error: unknown): string {
  if (error instanceof SyncError) return `${error.code}: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
