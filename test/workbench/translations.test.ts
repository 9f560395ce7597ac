// The workbench speaks Chinese (zh-Hans.json is complete) and stays selectable in English: every key
// of zh-Hans.json is in en.json with the same placeholders, and every key the screens name literally
// exists (STYLE.md "Screens": every string a person reads comes from translations/).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../cms/src/plugins/workbench/admin/src');
const read = (locale: string) => JSON.parse(readFileSync(path.join(SRC, 'translations', `${locale}.json`), 'utf8')) as Record<string, string>;
const zh = read('zh-Hans');
const en = read('en');
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.tsx?$/.test(name) ? [file] : [];
  });
}

describe('workbench translations', () => {
  it('en.json has exactly the keys of zh-Hans.json, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    expect(Object.entries(en).filter(([, v]) => v.trim() === '')).toEqual([]);
    expect(Object.entries(zh).filter(([, v]) => v.trim() === '')).toEqual([]);
  });

  it('each English message takes the placeholders of the Chinese one', () => {
    const differing = Object.keys(zh).filter((k) => JSON.stringify(placeholders(zh[k]!)) !== JSON.stringify(placeholders(en[k] ?? '')));
    expect(differing).toEqual([]);
  });

  it('every key a screen names literally is translated', () => {
    const used = new Set<string>();
    for (const file of sources(SRC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !(k in zh)).sort()).toEqual([]);
  });
});
