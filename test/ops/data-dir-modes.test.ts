// The data directory is its owner's only: the folder 0700; the databases, the secrets, the
// Meilisearch master key, the api's search key and the demo password 0600. Each component creates its
// files that way, and `npm start` tightens a data directory from before (0755 / 0644).
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../api/src/db/database.ts';
import { demoPassword } from '../../cms/src/seed/accounts.ts';
import { writeSearchKeyFile } from '../../search-sync/src/meili/keys.ts';
import { embeddedMasterKey } from '../../search-sync/src/meili/server.ts';
import { startCms } from '../helpers/cms.ts';
import { freePort } from '../helpers/meili.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const mode = (file: string) => statSync(file).mode & 0o777;
// startCms sets the CMS's settings in process.env (CMS_PORT=0 among them); npm start gets the shell's.
const SHELL_ENV = { ...process.env };

describe('data directory modes', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'zone-modes-'));
    chmodSync(scratch, 0o755);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('the CMS creates cms.sqlite and its secrets owner-only', { timeout: 240_000 }, async () => {
    const dataDir = path.join(scratch, 'cms-data');
    const cms = await startCms('sqlite', 'modes', { env: { DATA_DIR: dataDir } });
    try {
      await cms.strapi.db.query('api::department.department').count({});
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(dataDir, 'cms.sqlite'))).toBe(0o600);
      expect(mode(path.join(dataDir, 'cms-secrets.json'))).toBe(0o600);
    } finally {
      await cms.stop({ keepDatabase: true });
      await cms.db.drop();
    }
  });

  it('the api, search-sync and the demo seed create their files owner-only', async () => {
    const dataDir = path.join(scratch, 'api-data');
    const database = await openDatabase({ kind: 'sqlite', file: path.join(dataDir, 'api.sqlite') });
    await database.destroy();
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'api.sqlite'))).toBe(0o600);

    const keyFile = path.join(scratch, 'sync-data', 'meili-search-key.json');
    writeSearchKeyFile(keyFile, { host: 'http://127.0.0.1:7700', searchKey: 'k', indexUid: 'i' });
    expect(mode(path.dirname(keyFile))).toBe(0o700);
    expect(mode(keyFile)).toBe(0o600);
    // Rewritten over a file from before, it is tightened too.
    chmodSync(keyFile, 0o644);
    writeSearchKeyFile(keyFile, { host: 'http://127.0.0.1:7700', searchKey: 'k2', indexUid: 'i' });
    expect(mode(keyFile)).toBe(0o600);

    const meiliDir = path.join(scratch, 'meili-data', 'meilisearch');
    embeddedMasterKey(meiliDir);
    expect(mode(meiliDir)).toBe(0o700);
    expect(mode(path.join(meiliDir, 'master-key'))).toBe(0o600);

    const seedDir = path.join(scratch, 'seed-data');
    mkdirSync(seedDir, { mode: 0o700 });
    demoPassword(seedDir, undefined);
    expect(mode(path.join(seedDir, 'demo-password.txt'))).toBe(0o600);
  });

  it('npm start tightens a data directory from before', { timeout: 120_000 }, async () => {
    const dataDir = path.join(scratch, 'old-data');
    mkdirSync(path.join(dataDir, 'meilisearch'), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, 'meilisearch'), 0o755);
    const files = ['cms.sqlite', 'api.sqlite', 'cms-secrets.json', 'demo-password.txt', 'meili-search-key.json', path.join('meilisearch', 'master-key')];
    for (const file of files) writeFileSync(path.join(dataDir, file), file === path.join('meilisearch', 'master-key') ? 'a'.repeat(43) : '', { mode: 0o644 });

    const env: NodeJS.ProcessEnv = { ...SHELL_ENV, DATA_DIR: dataDir, START_ONLY: 'meilisearch', MEILI_PORT: String(await freePort()), NODE_ENV: 'development' };
    delete env.MEILI_HOST;
    const child = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise((r) => child.once('exit', r));
    const deadline = Date.now() + 90_000;
    while (!output.includes('Press Ctrl-C to stop everything.') && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(output).toContain('Press Ctrl-C to stop everything.');
    // Ctrl-C in the terminal: SIGINT to the whole foreground group.
    process.kill(-child.pid!, 'SIGINT');
    await exited;
    expect(output).toContain(`tightened ${dataDir} to owner-only access`);
    expect(output).toContain(`tightened ${path.join(dataDir, 'cms.sqlite')} to owner-only access`);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'meilisearch'))).toBe(0o700);
    for (const file of files) expect(mode(path.join(dataDir, file)), file).toBe(0o600);
  });
});
