// What the specialists read in the admin is Chinese, checked by enumerating from the framework and
// the content model rather than by listing cases: every field of every content type has a Chinese
// label, every content-manager and i18n string Strapi 5.54 can show has a zh-Hans text (Strapi's own
// or ours), our own strings exist in both languages, and the vocabulary fields name vocabularies
// of 第六条 that exist.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SUBJECTS, TOPICS } from '@zone/schemas';
import { ADMIN_LAYOUTS } from '../../cms/src/admin-ui/field-labels.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ADMIN_SRC = path.join(ROOT, 'cms', 'src', 'admin');
const CJK = /[\u4e00-\u9fff]/;

type Messages = Record<string, string>;
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Messages;
async function strapiMessages(pkg: string, locale: string): Promise<Messages> {
  const file = path.join(ROOT, 'node_modules', '@strapi', pkg, 'dist', 'admin', 'translations', `${locale}.json.mjs`);
  return ((await import(pathToFileURL(file).href)) as { default: Messages }).default;
}

interface Schema {
  info: { displayName: string };
  attributes: Record<string, { type: string; customField?: string; options?: { vocabulary?: string } }>;
}
function contentTypes(): Array<{ uid: string; schema: Schema }> {
  const api = path.join(ROOT, 'cms', 'src', 'api');
  return readdirSync(api).flatMap((name) =>
    readdirSync(path.join(api, name, 'content-types')).map((ct) => ({
      uid: `api::${name}.${ct}`,
      schema: JSON.parse(readFileSync(path.join(api, name, 'content-types', ct, 'schema.json'), 'utf8')) as Schema,
    })),
  );
}

describe('the admin speaks Chinese to the specialists', () => {
  const ours = readJson(path.join(ADMIN_SRC, 'translations', 'zh-Hans.json'));
  const oursEn = readJson(path.join(ADMIN_SRC, 'translations', 'en.json'));
  const strapiGaps = readJson(path.join(ADMIN_SRC, 'translations', 'strapi-zh-Hans.json'));

  it('labels every field of every content type in Chinese', () => {
    for (const { uid, schema } of contentTypes()) {
      const layout = ADMIN_LAYOUTS[uid];
      expect(layout, `${uid} has no admin layout`).toBeDefined();
      for (const field of Object.keys(schema.attributes)) {
        const label = layout!.fields[field]?.[0];
        expect(label && CJK.test(label), `${uid}.${field} has no Chinese label`).toBe(true);
      }
    }
  });

  it('names every content type in Chinese, and in English for the English interface', () => {
    for (const { schema } of contentTypes()) {
      const name = schema.info.displayName;
      expect(ours[name], name).toMatch(CJK);
      expect(oursEn[name], name).toMatch(/^[A-Za-z ]+$/);
    }
  });

  it('has every string of its own in both languages', () => {
    expect(Object.keys(ours).sort()).toEqual(Object.keys(oursEn).sort());
  });

  it.each(['content-manager', 'i18n'])('has a zh-Hans text for every %s string Strapi can show', async (pkg) => {
    const en = await strapiMessages(pkg, 'en');
    const zh = await strapiMessages(pkg, 'zh-Hans');
    // content-manager 5.54 ships some zh-Hans keys already prefixed; app.tsx undoes the double prefix.
    const strapiZh = (key: string) => zh[key] ?? zh[`${pkg}.${key}`];
    const untranslated = Object.keys(en).filter((key) => !strapiZh(key) && !strapiGaps[`${pkg}.${key}`]);
    expect(untranslated).toEqual([]);
  });

  it('translates each enumeration value of the content model', () => {
    for (const { schema } of contentTypes()) {
      for (const attribute of Object.values(schema.attributes)) {
        for (const value of (attribute as { enum?: string[] }).enum ?? []) expect(ours[value], value).toMatch(CJK);
      }
    }
  });

  it('offers 适用对象 and 诉求领域 from the vocabularies of 第六条', () => {
    const item = contentTypes().find((c) => c.uid === 'api::policy-item.policy-item')!.schema;
    expect(item.attributes.subjects).toMatchObject({ type: 'customField', customField: 'global::vocabulary', options: { vocabulary: 'SUBJECTS' } });
    expect(item.attributes.topics).toMatchObject({ type: 'customField', customField: 'global::vocabulary', options: { vocabulary: 'TOPICS' } });
    expect(Object.values(SUBJECTS)).toEqual(['工业企业', '生产性服务业企业', '创业个人']);
    expect(Object.values(TOPICS)).toEqual(['投资建设', '生产经营', '转型升级', '其他']);
  });
});
