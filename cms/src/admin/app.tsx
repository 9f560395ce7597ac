// The admin for the department specialists: Chinese first (English still offered), the vocabulary
// fields of 第六条 as multi-selects of Chinese labels, and the fixed department of a specialist.
import type { ComponentType } from 'react';
import type { StrapiApp } from '@strapi/strapi/admin';
import { preferChineseInterface } from './interface-language';
import { DepartmentPanel } from './department-panel';
import { INJECT_COLUMN_IN_TABLE, translateEnumerationColumns } from './enumeration-cell';
import { repairDoublePrefixedTranslations } from './strapi-translations';
import { conditionMessages } from './condition-labels';
import strapiZhHans from './translations/strapi-zh-Hans.json';
import zhHans from './translations/zh-Hans.json';
import en from './translations/en.json';

interface ContentManagerApis {
  addEditViewSidePanel(panels: unknown[]): void;
}

export default {
  config: {
    // 'en' is always offered by Strapi; zh-Hans is added and made the default in register.
    locales: ['zh-Hans'],
    // The condition component's attribute and operator selects show the vocabulary's Chinese labels.
    translations: { 'zh-Hans': { ...strapiZhHans, ...zhHans, ...conditionMessages() }, en },
  },
  register(app: StrapiApp) {
    preferChineseInterface();
    repairDoublePrefixedTranslations(app, 'content-manager');
    app.customFields.register({
      name: 'vocabulary',
      type: 'json',
      intlLabel: { id: 'zone.vocabulary.label', defaultMessage: '词表多选' },
      intlDescription: { id: 'zone.vocabulary.description', defaultMessage: '从第六条的词表中选择，保存为词表代码' },
      // Strapi types a custom field's Input as taking no props; the content-manager passes the field's.
      components: { Input: async () => import('./vocabulary-input').then((m) => ({ default: m.VocabularyInput as unknown as ComponentType })) },
    });
  },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as { apis: ContentManagerApis };
    contentManager.apis.addEditViewSidePanel([DepartmentPanel]);
    app.registerHook(INJECT_COLUMN_IN_TABLE, translateEnumerationColumns);
  },
};
