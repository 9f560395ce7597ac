// The staff member's api token, issued by the CMS for the logged-in admin user (POST
// /api-identity/token through the admin's own authenticated client) and refreshed a minute before
// it expires. Screens read it through useStaffSession().
import * as React from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { graphql } from './graphql';

export type StaffRole = 'office' | 'department' | 'hotline' | 'leader';

export interface StaffToken {
  token: string;
  expiresAt: string;
  role: StaffRole;
  department?: string;
  name: string;
  apiUrl: string;
}

export type SessionState =
  | { status: 'loading' }
  | { status: 'ready'; session: StaffToken }
  | { status: 'no-role'; message: string }
  | { status: 'error'; message: string };

const REFRESH_BEFORE_MS = 60_000;

const SessionContext = React.createContext<SessionState>({ status: 'loading' });

export function StaffSessionProvider({ children }: { children: React.ReactNode }) {
  const { post } = useFetchClient();
  const [state, setState] = React.useState<SessionState>({ status: 'loading' });

  React.useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const fetchToken = async () => {
      try {
        const { data } = await post<StaffToken>('/api-identity/token', {});
        if (stopped) return;
        setState({ status: 'ready', session: data });
        const wait = Math.max(5_000, Date.parse(data.expiresAt) - Date.now() - REFRESH_BEFORE_MS);
        timer = setTimeout(() => void fetchToken(), wait);
      } catch (err) {
        if (stopped) return;
        const status = (err as { status?: number; response?: { status?: number } }).response?.status ?? (err as { status?: number }).status;
        const message = (err as { message?: string }).message ?? String(err);
        if (status === 403) setState({ status: 'no-role', message });
        else {
          setState({ status: 'error', message });
          timer = setTimeout(() => void fetchToken(), 10_000);
        }
      }
    };
    void fetchToken();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [post]);

  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useStaffSession(): SessionState {
  return React.useContext(SessionContext);
}

/** A GraphQL call as the signed-in staff member (the latest token). */
export function useApi() {
  const state = useStaffSession();
  const ref = React.useRef(state);
  ref.current = state;
  return React.useCallback(<T,>(query: string, variables: Record<string, unknown>, signal?: AbortSignal, timeoutMs?: number): Promise<T> => {
    const current = ref.current;
    if (current.status !== 'ready') return Promise.reject(new Error('no api token yet'));
    return graphql<T>(current.session.apiUrl, current.session.token, query, variables, signal, timeoutMs);
  }, []);
}
