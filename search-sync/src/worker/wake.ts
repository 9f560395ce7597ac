// Wakes the worker the moment the CMS commits a change, instead of waiting for the next poll. The
// outbox stays the durable truth and polling stays the fallback: a lost signal costs one poll
// interval, never a change.
// - PostgreSQL: LISTEN on a per-schema channel; the CMS runs pg_notify in the change's own
//   transaction, which PostgreSQL delivers only at commit (and never for a rolled-back change).
// - SQLite (one machine by construction): a UDP datagram on 127.0.0.1 from the CMS after commit.
//   Node has no Unix datagram sockets; a loopback datagram is fire-and-forget and never blocks the
//   CMS (no connection, no reply, nothing to time out).
import dgram from 'node:dgram';
import pg from 'pg';
import type { Logger } from 'pino';
import type { SyncEnv } from '../env.ts';

/** The NOTIFY channel for a CMS schema: suites and deployments sharing one database stay apart. */
export function wakeChannel(schema: string): string {
  return `search_outbox_${schema}`;
}

export interface WakeSource {
  close(): Promise<void>;
}

export async function listenForWake(env: Pick<SyncEnv, 'database' | 'sync'>, onWake: () => void, log: Logger): Promise<WakeSource | undefined> {
  if (env.database.client === 'postgres') return listenPostgres(env.database.connectionString, wakeChannel(env.database.schema), onWake, log);
  if (env.sync.wakePort === 0) return undefined;
  return listenUdp(env.sync.wakePort, onWake, log);
}

function listenUdp(port: number, onWake: () => void, log: Logger): Promise<WakeSource | undefined> {
  const socket = dgram.createSocket('udp4');
  return new Promise((resolve) => {
    socket.once('error', (error) => {
      // Another worker holds the port (a second search-sync, a CLI): this one polls.
      log.warn({ event: 'wake.unavailable', port, error: error.message }, `wake port ${port} unavailable; polling only`);
      socket.close();
      resolve(undefined);
    });
    socket.on('message', () => onWake());
    socket.bind(port, '127.0.0.1', () => {
      socket.removeAllListeners('error');
      socket.on('error', (error) => log.warn({ event: 'wake.error', error: error.message }, 'wake socket error'));
      socket.unref();
      resolve({ close: () => new Promise<void>((r) => socket.close(() => r())) });
    });
  });
}

async function listenPostgres(connectionString: string, channel: string, onWake: () => void, log: Logger): Promise<WakeSource> {
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000, query_timeout: 5_000 });
    c.on('notification', () => onWake());
    c.on('error', (error) => {
      log.warn({ event: 'wake.error', error: error.message }, 'wake connection lost; polling until it is back');
      void c.end().catch(() => undefined);
      schedule();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (closed) await c.end();
      else client = c;
    } catch (error) {
      await c.end().catch(() => undefined);
      log.warn({ event: 'wake.unavailable', error: (error as Error).message }, 'cannot LISTEN for changes; polling only, retrying');
      schedule();
    }
  };
  const schedule = () => {
    client = undefined;
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 5_000);
    retry.unref();
  };
  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
