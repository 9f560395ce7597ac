// The embedded Meilisearch's indexing memory: Meilisearch's own default (two thirds of the RAM) made
// every one-document publish pay for gigabytes (README "Freshness"); search-sync gives it 1 GiB unless
// MEILI_MAX_INDEXING_MEMORY says otherwise, and refuses a value Meilisearch would not start with.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_INDEXING_MEMORY, startMeiliServer, syncEnv } from '@zone/search-sync';
import { freePort } from '@zone/harness/testing';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The environment the running Meilisearch process was started with (Linux /proc). */
const environOf = (pid: number) => Object.fromEntries(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));

describe('the embedded Meilisearch indexing memory', () => {
  it('defaults to 1GiB, whatever the machine has', () => {
    expect(DEFAULT_MAX_INDEXING_MEMORY).toBe('1GiB');
    expect(syncEnv({}).meili.maxIndexingMemory).toBeUndefined();
  });

  it('takes MEILI_MAX_INDEXING_MEMORY as a size, and refuses anything else naming the variable', () => {
    expect(syncEnv({ MEILI_MAX_INDEXING_MEMORY: '512MiB' }).meili.maxIndexingMemory).toBe('512MiB');
    expect(syncEnv({ MEILI_MAX_INDEXING_MEMORY: '2147483648' }).meili.maxIndexingMemory).toBe('2147483648');
    for (const bad of ['lots', '0', '-1GiB', '1 GiB; rm -rf /', '1.5GiB'])
      expect(() => syncEnv({ MEILI_MAX_INDEXING_MEMORY: bad }), bad).toThrow(/MEILI_MAX_INDEXING_MEMORY must be a size such as 1GiB/);
  });

  it('refuses the sizes Meilisearch 1.21 would not start with: a tab or newline before the unit, 2^64 bytes or more', () => {
    // Meilisearch exits at once on these ("the character '\t' is incorrect", "exceeds the valid range"):
    // search-sync would only report that it ended during start.
    for (const bad of ['1\tGiB', '1\nGiB', '18446744073709551616', '16777216TiB', '18446744073709552TB', '99999999999999999999999GiB'])
      expect(() => syncEnv({ MEILI_MAX_INDEXING_MEMORY: bad }), JSON.stringify(bad)).toThrow(/MEILI_MAX_INDEXING_MEMORY/);
    // The largest sizes it does start with (u64 bytes), and a space before the unit.
    for (const good of ['18446744073709551615', '16777215TiB', '1 GiB']) expect(syncEnv({ MEILI_MAX_INDEXING_MEMORY: good }).meili.maxIndexingMemory).toBe(good);
  });

  it('starts Meilisearch with the default, or with the size it is given, and Meilisearch accepts both', async () => {
    for (const [given, expected] of [[undefined, '1GiB'], ['256MiB', '256MiB']] as const) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'zone-meili-memory-'));
      dirs.push(dataDir);
      const server = await startMeiliServer({ dataDir, port: await freePort(), binaryDir: path.join(tmpdir(), 'zone-meili-bin'), ...(given ? { maxIndexingMemory: given } : {}) });
      try {
        expect(environOf(server.process.pid!).MEILI_MAX_INDEXING_MEMORY).toBe(expected);
        const health = await fetch(`${server.host}/health`, { signal: AbortSignal.timeout(2_000) });
        expect(health.status).toBe(200);
      } finally {
        await server.stop();
      }
    }
  });
});
