export * from './rules.ts';
export * from './uscc.ts';
