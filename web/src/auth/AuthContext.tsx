import { createContext, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ApiClient } from '../api/client';
import { createSessionStore, type SessionStore } from '../api/session';
import { createApi, type Api } from '../api/tickets';
import type { UpdateProfileRequest, User } from '../api/types';

export interface Auth {
  api: Api;
  user: User | null;
  isStaff: boolean;
  isAdmin: boolean;
  /** True once the session ended because it could not be renewed (shown on the login page). */
  expired: boolean;
  login: (email: string, password: string) => Promise<User>;
  /** Uses the e-mailed registration link: makes the account and signs in. */
  confirmRegistration: (token: string) => Promise<User>;
  logout: () => Promise<void>;
  /** PATCH /me, then the session carries the new profile (header, language). */
  updateProfile: (changes: UpdateProfileRequest) => Promise<User>;
  /** POST /me/password ends every session, this one too: sign in again with the new password so the person stays in. */
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

const API_BASE = import.meta.env.VITE_API_BASE ?? '/api';

function webLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return typeof navigator !== 'undefined' && navigator.locks ? (navigator.locks.request(name, fn) as Promise<T>) : fn();
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [expired, setExpired] = useState(false);
  const [{ store, api }] = useState(() => {
    const sessionStore: SessionStore = createSessionStore(typeof localStorage === 'undefined' ? null : localStorage);
    const client = new ApiClient({
      baseUrl: API_BASE,
      store: sessionStore,
      withLock: webLock,
      onSessionExpired: () => setExpired(true),
    });
    return { store: sessionStore, api: createApi(client) };
  });

  const user = useSyncExternalStore(
    store.subscribe,
    () => store.get()?.user ?? null,
    () => null,
  );

  const value = useMemo<Auth>(
    () => ({
      api,
      user,
      isStaff: user?.role === 'technician' || user?.role === 'admin',
      isAdmin: user?.role === 'admin',
      expired,
      login: async (email, password) => {
        const session = await api.client.login(email, password);
        setExpired(false);
        return session.user;
      },
      confirmRegistration: async (token) => {
        const session = await api.client.confirmRegistration(token);
        setExpired(false);
        return session.user;
      },
      logout: () => api.client.logout(),
      updateProfile: async (changes) => {
        const updated = await api.updateMe(changes);
        const session = store.get();
        if (session && session.user.id === updated.id) store.set({ ...session, user: updated });
        return updated;
      },
      changePassword: async (currentPassword, newPassword) => {
        const email = store.get()?.user.email;
        await api.changePassword({ currentPassword, newPassword });
        if (email) await api.client.login(email, newPassword);
      },
    }),
    [api, store, user, expired],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}
