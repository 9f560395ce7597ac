// How long from a specialist pressing 发布 in the admin until an enterprise finds the new text through
// the api's search. Boots the whole stack (CMS with the demo content → search-sync → Meilisearch →
// api), then N times: sends the publish request exactly as the admin does (the recorded shape in
// test/fixtures/admin-requests/, over the admin HTTP API), and polls the api's `search` until the
// new text is found. Prints p50 and p95 in seconds.
//   npm run bench:admin-publish -- [--runs 20] [--db sqlite|postgres]   (the last line is JSON)
import { parseCommandLine, usageError } from '@zone/schemas/cli';
import type { DbKind } from '@zone/harness/testing';

const COMMAND = 'npm run bench:admin-publish';
const { values } = parseCommandLine({
  command: COMMAND,
  usage: '用法：npm run bench:admin-publish -- [--runs 20] [--db sqlite|postgres]   按管理端真实请求发布 N 次，测量发布到可被搜索的时间（p50、p95）',
  options: { runs: { type: 'string', default: '20' }, db: { type: 'string', default: 'sqlite' } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 200) usageError(COMMAND, `--runs 须为 1 到 200 的整数（收到 ${values.runs}）`);
if (values.db !== 'sqlite' && values.db !== 'postgres') usageError(COMMAND, `--db 只能是 sqlite 或 postgres（收到 ${values.db}）`);
// The harness (Strapi, search-sync, the api) loads only once the options are known to be valid, so a
// mistyped option is refused at once.
const { AdminClient, TEST_DATABASE_URL, compileCms, startSearchStack } = await import('@zone/harness/testing');
const { loadFlow, resolvePlaceholders } = await import('../test/fixtures/admin-requests/fixture.ts');
if (values.db === 'postgres' && !TEST_DATABASE_URL) usageError(COMMAND, '--db postgres 需要设置 TEST_DATABASE_URL');
const kind = values.db as DbKind;

const SEARCH = 'query Find($q: String!) { search(query: $q, first: 5) { edges { node { itemCode } } } }';
const POLL_MS = 25;
const GIVE_UP_MS = 30_000;

function percentile(sorted: number[], p: number): number {
  // Nearest-rank percentile.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

async function main() {
  // The CMS runs from its compiled output, as the test suites do.
  await compileCms();

  const stack = await startSearchStack(kind, 'measure-publish');
  try {
    const editor = await AdminClient.login(stack.cms.url, 'human-resources@demo.local', 'Demo-Passw0rd');
    const flow = loadFlow('editor.item.publish');
    const recorded = flow.requests.find((r) => r.path.endsWith('/actions/publish'));
    if (!recorded) throw new Error('the recorded publish flow has no publish request');
    const request = await resolvePlaceholders(stack.cms.strapi, recorded);
    const seconds: number[] = [];
    for (let i = 1; i <= runs; i++) {
      const token = `measurepublish${i}x${Date.now().toString(36)}`;
      const body = { ...(request.body as Record<string, unknown>), summary: `稳岗返还 ${token}` };
      const started = performance.now();
      const res = await editor.request(request.method, `${request.path}?${new URLSearchParams(request.query).toString()}`, body);
      if (res.status !== 200) throw new Error(`publish ${i} answered ${res.status}: ${JSON.stringify(res.body)}`);
      for (;;) {
        const found = await stack.api.gql(SEARCH, { q: token });
        if ((found.data?.search.edges.length ?? 0) > 0) break;
        if (performance.now() - started > GIVE_UP_MS) throw new Error(`publish ${i} was not searchable after ${GIVE_UP_MS / 1000} s`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      seconds.push((performance.now() - started) / 1000);
    }
    const sorted = [...seconds].sort((a, b) => a - b);
    console.log(`admin publish → searchable (${kind}, ${runs} publishes, recorded admin request shape, polled every ${POLL_MS} ms):`);
    const p50 = percentile(sorted, 50);
    const p95 = percentile(sorted, 95);
    console.log(`  p50 ${p50.toFixed(3)} s   p95 ${p95.toFixed(3)} s   min ${sorted[0]!.toFixed(3)} s   max ${sorted.at(-1)!.toFixed(3)} s`);
    // Like every bench:* script, the last line is JSON.
    console.log(JSON.stringify({ db: kind, publishes: runs, publish_to_searchable_p50_s: Number(p50.toFixed(3)), publish_to_searchable_p95_s: Number(p95.toFixed(3)) }));
  } finally {
    await stack.stop();
  }
}

await main();
