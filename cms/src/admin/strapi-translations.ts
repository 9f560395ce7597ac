// Strapi 5.54's own zh-Hans, made whole for the specialist's path.
//
// 1. content-manager ships translations/zh-Hans.json with its keys already prefixed
//    ("content-manager.containers.List.draft"), and its registerTrads prefixes them again
//    ("content-manager.content-manager.…"), so none of them match and the list and edit views fall
//    back to English ("Create new entry", "Draft"). The loader is wrapped to drop the second prefix;
//    when Strapi fixes its file the wrapper changes nothing.
// 2. Strings with no zh-Hans at all in Strapi are in ./translations/strapi-zh-Hans.json.
import type { StrapiApp } from '@strapi/strapi/admin';

type Trads = Array<{ data: Record<string, string>; locale: string }>;
interface TranslatablePlugin {
  registerTrads?: (args: { locales: string[] }) => Promise<Trads>;
}

export function repairDoublePrefixedTranslations(app: StrapiApp, pluginId: string): void {
  const plugin = (app.appPlugins as Record<string, TranslatablePlugin | undefined>)[pluginId];
  const original = plugin?.registerTrads;
  if (!plugin || !original) return;
  const doubled = `${pluginId}.${pluginId}.`;
  plugin.registerTrads = async (args) => {
    const trads = await original(args);
    return trads.map(({ data, locale }) => ({
      locale,
      data: Object.fromEntries(Object.entries(data).map(([key, value]) => [key.startsWith(doubled) ? key.slice(pluginId.length + 1) : key, value])),
    }));
  };
}
