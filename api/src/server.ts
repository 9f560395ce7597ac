// The GraphQL server: Apollo Server 5 on a plain node:http server. POST/GET /graphql, GET /healthz.
// GraphiQL (served offline from its npm package) only outside production; CORS for configured origins.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import type { TokenVerifier } from './auth/verify-token.ts';
import { calendarResolvers } from './calendar/calendar-resolvers.ts';
import { ApiError, formatError } from './errors/index.ts';
import { rateLimitKey, type ApiContext, type ApiServices } from './graphql/context.ts';
import { buildContext } from './request-context.ts';
import type { Resolvers } from './graphql/generated/resolvers-types.ts';
import { loadTypeDefs } from './graphql/load-type-defs.ts';
import { DateScalar, DateTimeScalar } from './graphql/scalars.ts';
import { matchingResolvers } from './matching/graphql/matching-resolvers.ts';
import { petitionResolvers } from './petitions/graphql/petition-resolvers.ts';
import { reportResolvers } from './report/graphql/report-resolvers.ts';
import { SEARCH_LOOKUP_COSTS, searchResolvers } from './search/search-resolvers.ts';
import { hotlineResolvers } from './workbench/hotline-resolvers.ts';
import { notificationResolvers } from './notifications/graphql/notification-resolvers.ts';
import { reviewResolvers } from './review/review-resolvers.ts';
import { CLIENT_SESSION_HEADER } from './search-gaps/index.ts';
import { queryLimits, QUERY_LIMITS, type QueryLimits } from './graphql/query-limits.ts';
import { clientAddressKey } from './rate-limit/client-address.ts';
import { graphiqlAsset, graphiqlPage } from './graphiql/graphiql-page.ts';
import { corsHandler } from './http/cors.ts';

/** Body limit for a GraphQL request; a petition with its attachments is far below it. */
const MAX_BODY_BYTES = 1024 * 1024;

const baseResolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query: { health: () => 'ok' },
  Mutation: { _noop: () => null },
} satisfies Resolvers;

/** Resolver maps of every module; a later module (search) adds its own here or via `extraResolvers`. */
export const RESOLVER_MODULES: Resolvers[] = [baseResolvers, calendarResolvers, petitionResolvers, searchResolvers, reportResolvers, hotlineResolvers, matchingResolvers, notificationResolvers, reviewResolvers];

export function createApollo(opts: {
  production: boolean;
  logger: Logger;
  httpServer?: http.Server;
  extraResolvers?: Resolvers[];
  /** The query limits to enforce (startServer also runs their guard before Apollo). */
  limits?: QueryLimits;
}): ApolloServer<ApiContext> {
  const limits = opts.limits ?? queryLimits({ production: opts.production, lookupCosts: { ...SEARCH_LOOKUP_COSTS, reviewQueue: 2 } });
  // Apollo's own landing page (Sandbox) loads from a CDN; developers get GraphiQL at /graphiql instead.
  // Apollo's cache-control plugin hooks every resolved field (hundreds per search) to compute a
  // policy that is always "uncacheable" here (no cache hints anywhere): it is off, and startServer
  // sends its one result, `cache-control: no-store`, itself.
  const plugins = [ApolloServerPluginLandingPageDisabled(), limits.plugin, ApolloServerPluginCacheControlDisabled()];
  if (opts.httpServer) plugins.push(ApolloServerPluginDrainHttpServer({ httpServer: opts.httpServer }));
  return new ApolloServer<ApiContext>({
    typeDefs: loadTypeDefs(),
    // Apollo merges an array of resolver maps (one per module) over the SDL of schemas/graphql/*.graphql.
    resolvers: [...RESOLVER_MODULES, ...(opts.extraResolvers ?? [])],
    introspection: !opts.production,
    // Depth, size and complexity limits (query-limits.ts) run before validation and again on the
    // resolved operation; batched requests stay disabled (Apollo's default). Persisted queries are
    // off: no client uses them, and a hash-only request would skip the guard that reads the text.
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: false,
    persistedQueries: false,
    // No "Did you mean …?" field names for strangers in production.
    hideSchemaDetailsFromClientErrors: opts.production,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, (err) => opts.logger.error({ err }, 'unexpected error in a resolver')),
    plugins,
  });
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    // Past the limit, keep draining without storing, so the client can read the 413.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(new PayloadTooLargeError()) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/** The caller's x-request-id when it is sane, else a new one: every log line of the request carries it. */
function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
}

