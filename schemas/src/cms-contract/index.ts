// What the CMS imports from schemas/. Strapi compiles the CMS to CommonJS and require()s it, so this
// entry is bundled to dist/cms-contract.cjs (package.json "require" condition, built by
// `npm run -w @zone/schemas build`); the ESM rooms import the same modules from src/.
// Keep it free of runtime dependencies: only constants and small pure functions.
export * from '../content-types.ts';
export * from '../outbox.ts';
export { normalizeDocNumber } from '../search/doc-number.ts';
export { DEPARTMENTS, OFFICE_DEPARTMENT_CODE, findDepartment, type Department } from '../departments.ts';
