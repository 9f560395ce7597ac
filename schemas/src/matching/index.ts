export * from './vocabulary.ts';
export * from './conditions.ts';
export * from './profile.ts';
export * from './match.ts';
