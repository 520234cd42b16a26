import type { TokenResponse, User } from './types';

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds at which the access token expires. */
  expiresAt: number;
  user: User;
}

export interface SessionStore {
  get(): Session | null;
  set(session: Session | null): void;
  subscribe(listener: () => void): () => void;
}

export function sessionFromTokens(tokens: TokenResponse, now: number = Date.now()): Session {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: now + tokens.expiresIn * 1000,
    user: tokens.user,
  };
}

/** Keeps the session in memory, mirrored to Web Storage so a reload (or another tab) keeps it. */
export function createSessionStore(storage: Storage | null, key = 'tickets.session'): SessionStore {
  const listeners = new Set<() => void>();
  let cachedRaw: string | null = null;
  let cached: Session | null = null;
  read();

  /** Re-parses only when the stored text changed, so callers get a stable object. */
  function read(): Session | null {
    if (!storage) return cached;
    const raw = storage.getItem(key);
    if (raw === cachedRaw) return cached;
    cachedRaw = raw;
    try {
      cached = raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      // A corrupt entry is the same as no session; the user signs in again.
      cached = null;
    }
    return cached;
  }

  if (typeof window !== 'undefined' && storage) {
    window.addEventListener('storage', (event) => {
      if (event.key !== key) return;
      read();
      listeners.forEach((l) => l());
    });
  }

  return {
    // Another tab may have rotated the refresh token; storage is the source of truth.
    get: read,
    set: (session) => {
      cached = session;
      if (storage) {
        cachedRaw = session ? JSON.stringify(session) : null;
        if (cachedRaw) storage.setItem(key, cachedRaw);
        else storage.removeItem(key);
      }
      listeners.forEach((l) => l());
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function createMemorySessionStore(initial: Session | null = null): SessionStore {
  const store = createSessionStore(null);
  store.set(initial);
  return store;
}
