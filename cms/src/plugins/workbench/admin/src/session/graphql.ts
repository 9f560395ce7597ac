// The workbench talks to the api's GraphQL only, with the staff member's CMS-issued token. Every
// call has a timeout and can be cancelled by its caller (a newer keystroke supersedes it).

/** A GraphQL error the api returned, with its code (extensions.code) and the field it names. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 8000;

/** `timeoutMs`: longer for the rare slow call (a PDF printed by the server), 8 s otherwise. */
export async function graphql<T>(apiUrl: string, token: string, query: string, variables: Record<string, unknown>, signal?: AbortSignal, timeoutMs = TIMEOUT_MS): Promise<T> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const res = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
  });
  let body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }> };
  try {
    body = (await res.json()) as typeof body;
  } catch {
    throw new ApiRequestError(`HTTP ${res.status}`, 'BAD_RESPONSE');
  }
  const first = body.errors?.[0];
  if (first) throw new ApiRequestError(first.message, first.extensions?.code ?? 'UNKNOWN', first.extensions?.field);
  if (body.data === undefined) throw new ApiRequestError(`HTTP ${res.status}`, 'BAD_RESPONSE');
  return body.data;
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
