import { PLUGIN_ID } from '../pluginId';

/** The translation id of a key in translations/*.json (registerTrads prefixes them with the plugin id). */
export const getTrad = (id: string): string => `${PLUGIN_ID}.${id}`;
