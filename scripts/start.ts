// `npm start`: the whole system on embedded defaults (SQLite files in .data/), or on PostgreSQL /
// external services when DATABASE_URL etc. are set. Builds the CMS admin only when it is stale.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
// The options are parsed before the rest loads (await import below): a wrong option is answered at once.
import { parseCommandLine } from '@zone/schemas/cli';
import type { ComponentSpec } from './start/supervisor.ts';

parseCommandLine({
  command: 'npm start',
  usage: '用法：npm start   启动整个系统（内置 Meilisearch、CMS、search-sync、api；设置见 README 的 Configuration；没有选项）',
  options: {},
});
const { buildCmsContract } = await import('@zone/schemas/build');
const { ensureAdminBuild } = await import('./start/admin-build.ts');
const { secureDataDir } = await import('./start/data-dir.ts');
const { REPO_ROOT, startEnv } = await import('./start/env.ts');
const { StackAlreadyRunningError, cleanUpStaleStack, newStackId, removeStackRecord, writeStackRecord } = await import('./start/stack-lock.ts');
const { Supervisor } = await import('./start/supervisor.ts');
const env = (() => {
  try {
    return startEnv();
  } catch (error) {
    // A sentence that says what to set, not a stack trace.
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
})();
const node = process.execPath;
// Each component is one Node process: tsx as a loader (not its CLI, which would add a parent process),
// and parent-watch.cjs, which stops it when this supervisor is gone (see supervisor.ts).
const watch = ['--require', path.join(REPO_ROOT, 'scripts', 'start', 'parent-watch.cjs')];
const typescript = (file: string) => [...watch, '--import', import.meta.resolve('tsx'), file];

const log = (line: string) => process.stdout.write(`start | ${line}\n`);
for (const changed of secureDataDir(env.dataDir)) log(`tightened ${path.join(env.dataDir, changed)} to owner-only access`);
try {
  await cleanUpStaleStack(env.dataDir, path.join(REPO_ROOT, 'scripts', 'start.ts'), log);
} catch (error) {
  if (!(error instanceof StackAlreadyRunningError)) throw error;
  log(error.message);
  process.exit(1);
}
const stack = { stackId: newStackId(), supervisorPid: process.pid, startedAt: new Date().toISOString(), children: {} };
writeStackRecord(env.dataDir, stack);

const allComponents: ComponentSpec[] = [
  // The embedded Meilisearch (pinned binary, data and master key in DATA_DIR/meilisearch); skipped
  // when MEILI_HOST points at an external one.
  ...(env.embeddedMeili
    ? [
        {
          name: 'meilisearch',
          command: node,
          args: typescript(path.join(REPO_ROOT, 'search-sync', 'src', 'cli', 'meili-server.ts')),
          cwd: path.join(REPO_ROOT, 'search-sync'),
          readyUrl: `${env.meiliUrl}/health`,
        },
      ]
    : []),
  {
    name: 'cms',
    command: node,
    args: [...watch, path.join(REPO_ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'],
    cwd: path.join(REPO_ROOT, 'cms'),
    // SEED_DEMO=1: only npm start asks for the demo set (and the CMS seeds only a database with no content).
    // CMS_API_URL: where the workbench (in the staff member's browser) reaches the api.
    env: { STRAPI_TELEMETRY_DISABLED: 'true', BROWSER: 'none', SEED_DEMO: '1', CMS_API_URL: env.workbenchApiUrl },
    readyUrl: `${env.cmsUrl}/_health`,
    waitFor: env.embeddedMeili ? ['meilisearch'] : [],
  },
  {
    // Published CMS content -> Meilisearch; writes the api's search-only key to DATA_DIR/meili-search-key.json.
    name: 'search-sync',
    command: node,
    args: typescript(path.join(REPO_ROOT, 'search-sync', 'src', 'main.ts')),
    cwd: path.join(REPO_ROOT, 'search-sync'),
    readyUrl: env.syncHealthUrl,
    waitFor: env.embeddedMeili ? ['meilisearch'] : [],
  },
  {
    name: 'api',
    command: node,
    args: typescript(path.join(REPO_ROOT, 'api', 'src', 'main.ts')),
    cwd: path.join(REPO_ROOT, 'api'),
    // The api trusts the CMS (staff tokens) at its local URL, and answers CORS for the admin's origin.
    env: { API_CMS_JWKS_URL: env.cmsJwksUrl },
    readyUrl: `${env.apiUrl}/healthz`,
    // search-sync writes the api's search-only key (DATA_DIR/meili-search-key.json) before it is ready.
    waitFor: ['search-sync'],
  },
];
const components = allComponents.filter((c) => !env.only || env.only.has(c.name));

const supervisor = new Supervisor(components, {
  stackId: stack.stackId,
  onChildren: (children) => writeStackRecord(env.dataDir, { ...stack, children }),
  onStopped: () => removeStackRecord(env.dataDir, stack.stackId),
});
process.on('SIGINT', () => void supervisor.stop(0));
process.on('SIGTERM', () => void supervisor.stop(0));

function demoAccountsText(): string {
  const departments = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'data', 'departments.json'), 'utf8')) as Array<{ code: string; name: string }>;
  const passwordFile = path.join(env.dataDir, 'demo-password.txt');
  const password = env.demoPassword ?? (existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : '(see the cms log)');
  const lines = [
    `  admin@demo.local   super admin`,
    `  office@demo.local  区企服办 (edits every department)`,
    `  hotline@demo.local 96871 热线坐席 (workbench: 热线工作台)`,
    `  leader@demo.local  领导小组`,
    ...departments.filter((d) => d.code !== 'office').map((d) => `  ${`${d.code}@demo.local`.padEnd(36)} ${d.name} 企业服务专员`),
    `  password: ${password}${env.demoPassword ? ' (DEMO_PASSWORD)' : ''}`,
  ];
  return lines.join('\n');
}

try {
  // The CMS require()s the CommonJS build of @zone/schemas/cms-contract: keep it in step with the sources.
  if (components.some((c) => c.name === 'cms')) {
    buildCmsContract();
    await ensureAdminBuild((line) => supervisor.log('build', line));
  }
  // Everything the components create is private to this user (files 0600, folders 0700); the admin
  // build above is not data and keeps the usual modes.
  process.umask(0o077);
  supervisor.start();
  await supervisor.waitUntilReady(180_000);
  const banner = [
    '',
    '嘉兴经开区企业服务政策知识库 is running:',
    `  CMS admin        ${env.cmsUrl}/admin`,
    `  GraphQL API      ${env.apiUrl}/graphql`,
    `  Search engine    ${env.meiliUrl}${env.embeddedMeili ? ` (embedded Meilisearch; master key in ${path.join(env.dataDir, 'meilisearch', 'master-key')})` : ' (MEILI_HOST)'}`,
    `  Data directory   ${env.usesPostgres ? 'PostgreSQL (DATABASE_URL)' : env.dataDir}`,
    'Demo accounts (CMS admin):',
    demoAccountsText(),
    'Press Ctrl-C to stop everything.',
    '',
  ];
  for (const line of banner.join('\n').split('\n')) supervisor.log('start', line);
} catch (error) {
  supervisor.log('start', `failed: ${(error as Error).message}`);
  await supervisor.stop(1);
}
