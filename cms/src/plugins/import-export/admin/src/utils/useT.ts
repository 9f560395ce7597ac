// Every string a person reads comes from translations/. zh-Hans.json is complete and is also the
// fallback (defaultMessage), so the page is Chinese even in an admin whose language has no file.
import { useIntl } from 'react-intl';
import zhHans from '../translations/zh-Hans.json';
import { getTrad } from './getTrad';

export type MessageKey = keyof typeof zhHans;

export function useT() {
  const { formatMessage } = useIntl();
  return (key: MessageKey, values?: Record<string, string | number>) => formatMessage({ id: getTrad(key), defaultMessage: zhHans[key] }, values);
}
