import type { Core } from '@strapi/strapi';
import { LOCALES } from '../content/uids';

const NAMES: Record<string, string> = { 'zh-Hans': '简体中文 (zh-Hans)', en: 'English (en)' };

/** zh-Hans is the default locale; en is the second. Idempotent. */
export async function ensureLocales(strapi: Core.Strapi): Promise<void> {
  const locales = strapi.plugin('i18n').service('locales');
  for (const code of LOCALES.all) {
    if (!(await locales.findByCode(code))) await locales.create({ code, name: NAMES[code] ?? code });
  }
  if ((await locales.getDefaultLocale()) !== LOCALES.default) await locales.setDefaultLocale({ code: LOCALES.default });
}
