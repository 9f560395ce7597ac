export * from './departments.ts';
export * from './taxonomy.ts';
