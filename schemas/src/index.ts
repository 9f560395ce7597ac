export * from './departments.ts';
export * from './taxonomy.ts';
export * from './petitions/index.ts';
export * from './search/index.ts';
export * from './matching/index.ts';
export * from './content-types.ts';
export * from './outbox.ts';
