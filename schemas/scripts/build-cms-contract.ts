// Builds what the CommonJS CMS imports from schemas/ (src/cms-contract/): one CommonJS bundle with
// the JSON data inlined (esbuild), and its declarations (tsc), in dist/. Run by `npm install`
// (root `prepare`), `npm start`, the test global setup and the Dockerfile, so a fresh clone and an
// edited contract both reach Strapi. About a second for the bundle, a few for the declarations.
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseCommandLine } from '../src/cli/strict-args.ts';

const require = createRequire(import.meta.url);
const SCHEMAS_DIR = path.resolve(import.meta.dirname, '..');

export function buildCmsContract(): void {
  // esbuild and the TypeScript compiler load when a build runs, not when this module is imported:
  // `npm run build -- --bogus-option` (and npm start's own option check) answers before they load.
  const { buildSync } = require('esbuild') as typeof import('esbuild');
  const ts = require('typescript') as typeof import('typescript');
  buildSync({
    entryPoints: [path.join(SCHEMAS_DIR, 'src', 'cms-contract', 'index.ts')],
    outfile: path.join(SCHEMAS_DIR, 'dist', 'cms-contract.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
  const configFile = path.join(SCHEMAS_DIR, 'tsconfig.cms-contract.json');
  const config = ts.getParsedCommandLineOfConfigFile(configFile, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (!config) throw new Error(`cannot read ${configFile}`);
  const program = ts.createProgram(config.fileNames, config.options);
  const result = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (diagnostics.length) {
    const host = { getCanonicalFileName: (f: string) => f, getCurrentDirectory: () => SCHEMAS_DIR, getNewLine: () => '\n' };
    throw new Error(`schemas/src/cms-contract does not type-check:\n${ts.formatDiagnostics(diagnostics, host)}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  // A command like the others: an unknown option is one line and exit 2, and nothing is built.
  parseCommandLine({ command: 'npm run build (schemas)', usage: '用法：npm run build   生成 CMS 使用的 CommonJS 契约包（schemas/dist）', options: {} });
  buildCmsContract();
}
