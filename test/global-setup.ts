// Runs once before all suites: compiles the CMS (TypeScript -> cms/dist) so that every suite can
// boot the real Strapi in-process without racing on the same output folder.
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildCmsContract } from '@zone/schemas/build';

const require = createRequire(import.meta.url);

export default async function setup(): Promise<void> {
  const pg = process.env.TEST_DATABASE_URL;
  console.log(
    pg
      ? '[test] PostgreSQL suites enabled (TEST_DATABASE_URL is set)'
      : '[test] TEST_DATABASE_URL is not set: the PostgreSQL variants of the suites are SKIPPED',
  );
  // Strapi's ESM build cannot be imported by plain Node; its CommonJS build can.
  const { compileStrapi } = require('@strapi/strapi') as typeof import('@strapi/strapi');
  const started = Date.now();
  // The CMS require()s the CommonJS build of @zone/schemas/cms-contract: rebuild it from the sources under test.
  buildCmsContract();
  await compileStrapi({ appDir: path.resolve(import.meta.dirname, '..', 'cms') });
  console.log(`[test] CMS compiled in ${Date.now() - started} ms`);
}
