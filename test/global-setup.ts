// Runs once before all suites. Suites that need the compiled CMS call ensureCmsCompiled() themselves
// (see test/helpers/strapi.ts); this file only reports which databases the run covers.
export default function setup(): void {
  const pg = process.env.TEST_DATABASE_URL;
  console.log(
    pg
      ? `[test] PostgreSQL suites enabled (TEST_DATABASE_URL is set)`
      : `[test] TEST_DATABASE_URL is not set: PostgreSQL variants of the suites are SKIPPED`,
  );
}
