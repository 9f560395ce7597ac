// search-sync's wait for a Meilisearch task (meili/client.ts, waitSucceeded), against a real
// Meilisearch 1.21: a task that succeeds, one Meilisearch rejects, one that outlasts the wait, and a
// wait of many polls that leaves no listener behind (meilisearch-js's own waitForTask left one per
// poll: 1,761 and Node's MaxListenersExceededWarning during one 80-second wait of bench:sync).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectMeili, RetryableError, UnrecoverableError, type MeiliConnection } from '@zone/search-sync';
import { startMeili, type MeiliUnderTest } from '@zone/harness/testing';

let meili: MeiliUnderTest;
let conn: MeiliConnection;
const warnings: Error[] = [];
const onWarning = (w: Error) => warnings.push(w);

beforeAll(async () => {
  meili = await startMeili('meili-client');
  conn = connectMeili({ host: meili.host, apiKey: meili.masterKey, timeoutMs: 5_000, taskTimeoutMs: 60_000 });
  await conn.waitSucceeded(conn.client.createIndex('wait', { primaryKey: 'id' }));
  process.on('warning', onWarning);
}, 60_000);
afterAll(async () => {
  process.off('warning', onWarning);
  await meili?.destroy();
});

const docs = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: `d${from + i}`, title: `政策条目 ${from + i}`, body: '稳岗返还 技术改造 '.repeat(40) }));

describe('waiting for a Meilisearch task', () => {
  it('resolves with the succeeded task', async () => {
    const task = await conn.waitSucceeded(conn.client.index('wait').addDocuments(docs(0, 3)));
    expect(task.status).toBe('succeeded');
    expect(task.details).toMatchObject({ receivedDocuments: 3, indexedDocuments: 3 });
    expect((await conn.client.index('wait').getDocument('d2')).title).toBe('政策条目 2');
  });

  it('a document Meilisearch rejects is an UnrecoverableError naming the task and the reason', async () => {
    const error = await conn.waitSucceeded(conn.client.index('wait').addDocuments([{ id: 'not a valid id!', title: 'x' }])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect((error as UnrecoverableError).code).toBe('MEILI_TASK_FAILED');
    expect((error as Error).message).toMatch(/^task \d+ failed: invalid_document_id/);
  });

  it('a task still running at the deadline is a RetryableError (retried later), not a hang', async () => {
    const started = Date.now();
    const error = await conn.waitSucceeded(conn.client.index('wait').addDocuments(docs(1_000, 5_000)), { timeoutMs: 1, intervalMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).code).toBe('MEILI_UNAVAILABLE');
    expect((error as Error).message).toMatch(/did not finish it within 1 ms \(still (enqueued|processing)\)/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a long wait of many polls leaves no abort listener behind (no MaxListenersExceededWarning)', async () => {
    let polls = 0;
    const getTask = conn.client.tasks.getTask.bind(conn.client.tasks);
    conn.client.tasks.getTask = ((...args: Parameters<typeof getTask>) => (polls++, getTask(...args))) as typeof getTask;
    try {
      const task = await conn.waitSucceeded(conn.client.index('wait').addDocuments(docs(10_000, 20_000)), { intervalMs: 0 });
      expect(task.status).toBe('succeeded');
    } finally {
      conn.client.tasks.getTask = getTask;
    }
    // meilisearch-js 0.62's waitForTask warned past 1,500 polls of one wait; every poll here is its own request.
    expect(polls).toBeGreaterThan(1_500);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  }, 120_000);
});
