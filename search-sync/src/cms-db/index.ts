export * from './connection.ts';
export * from './cms-tables.ts';
