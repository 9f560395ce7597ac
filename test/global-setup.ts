// Runs once before all suites: compiles the CMS (TypeScript -> cms/dist) so that every suite can
// boot the real Strapi in-process without racing on the same output folder, then boots it once per
// database kind and variant (empty, demo) to keep as templates that suites copy (a first boot costs
// 30–110 s here, a boot on a copy 5–17 s; harness/src/testing/cms-template.ts).
import { createHash } from 'node:crypto';
import { DB_KINDS, TEMPLATE_KEY_ENV, compileCms, dropStaleTemplates, ensureCmsTemplates } from '@zone/harness/testing';
import { cmsSourceHash } from '../scripts/start/admin-build.ts';

export default async function setup(): Promise<void> {
  const pg = process.env.TEST_DATABASE_URL;
  console.log(
    pg
      ? '[test] PostgreSQL suites enabled (TEST_DATABASE_URL is set)'
      : '[test] TEST_DATABASE_URL is not set: the PostgreSQL variants of the suites are SKIPPED',
  );
  let started = Date.now();
  await compileCms();
  console.log(`[test] CMS compiled in ${Date.now() - started} ms`);

  // The templates are what this source tree's first boot makes, today (the demo content has dates).
  // The key starts with the day, so that only earlier days' templates count as stale: a run of
  // another checkout today (a worktree with other sources) keeps its own.
  const key = `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}${createHash('sha256').update(cmsSourceHash()).digest('hex').slice(0, 10)}`;
  process.env[TEMPLATE_KEY_ENV] = key;
  started = Date.now();
  await dropStaleTemplates(key);
  await Promise.all(DB_KINDS.map((kind) => ensureCmsTemplates(kind, key, console.log)));
  console.log(`[test] CMS templates ready in ${Date.now() - started} ms`);
}
