export * from './sync-error.ts';
