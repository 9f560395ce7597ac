// Tells search-sync that an outbox row was committed, so it claims at once instead of at its next
// poll (search-sync/src/worker/wake.ts). Only a hint: the row in the outbox is the durable truth, a
// lost signal costs one poll interval, and nothing here can slow or fail a publish.
// - PostgreSQL: pg_notify in the change's own transaction; PostgreSQL delivers it at commit only.
// - SQLite: one loopback UDP datagram after commit (fire-and-forget: no connection, no reply).
import dgram from 'node:dgram';
import type { Core } from '@strapi/strapi';

type Knex = Core.Strapi['db']['connection'];

/** The NOTIFY channel for a CMS schema (the same name search-sync LISTENs on). */
export function wakeChannel(schema: string): string {
  return `search_outbox_${schema}`;
}

let socket: dgram.Socket | undefined;
const PAYLOAD = Buffer.from('outbox');

function sendDatagram(port: number): void {
  if (!socket) {
    socket = dgram.createSocket('udp4');
    // Nobody listening is normal (search-sync down or polling only): errors are dropped.
    socket.on('error', () => undefined);
    socket.unref();
  }
  socket.send(PAYLOAD, port, '127.0.0.1', () => undefined);
}

/** Inside the outbox row's transaction: queues the signal for its commit. */
export async function signalOnCommit(strapi: Core.Strapi, trx: Knex, onCommit: (cb: () => void) => void, wakePort: number): Promise<void> {
  const schema = strapi.db.getSchemaName();
  if (schema) {
    await trx.raw('select pg_notify(?, ?)', [wakeChannel(schema), '']);
    return;
  }
  if (wakePort > 0) onCommit(() => sendDatagram(wakePort));
}
