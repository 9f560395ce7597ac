// The api's error surface: typed errors with extensions.code, and the formatter that masks the rest.
export * from './api-error.ts';
export { formatError } from './format-error.ts';
