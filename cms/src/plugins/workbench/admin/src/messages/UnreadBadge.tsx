// The unread count of the signed-in staff member's inbox, shown beside 消息 on the workbench home.
// The home screen stays open all day, so the count is read again every minute and whenever the tab
// comes back into view; a read that fails (the api restarting, a slow moment) is retried after a
// few seconds instead of leaving the badge away until the next reload.
import * as React from 'react';
import { Badge } from '@strapi/design-system';
import { useApi } from '../session/StaffSession';
import { useT } from '../utils/getTrad';
import { UNREAD_COUNT } from './queries';

/** How often an open home screen reads the count again. */
export const UNREAD_REFRESH_MS = 60_000;
/** The waits before the 1st, 2nd and later retries of a failed read. */
export const UNREAD_RETRY_MS = [2_000, 5_000, 15_000] as const;

export function UnreadBadge() {
  const t = useT();
  const api = useApi();
  const [count, setCount] = React.useState<number | null>(null);
  React.useEffect(() => {
    let stopped = false;
    let inFlight: AbortController | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const later = (ms: number) => {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(read, ms);
    };
    function read() {
      clearTimeout(timer);
      inFlight?.abort();
      const mine = new AbortController();
      inFlight = mine;
      api<{ myInboxUnreadCount: number }>(UNREAD_COUNT, {}, mine.signal)
        .then((d) => {
          if (mine.signal.aborted) return;
          failures = 0;
          setCount(d.myInboxUnreadCount);
          later(UNREAD_REFRESH_MS);
        })
        .catch(() => {
          // Superseded by a newer read, or the screen closed: that one decides what comes next.
          if (mine.signal.aborted) return;
          // No badge rather than an error on the home page (the screen itself reports failures); a last
          // known count stays shown meanwhile.
          later(UNREAD_RETRY_MS[Math.min(failures++, UNREAD_RETRY_MS.length - 1)]!);
        });
    }
    const onVisible = () => {
      if (document.visibilityState === 'visible') read();
    };
    document.addEventListener('visibilitychange', onVisible);
    read();
    return () => {
      stopped = true;
      clearTimeout(timer);
      inFlight?.abort();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [api]);
  if (count === null) return null;
  return (
    <Badge variant={count > 0 ? 'danger' : 'neutral'}>
      {t('messages.unreadBadge', { count })}
    </Badge>
  );
}