/** The variables of a POST body, or of a GET's `variables` parameter (JSON); anything unreadable is left to Apollo. */
function requestVariables(body: unknown, url: URL): unknown {
  if (body && typeof body === 'object') return (body as { variables?: unknown }).variables;
  const raw = url.searchParams.get('variables');
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

class PayloadTooLargeError extends Error {
  override name = 'PayloadTooLargeError';
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Development only: GraphiQL at /graphiql (and at /graphql for a browser), its assets at /graphiql/*. */
function serveGraphiql(url: URL, req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const browserOnGraphql = url.pathname === '/graphql' && !url.searchParams.has('query') && (req.headers.accept ?? '').includes('text/html');
  if (url.pathname === '/graphiql' || browserOnGraphql) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(graphiqlPage());
    return true;
  }
  if (url.pathname.startsWith('/graphiql/')) {
    const asset = graphiqlAsset(url.pathname.slice('/graphiql/'.length));
    if (!asset) return false;
    res.writeHead(200, { 'content-type': asset.contentType, 'cache-control': 'public, max-age=3600' });
    res.end(asset.body);
    return true;
  }
  return false;
}

export interface RunningServer {
  url: string;
  apollo: ApolloServer<ApiContext>;
  stop(): Promise<void>;
}

export async function startServer(opts: {
  services: ApiServices;
  verifier: TokenVerifier;
  production: boolean;
  host: string;
  port: number;
  extraResolvers?: Resolvers[];
  /** Browser origins answered with CORS headers (env.corsOrigins); none by default. */
  corsOrigins?: readonly string[];
}): Promise<RunningServer> {
  const { services, verifier } = opts;
  const cors = corsHandler(opts.corsOrigins ?? []);
  const httpServer = http.createServer();
  const limits = queryLimits({ production: opts.production, lookupCosts: SEARCH_LOOKUP_COSTS });
  const apollo = createApollo({ production: opts.production, logger: services.logger, httpServer, extraResolvers: opts.extraResolvers, limits });
  await apollo.start();

  httpServer.on('request', (req, res) => {
    void handle(req, res).catch((err: unknown) => {
      services.logger.error({ err }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if ((await cors(req, res)) === 'preflight-answered') return;
    if (!opts.production && req.method === 'GET' && serveGraphiql(url, req, res)) return;
    if (url.pathname === '/healthz' && req.method === 'GET') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (url.pathname === '/readyz' && req.method === 'GET') {
      // Ready only when the dependencies answer: a load balancer sends no traffic otherwise.
      const search = await services.search.check();
      const down = search.ok ? [] : [{ dependency: 'meilisearch', reason: search.reason }];
      sendJson(res, down.length ? 503 : 200, down.length ? { status: 'not ready', down } : { status: 'ready' });
      return;
    }
    if (url.pathname !== '/graphql') {
      sendJson(res, 404, { error: 'not found; the GraphQL endpoint is /graphql' });
      return;
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      let raw: string;
      try {
        raw = await readBody(req);
      } catch (err) {
        if (err instanceof PayloadTooLargeError) {
          sendJson(res, 413, { errors: [{ message: `请求过大 (request body over ${MAX_BODY_BYTES} bytes)`, extensions: { code: 'BAD_USER_INPUT' } }] });
          return;
        }
        throw err;
      }
      try {
        body = raw === '' ? {} : JSON.parse(raw);
      } catch {
        sendJson(res, 400, { errors: [{ message: '请求体不是合法的 JSON (body is not valid JSON)', extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
    }
    const queryText = typeof (body as { query?: unknown } | undefined)?.query === 'string' ? (body as { query: string }).query : (url.searchParams.get('query') ?? '');
    if (queryText.length > QUERY_LIMITS.maxQueryChars) {
      sendJson(res, 400, {
        errors: [{ message: `查询语句过长 (query document over ${QUERY_LIMITS.maxQueryChars} characters)`, extensions: { code: 'BAD_USER_INPUT', field: 'query' } }],
      });
      return;
    }
    // The limits before Apollo parses and validates: a document built to be expensive is refused
    // in one linear pass, without reaching graphql-js's validation.
    try {
      limits.guard({ query: queryText, variables: requestVariables(body, url) });
    } catch (err) {
      if (err instanceof ApiError) {
        sendJson(res, 400, { errors: [formatError({ message: err.message, extensions: err.extensions }, err)] });
        return;
      }
      throw err;
    }
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    let actor;
    try {
      actor = await verifier.actorFromHeader(req.headers.authorization);
    } catch (err) {
      if (err instanceof ApiError) {
        sendJson(res, 401, { errors: [{ message: err.message, extensions: { code: err.code } }] });
        return;
      }
      throw err;
    }
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () =>
        Promise.resolve(
          buildContext(services, actor, {
            requestId,
            sessionId: req.headers[CLIENT_SESSION_HEADER],
            ...rateLimitKey(actor, clientAddressKey(req, services.trustProxy)),
            logger: services.logger.child({ requestId }),
          }),
        ),
    });
    res.statusCode = result.status ?? 200;
    // What Apollo's cache-control plugin sent for every response (see createApollo).
    res.setHeader('cache-control', 'no-store');
    for (const [k, v] of result.headers) res.setHeader(k, v);
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  await new Promise<void>((resolve) => httpServer.listen(opts.port, opts.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
  return {
    url: `http://${shownHost}:${port}/graphql`,
    apollo,
    stop: () => apollo.stop(),
  };
}

