// The admin half of the 导入导出 plugin: one menu link and one page.
import { FileXls } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import zhHans from './translations/zh-Hans.json';
import { PLUGIN_ID } from './pluginId';
import { getTrad } from './utils/getTrad';

// Who may create policy items may import them: department editors (their department, by condition)
// and the office. Other staff roles do not see the link; the server checks the roles again.
const USE_PERMISSIONS = [{ action: 'plugin::content-manager.explorer.create', subject: 'api::policy-item.policy-item' }];

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: FileXls,
      intlLabel: { id: getTrad('plugin.name'), defaultMessage: zhHans['plugin.name'] },
      permissions: USE_PERMISSIONS,
      Component: () => import('./pages/App'),
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as { default: Record<string, string> };
          return { data: Object.fromEntries(Object.entries(data).map(([key, value]) => [getTrad(key), value])), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
