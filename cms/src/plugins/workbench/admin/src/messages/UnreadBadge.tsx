// The unread count of the signed-in staff member's inbox, shown beside 消息 on the workbench home.
import * as React from 'react';
import { Badge } from '@strapi/design-system';
import { useApi } from '../session/StaffSession';
import { useT } from '../utils/getTrad';
import { UNREAD_COUNT } from './queries';

export function UnreadBadge() {
  const t = useT();
  const api = useApi();
  const [count, setCount] = React.useState<number | null>(null);
  React.useEffect(() => {
    const controller = new AbortController();
    api<{ myInboxUnreadCount: number }>(UNREAD_COUNT, {}, controller.signal)
      .then((d) => setCount(d.myInboxUnreadCount))
      .catch(() => {
        // No badge rather than an error on the home page; the screen itself reports failures.
      });
    return () => controller.abort();
  }, [api]);
  if (count === null) return null;
  return (
    <Badge variant={count > 0 ? 'danger' : 'neutral'}>
      {t('messages.unreadBadge', { count })}
    </Badge>
  );
}
