// The platform's side of the webhook, on node:http: checks the HMAC signature, answers 503 for the
// first `failFirst` requests, and processes each Idempotency-Key once (as the platform is asked to).
import http from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface WebhookRequest {
  idempotencyKey: string;
  timestamp: string;
  signatureValid: boolean;
  body: Record<string, unknown>;
  answered: number;
}

export class WebhookReceiver {
  readonly requests: WebhookRequest[] = [];
  /** The deliveries the platform acted on: one per Idempotency-Key. */
  readonly processed = new Map<string, Record<string, unknown>>();
  failFirst = 0;
  /** Answer every request with this status (e.g. 503 forever, 400 refusal) while set. */
  alwaysStatus: number | null = null;
  #server: http.Server | null = null;

  constructor(private readonly secret: string) {}

  url = '';

  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const timestamp = String(req.headers['x-zone-timestamp'] ?? '');
        const given = Buffer.from(String(req.headers['x-zone-signature'] ?? ''));
        const expected = Buffer.from(`sha256=${createHmac('sha256', this.secret).update(`${timestamp}.${raw}`).digest('hex')}`);
        const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
        const idempotencyKey = String(req.headers['idempotency-key'] ?? '');
        let status = 200;
        if (this.alwaysStatus !== null) status = this.alwaysStatus;
        else if (this.requests.length < this.failFirst) status = 503;
        else if (!signatureValid) status = 401;
        const body = JSON.parse(raw) as Record<string, unknown>;
        this.requests.push({ idempotencyKey, timestamp, signatureValid, body, answered: status });
        if (status === 200 && !this.processed.has(idempotencyKey)) this.processed.set(idempotencyKey, body);
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/zone-notifications`;
    this.#server = server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
