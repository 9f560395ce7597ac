// The developers' GraphQL IDE (development only): GraphiQL served from its npm package, with React
// from the project's own node_modules, so it works with no network at all (Apollo's Sandbox loads
// from a CDN). The server does not mount it in production.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Asset path under /graphiql/ -> [package, file in it, content type]. */
const ASSETS = {
  'react.js': ['react', 'umd/react.production.min.js', 'text/javascript'],
  'react-dom.js': ['react-dom', 'umd/react-dom.production.min.js', 'text/javascript'],
  'graphiql.js': ['graphiql', 'graphiql.min.js', 'text/javascript'],
  'graphiql.css': ['graphiql', 'graphiql.min.css', 'text/css'],
} as const;

/** The packages' export maps do not expose their browser builds; read them from the package folder. */
function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

export interface StaticAsset {
  body: Buffer;
  contentType: string;
}

const cache = new Map<string, StaticAsset>();

/** The asset for /graphiql/<name>, or null when there is none. */
export function graphiqlAsset(name: string): StaticAsset | null {
  if (!Object.hasOwn(ASSETS, name)) return null;
  const hit = cache.get(name);
  if (hit) return hit;
  const [pkg, file, type] = ASSETS[name as keyof typeof ASSETS];
  const asset = { body: readFileSync(packageFile(pkg, file)), contentType: `${type}; charset=utf-8` };
  cache.set(name, asset);
  return asset;
}

/** The page: GraphiQL against this server's /graphql (same origin). */
export function graphiqlPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>GraphiQL · 企业服务 API (development)</title>
<link rel="stylesheet" href="/graphiql/graphiql.css">
<style>html,body,#graphiql{height:100%;margin:0}</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="/graphiql/react.js"></script>
<script src="/graphiql/react-dom.js"></script>
<script src="/graphiql/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', location.href).href });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }));
</script>
</body>
</html>`;
}
