import * as React from 'react';
import { createIntl, useIntl } from 'react-intl';
import { PLUGIN_ID } from '../pluginId';
import zhHans from '../translations/zh-Hans.json';

/** The translation id of a key in translations/*.json (registerTrads prefixes them with the plugin id). */
export const getTrad = (id: string): string => `${PLUGIN_ID}.${id}`;

const CHINESE: Record<string, string> = zhHans;
const CHINESE_MESSAGES = Object.fromEntries(Object.entries(CHINESE).map(([k, v]) => [getTrad(k), v]));

/**
 * Translate a workbench key. Chinese is the workbench's own language: under a Chinese admin locale
 * the workbench speaks from its zh-Hans.json even when the admin was not configured to load that
 * locale (Strapi then falls back to English messages); other locales use the admin's messages.
 */
export function useT() {
  const intl = useIntl();
  return React.useMemo(() => {
    const own = intl.locale.toLowerCase().startsWith('zh') ? createIntl({ locale: intl.locale, messages: CHINESE_MESSAGES, onError: intl.onError }) : intl;
    return (id: string, values?: Record<string, string | number>) => own.formatMessage({ id: getTrad(id), defaultMessage: CHINESE[id] ?? id }, values);
  }, [intl]);
}
