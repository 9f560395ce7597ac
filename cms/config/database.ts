import { closeSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { cmsEnv } from '../src/env';

// SQLite file by default; PostgreSQL when DATABASE_URL is set (the production shape).
export default () => {
  const { database } = cmsEnv();
  if (database.client === 'postgres') {
    return {
      connection: {
        client: 'postgres',
        connection: { connectionString: database.connectionString, schema: database.schema },
        pool: { min: 0, max: database.poolMax },
        acquireConnectionTimeout: 10_000,
      },
    };
  }
  // Created here, owner-only, before SQLite creates it with 0644; its -wal and -shm files take its mode.
  mkdirSync(path.dirname(database.filename), { recursive: true, mode: 0o700 });
  closeSync(openSync(database.filename, 'a', 0o600));
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: database.filename },
      useNullAsDefault: true,
    },
  };
};
