// Operator traps: the CMS's private signing key (whoever reads it signs an office token) left
// readable by others in a data directory from before, or restored from a backup with 0644.
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyFile, loadOrCreateSigningKey } from '../../cms/src/identity/key-store.ts';
import { secureDataDir } from '../../scripts/start/data-dir.ts';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('the identity signing key in a data directory from before', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'zone-attack-ops-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('npm start tightens a 0644 key file to 0600', async () => {
    const dir = path.join(scratch, 'start');
    const first = path.join(scratch, 'gen');
    await loadOrCreateSigningKey(first);
    mkdirSync(dir, { mode: 0o755 });
    copyFileSync(keyFile(first), keyFile(dir));
    chmodSync(keyFile(dir), 0o644);
    expect(secureDataDir(dir)).toContain('identity-signing-key.json');
    expect(mode(keyFile(dir))).toBe(0o600);
  });

  it('the CMS tightens it too when it loads the key (started without npm start)', async () => {
    const dir = path.join(scratch, 'cms');
    const first = path.join(scratch, 'gen2');
    const generated = await loadOrCreateSigningKey(first);
    mkdirSync(dir, { mode: 0o700 });
    copyFileSync(keyFile(first), keyFile(dir));
    chmodSync(keyFile(dir), 0o644);
    const loaded = await loadOrCreateSigningKey(dir);
    expect(loaded.kid).toBe(generated.kid);
    expect(mode(keyFile(dir))).toBe(0o600);
  });
});
