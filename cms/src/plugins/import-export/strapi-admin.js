// The admin entry: the app's admin build (Vite) compiles the TypeScript behind it.
export { default } from './admin/src';
