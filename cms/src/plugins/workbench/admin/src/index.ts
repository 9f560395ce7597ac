// 工作台 (the staff workbench): one menu entry for every staff role. Its home shows the screens of
// the signed-in staff member's role; the hotline console is the first of them.
import { Briefcase } from '@strapi/icons';
import { PLUGIN_ID } from './pluginId';
import { getTrad } from './utils/getTrad';

interface AdminApp {
  addMenuLink(link: unknown): void;
  registerPlugin(plugin: { id: string; name: string }): void;
}

export default {
  register(app: AdminApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Briefcase,
      intlLabel: { id: getTrad('plugin.name'), defaultMessage: '工作台' },
      Component: () => import('./pages/App').then((mod) => ({ default: mod.App })),
      // Every signed-in staff member sees the entry; what they can do is decided by the api token's role.
      permissions: [],
    });
    app.registerPlugin({ id: PLUGIN_ID, name: PLUGIN_ID });
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = (await import(`./translations/${locale}.json`)) as { default: Record<string, string> };
          return { data: Object.fromEntries(Object.entries(data).map(([k, v]) => [getTrad(k), v])), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
