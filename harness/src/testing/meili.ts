// Each suite starts its own real Meilisearch (the pinned 1.21.0 binary) on a free port with a
// temporary data directory. The executable copy is shared between suites (one 130 MB copy).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMeiliServer, type MeiliServer } from '@zone/search-sync';

export interface MeiliUnderTest {
  host: string;
  port: number;
  masterKey: string;
  dataDir: string;
  server: MeiliServer;
  /** Stops the server (keeps the data); `restart()` brings it back on the same port and data. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  destroy(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const BINARY_DIR = path.join(tmpdir(), 'zone-meili-bin');

export async function startMeili(label: string): Promise<MeiliUnderTest> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `zone-meili-${label}-`));
  const port = await freePort();
  // As production runs it (search-sync's default indexing memory) unless MEILI_MAX_INDEXING_MEMORY
  // says otherwise (the benchmarks compare values with it).
  const maxIndexingMemory = process.env.MEILI_MAX_INDEXING_MEMORY || undefined;
  const start = () => startMeiliServer({ dataDir, port, binaryDir: BINARY_DIR, ...(maxIndexingMemory ? { maxIndexingMemory } : {}) });
  const handle: MeiliUnderTest = {
    host: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    server: await start(),
    masterKey: '',
    async stop() {
      await handle.server.stop();
    },
    async restart() {
      handle.server = await start();
    },
    async destroy() {
      await handle.server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  handle.masterKey = handle.server.masterKey;
  return handle;
}

/** A TCP server that accepts connections and never answers: a hanging Meilisearch. */
export async function startHangingServer(): Promise<{ host: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    host: `http://127.0.0.1:${port}`,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
