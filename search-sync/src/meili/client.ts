// One way to talk to Meilisearch: the official client, with a timeout on every request and on
// every task wait, and errors mapped onto our two families. A Meilisearch that is down or hangs
// turns into a RetryableError within the timeout; a task that Meilisearch rejects (a bad document,
// a bad setting) is an UnrecoverableError.
import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type Task } from 'meilisearch';
import { RetryableError, UnrecoverableError } from '../errors/index.ts';

export interface MeiliConnection {
  client: Meilisearch;
  host: string;
  /** Waits for an enqueued task and requires it to succeed. */
  /** Polls every `intervalMs` (10) for at most `timeoutMs` (the task timeout); each poll has the request timeout. */
  waitSucceeded(task: EnqueuedTaskPromise | Promise<{ taskUid: number }>, wait?: { intervalMs?: number; timeoutMs?: number }): Promise<Task>;
  /** Runs a request and maps its failure onto RetryableError / UnrecoverableError. */
  call<T>(what: string, run: (client: Meilisearch) => Promise<T>): Promise<T>;
  taskTimeoutMs: number;
  /** The same connection with another request timeout (bulk additions of a reindex send megabytes). */
  withTimeout(timeoutMs: number): MeiliConnection;
}

export function mapMeiliError(what: string, error: unknown): Error {
  if (error instanceof RetryableError || error instanceof UnrecoverableError) return error;
  if (error instanceof MeilisearchApiError) {
    const status = error.response.status;
    // 5xx and 429 can pass; 4xx means the request itself is wrong and will stay wrong.
    if (status >= 500 || status === 429) return new RetryableError('MEILI_UNAVAILABLE', `${what}: Meilisearch answered ${status}`, { cause: error });
    return new UnrecoverableError('DOCUMENT_REJECTED', `${what}: Meilisearch rejected the request (${status} ${error.cause?.code ?? ''})`, { cause: error });
  }
  // MeilisearchRequestError (connection refused, reset), MeilisearchRequestTimeOutError, aborts.
  return new RetryableError('MEILI_UNAVAILABLE', `${what}: Meilisearch is unreachable or too slow`, { cause: error });
}

export function connectMeili(options: { host: string; apiKey: string; timeoutMs: number; taskTimeoutMs: number }): MeiliConnection {
  const withTimeout = (timeoutMs: number) => connectMeili({ ...options, timeoutMs });
  // Uncompressed answers: Meilisearch otherwise brotli-compresses every task poll and document page,
  // CPU it needs for indexing (schemas/src/search/meili-connection.ts for the api's side).
  const client = new Meilisearch({ host: options.host, apiKey: options.apiKey, timeout: options.timeoutMs, requestInit: { headers: { 'accept-encoding': 'identity' } } });
  const call = async <T>(what: string, run: (c: Meilisearch) => Promise<T>): Promise<T> => {
    try {
      return await run(client);
    } catch (error) {
      throw mapMeiliError(what, error);
    }
  };
  // Our own poll rather than the client's waitForTask: in meilisearch-js 0.62 each poll of that loop
  // leaves an abort listener on the wait's signal, so a long wait piles them up (1,761 and Node's
  // MaxListenersExceededWarning during an 80-second wait in bench:sync). Each poll here is a plain request with the
  // request timeout; the wait ends at the deadline. A short interval by default: publish→searchable is
  // measured in tens of milliseconds.
  const pollTask = async (taskUid: number, timeoutMs: number, intervalMs: number): Promise<Task> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const task = await call(`task ${taskUid}`, (c) => c.tasks.getTask(taskUid));
      if (task.status !== 'enqueued' && task.status !== 'processing') return task;
      const left = deadline - Date.now();
      if (left <= 0) throw new RetryableError('MEILI_UNAVAILABLE', `task ${taskUid}: Meilisearch did not finish it within ${timeoutMs} ms (still ${task.status})`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, left)));
    }
  };
  return {
    client,
    host: options.host,
    taskTimeoutMs: options.taskTimeoutMs,
    withTimeout,
    call,
    async waitSucceeded(enqueued, wait = {}) {
      const { taskUid } = await call('enqueue', () => enqueued);
      const task = await pollTask(taskUid, wait.timeoutMs ?? options.taskTimeoutMs, wait.intervalMs ?? 10);
      if (task.status === 'succeeded') return task;
      const reason = task.error ? `${task.error.code}: ${task.error.message}` : task.status;
      if (task.error?.type === 'internal' || task.status === 'canceled') throw new RetryableError('MEILI_TASK_FAILED', `task ${taskUid} ${task.status}: ${reason}`);
      throw new UnrecoverableError('MEILI_TASK_FAILED', `task ${taskUid} failed: ${reason}`);
    },
  };
}
