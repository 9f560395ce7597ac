// The CMS's signing key pair for staff api tokens: generated once (ES256), kept in the data
// directory readable by the CMS's user only (0600), reused on every start. Its public half is
// published as a JWKS so the api can verify tokens without sharing any secret.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export const SIGNING_ALG = 'ES256';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

interface StoredKey {
  alg: typeof SIGNING_ALG;
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  createdAt: string;
}

export function keyFile(dataDir: string): string {
  return path.join(dataDir, 'identity-signing-key.json');
}

async function generate(file: string): Promise<StoredKey> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const stored: StoredKey = { alg: SIGNING_ALG, kid, privateJwk: await exportJWK(privateKey), publicJwk, createdAt: new Date().toISOString() };
  mkdirSync(path.dirname(file), { recursive: true });
  // wx: two processes starting at once never overwrite each other's key; the loser reads the winner's.
  try {
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(readFileSync(file, 'utf8')) as StoredKey;
    throw err;
  }
  return stored;
}

export async function loadOrCreateSigningKey(dataDir: string): Promise<SigningKey> {
  const file = keyFile(dataDir);
  // A key file from before, restored from a backup or copied by hand may be readable by others: whoever
  // reads it signs an office token, so it is made the owner's only at every start.
  if (existsSync(file)) chmodSync(file, 0o600);
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredKey) : await generate(file);
  const privateKey = (await importJWK(stored.privateJwk, SIGNING_ALG)) as CryptoKey;
  return { kid: stored.kid, privateKey, publicJwk: { ...stored.publicJwk, kid: stored.kid, alg: SIGNING_ALG, use: 'sig' } };
}
