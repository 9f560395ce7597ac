// The Strapi admin build (TypeScript compile + admin bundle: about 30 s and 2 GB here) runs only
// when it is missing or stale. Stale means: any source, config or dependency of the CMS changed
// since the last build, measured by a content hash kept next to the build.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const CMS_DIR = path.resolve(import.meta.dirname, '..', '..', 'cms');
const STAMP = path.join(CMS_DIR, 'dist', '.admin-build-hash');
// The CMS compiles against the contract in schemas/ (src/cms-contract), so its sources count too.
const INPUTS = ['src', 'config', 'package.json', 'tsconfig.json', path.join('..', 'package-lock.json'), path.join('..', 'schemas', 'src'), path.join('..', 'schemas', 'data')];

function hashTree(hash: ReturnType<typeof createHash>, target: string): void {
  if (!existsSync(target)) return;
  const stat = statSync(target);
  if (stat.isDirectory()) {
    for (const entry of readdirSync(target).sort()) hashTree(hash, path.join(target, entry));
  } else {
    hash.update(path.relative(CMS_DIR, target));
    hash.update(readFileSync(target));
  }
}

export function cmsSourceHash(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) hashTree(hash, path.join(CMS_DIR, input));
  return hash.digest('hex');
}

export function adminBuildIsFresh(): boolean {
  return (
    existsSync(path.join(CMS_DIR, 'dist', 'build', 'index.html')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8').trim() === cmsSourceHash()
  );
}

/** Runs `strapi build` when needed. Resolves with whether a build ran. */
export async function ensureAdminBuild(log: (line: string) => void = console.log): Promise<boolean> {
  if (adminBuildIsFresh()) return false;
  log('Building the CMS (TypeScript + admin panel, about 30 s) because it is missing or out of date…');
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [strapiBin(), 'build'], {
      cwd: CMS_DIR,
      env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', NODE_OPTIONS: '--max-old-space-size=3072' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach((l) => log(l)));
    child.stderr.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach((l) => log(l)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`strapi build exited with ${code}`))));
  });
  writeFileSync(STAMP, cmsSourceHash());
  log(`CMS built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

function strapiBin(): string {
  return path.resolve(CMS_DIR, '..', 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js');
}
