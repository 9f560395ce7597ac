// The platform webhook on its own: the signature against a vector computed independently with
// `openssl dgst -sha256 -hmac`, the timeout on a receiver that never answers, the backoff schedule,
// and a notice parked (kept, visible) when the platform stays down, on SQLite and PostgreSQL.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffMs, deliverDueNotices } from '../../api/src/matching/push/deliver-notices.ts';
import { postNotice, signBody, verifySignature } from '../../api/src/matching/push/webhook.ts';
import { DIALECTS, openTestDatabase, type TestDatabase } from '../helpers/api/test-database.ts';

const SECRET = 'platform-webhook-secret-0123456789abcdef';

async function server(handler: http.RequestListener): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const s = http.createServer((req, res) => {
    hits++;
    handler(req, res);
  });
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    hits: () => hits,
    close: () =>
      new Promise((resolve) => {
        s.closeAllConnections();
        s.close(() => resolve());
      }),
  };
}

describe('signature', () => {
  it('is HMAC-SHA256 over "timestamp.body" (openssl: printf \'1764208800.{"a":1}\' | openssl dgst -sha256 -hmac <secret>)', () => {
    expect(signBody(SECRET, 1764208800, '{"a":1}')).toBe('sha256=0ca34d40278f13d517f9780c1228b3ff3a0094a4bb50e324711b1d64dc71209e');
  });
  it('is refused with another body, another secret, or a timestamp more than 5 minutes off', () => {
    const signature = signBody(SECRET, 1764208800, '{"a":1}');
    const ok = (body: string, secret: string, now: number) => verifySignature(secret, { signature, timestamp: '1764208800' }, body, now);
    expect(ok('{"a":1}', SECRET, 1764208800 + 300)).toBe(true);
    expect(ok('{"a":2}', SECRET, 1764208800)).toBe(false);
    expect(ok('{"a":1}', `${SECRET}x`, 1764208800)).toBe(false);
    expect(ok('{"a":1}', SECRET, 1764208800 + 301)).toBe(false);
  });
});

describe('delivery', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()!();
  });

  it('gives up on a receiver that never answers within the timeout', async () => {
    const hanging = await server(() => undefined);
    closers.push(hanging.close);
    const started = performance.now();
    const outcome = await postNotice({ url: hanging.url, secret: SECRET, timeoutMs: 300 }, 'n1', '{}', 1764208800);
    expect(outcome.ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('waits 5 s, 10 s, 20 s … between attempts, at most an hour', () => {
    const policy = { backoffBaseMs: 5000, backoffMaxMs: 3_600_000 };
    expect([1, 2, 3, 4].map((n) => backoffMs(n, policy))).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(backoffMs(20, policy)).toBe(3_600_000);
  });

  for (const dialect of DIALECTS) {
    it.skipIf(!dialect.enabled)(`parks a notice after the last attempt and keeps it (${dialect.name})`, async () => {
      const down = await server((_req, res) => res.writeHead(500).end());
      closers.push(down.close);
      const t: TestDatabase = await openTestDatabase(dialect.name);
      closers.push(t.cleanup);
      const { db } = t.database;
      let now = new Date('2026-11-27T02:00:00.000Z');
      await db.insertInto('policy_match_notices').values({ id: 'n1', uscc: '91330100799655058B', item_document_id: 'doc1', payload: '{"type":"policy_match"}', created_at: now.toISOString(), status: 'pending', next_attempt_at: now.toISOString() }).execute();
      const target = { url: down.url, secret: SECRET, timeoutMs: 1000 };
      const policy = { maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 60_000, leaseMs: 10_000, batchSize: 10 };
      const clock = () => now;
      expect(await deliverDueNotices(db, target, policy, clock)).toEqual({ delivered: 0, failed: 1, parked: 0 });
      now = new Date(now.getTime() + 1000);
      expect(await deliverDueNotices(db, target, policy, clock)).toEqual({ delivered: 0, failed: 1, parked: 0 });
      now = new Date(now.getTime() + 2000);
      expect(await deliverDueNotices(db, target, policy, clock)).toEqual({ delivered: 0, failed: 0, parked: 1 });
      now = new Date(now.getTime() + 3_600_000);
      expect(await deliverDueNotices(db, target, policy, clock)).toEqual({ delivered: 0, failed: 0, parked: 0 });
      expect(down.hits()).toBe(3);
      const row = await db.selectFrom('policy_match_notices').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'parked', attempts: 3, last_error: 'HTTP 500', delivered_at: null });
    });
  }
});
