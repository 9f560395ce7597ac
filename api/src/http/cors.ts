// CORS for the browsers that call the api: the CMS admin (the workbench) and, when configured, the
// platform. Any other origin gets no CORS headers, so its pages cannot read the answers.
import type http from 'node:http';
import cors from 'cors';

export type CorsHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<'preflight-answered' | 'continue'>;

export function corsHandler(origins: readonly string[]): CorsHandler {
  const allowed = new Set(origins);
  const middleware = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['authorization', 'content-type', 'x-client-session', 'x-request-id', 'apollo-require-preflight'],
    exposedHeaders: ['x-request-id'],
    maxAge: 600,
    // The preflight ends here (204); nothing else answers OPTIONS.
    preflightContinue: false,
  });
  return (req, res) =>
    new Promise((resolve, reject) => {
      // cors calls next() for a normal request and ends the response itself for a preflight.
      middleware(req as never, res as never, (err?: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve('continue')));
      res.once('finish', () => resolve('preflight-answered'));
    });
}
