import { useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import zhHans from '../translations/zh-Hans.json';

/** The translation id of a key in translations/*.json (registerTrads prefixes them with the plugin id). */
export const getTrad = (id: string): string => `${PLUGIN_ID}.${id}`;

const CHINESE: Record<string, string> = zhHans;

/**
 * Translate a workbench key. Chinese is the workbench's own language: when the admin's locale has
 * no message for a key (a locale the admin was not configured to load), the zh-Hans text is shown.
 */
export function useT() {
  const { formatMessage } = useIntl();
  return (id: string, values?: Record<string, string | number>) => formatMessage({ id: getTrad(id), defaultMessage: CHINESE[id] ?? id }, values);
}
