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
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: database.filename },
      useNullAsDefault: true,
    },
  };
};
