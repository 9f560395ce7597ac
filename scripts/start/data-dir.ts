// The data directory holds the databases, the secrets, the Meilisearch master key and the demo
// password: readable by its owner only. The components create their files that way; a data
// directory from before (0755 / 0644) is tightened here, at every start.
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** The files the components keep in DATA_DIR that must stay private (SQLite side files included). */
export const PRIVATE_FILES = [
  ...['cms.sqlite', 'api.sqlite'].flatMap((db) => [db, `${db}-wal`, `${db}-shm`, `${db}-journal`]),
  'cms-secrets.json',
  'demo-password.txt',
  'meili-search-key.json',
  // The CMS's private key for staff api tokens: whoever reads it can sign an office token.
  'identity-signing-key.json',
  'start.lock.json',
  path.join('meilisearch', 'master-key'),
];
const PRIVATE_DIRS = ['.', 'meilisearch'];

/** Creates DATA_DIR (0700) if needed and tightens the modes of what is already there. Returns what it changed. */
export function secureDataDir(dataDir: string): string[] {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const changed: string[] = [];
  const tighten = (target: string, mode: number) => {
    if (!existsSync(target)) return;
    if ((statSync(target).mode & 0o777) === mode) return;
    chmodSync(target, mode);
    changed.push(path.relative(dataDir, target) || '.');
  };
  for (const dir of PRIVATE_DIRS) tighten(path.join(dataDir, dir), PRIVATE_DIR_MODE);
  for (const file of PRIVATE_FILES) tighten(path.join(dataDir, file), PRIVATE_FILE_MODE);
  return changed;
}
