// `npm start`: the whole system on embedded defaults (SQLite files in .data/), or on PostgreSQL /
// external services when DATABASE_URL etc. are set. Builds the CMS admin only when it is stale.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureAdminBuild } from './start/admin-build.ts';
import { REPO_ROOT, startEnv } from './start/env.ts';
import { Supervisor, type ComponentSpec } from './start/supervisor.ts';

const env = startEnv();
const node = process.execPath;
const tsx = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

const allComponents: ComponentSpec[] = [
  // The embedded Meilisearch (pinned binary, data and master key in DATA_DIR/meilisearch); skipped
  // when MEILI_HOST points at an external one.
  ...(env.embeddedMeili
    ? [
        {
          name: 'meilisearch',
          command: node,
          args: [tsx, path.join(REPO_ROOT, 'search-sync', 'src', 'cli', 'meili-server.ts')],
          cwd: path.join(REPO_ROOT, 'search-sync'),
          readyUrl: `${env.meiliUrl}/health`,
        },
      ]
    : []),
  {
    name: 'cms',
    command: node,
    args: [path.join(REPO_ROOT, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'],
    cwd: path.join(REPO_ROOT, 'cms'),
    // CMS_API_URL: where the workbench (in the staff member's browser) reaches the api.
    env: { STRAPI_TELEMETRY_DISABLED: 'true', BROWSER: 'none', CMS_API_URL: env.workbenchApiUrl },
    readyUrl: `${env.cmsUrl}/_health`,
    waitFor: env.embeddedMeili ? ['meilisearch'] : [],
  },
  {
    // Published CMS content -> Meilisearch; writes the api's search-only key to DATA_DIR/meili-search-key.json.
    name: 'search-sync',
    command: node,
    args: [tsx, path.join(REPO_ROOT, 'search-sync', 'src', 'main.ts')],
    cwd: path.join(REPO_ROOT, 'search-sync'),
    readyUrl: env.syncHealthUrl,
    waitFor: env.embeddedMeili ? ['meilisearch'] : [],
  },
  {
    name: 'api',
    command: node,
    args: [tsx, path.join(REPO_ROOT, 'api', 'src', 'main.ts')],
    cwd: path.join(REPO_ROOT, 'api'),
    // The api trusts the CMS (staff tokens) at its local URL, and answers CORS for the admin's origin.
    env: { API_CMS_JWKS_URL: env.cmsJwksUrl },
    readyUrl: `${env.apiUrl}/healthz`,
    // search-sync writes the api's search-only key (DATA_DIR/meili-search-key.json) before it is ready.
    waitFor: ['search-sync'],
  },
];
const components = allComponents.filter((c) => !env.only || env.only.has(c.name));

const supervisor = new Supervisor(components);
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
  if (components.some((c) => c.name === 'cms')) await ensureAdminBuild((line) => supervisor.log('build', line));
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
