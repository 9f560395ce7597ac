// Runs once before all suites: compiles the CMS (TypeScript -> cms/dist) so that every suite can
// boot the real Strapi in-process without racing on the same output folder.
import { compileCms } from '@zone/harness/testing';

export default async function setup(): Promise<void> {
  const pg = process.env.TEST_DATABASE_URL;
  console.log(
    pg
      ? '[test] PostgreSQL suites enabled (TEST_DATABASE_URL is set)'
      : '[test] TEST_DATABASE_URL is not set: the PostgreSQL variants of the suites are SKIPPED',
  );
  const started = Date.now();
  await compileCms();
  console.log(`[test] CMS compiled in ${Date.now() - started} ms`);
}
