// The HTTP client under the api's Meilisearch client (meilisearch-js's `httpClient` option): node:http
// instead of the global fetch, whose per-request machinery (WHATWG Headers, streams, body mixins) was
// the api's largest own cost per search in a CPU profile. Measured on 10,000 documents
// (scripts/bench/meili-probe.ts): client CPU per request fetch 4.8 ms with a connection per request,
// 2.8 ms kept alive, node:http 2.3 ms kept alive (load ~20). Kept-alive connections still stall on a
// search answer even with Nagle off on our side (node:http's default noDelay): c1 p50 86–92 ms kept
// alive against 36 ms with a connection per request. The stall is Meilisearch's Nagle holding the
// body behind the head while our kernel delays its ACK; our socket options cannot change either, so
// by default each request has its own connection (`keepAlive: true` is for callers with small answers).
// The client's contract: resolve with the parsed JSON body, throw on anything else; meilisearch-js
// aborts `init.signal` on its timeout and recognises the abort by its reason, so that reason is thrown.
import http from 'node:http';
import https from 'node:https';

export interface MeiliHttpOptions {
  /** Reuse connections (default false: one per request, see above). */
  keepAlive?: boolean;
  /** Sockets kept open per host when keepAlive is on. */
  maxSockets?: number;
}

export class MeiliHttpError extends Error {
  override name = 'MeiliHttpError';
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`Meilisearch answered ${status}${body && typeof body === 'object' && 'message' in body ? `: ${String((body as { message: unknown }).message)}` : ''}`);
  }
}

export type MeiliHttpClient = (input: string | URL | Request, init?: RequestInit) => Promise<unknown>;

export function meiliHttpClient(options: MeiliHttpOptions = {}): MeiliHttpClient & { close(): void } {
  const keepAlive = options.keepAlive ?? false;
  const agentOptions = { keepAlive, maxSockets: options.maxSockets ?? 64, scheduling: 'lifo' as const };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };
  const client = (input: string | URL | Request, init: RequestInit = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const url = input instanceof URL ? input : new URL(typeof input === 'string' ? input : input.url);
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(signal.reason);
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, key) => (headers[key] = value));
      const body = typeof init.body === 'string' ? Buffer.from(init.body) : undefined;
      if (body) headers['content-length'] = String(body.length);
      if (!keepAlive) headers.connection = 'close';
      const transport = url.protocol === 'https:' ? https : http;
      const req = transport.request(url, { method: init.method ?? 'GET', headers, agent: agents[url.protocol as 'http:' | 'https:'] }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', fail);
        res.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch (error) {
            return reject(error);
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve(parsed);
          else reject(new MeiliHttpError(status, parsed));
        });
      });
      function fail(error: unknown) {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      }
      function onAbort() {
        req.destroy();
        reject(signal!.reason);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', fail);
      req.end(body);
    });
  return Object.assign(client, {
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  });
}
