import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from './client';
import { ApiError } from './problem';
import { createMemorySessionStore, type Session } from './session';
import type { User } from './types';

const user: User = {
  id: 'u1',
  email: 'ana@example.com',
  dni: '12345678',
  phone: '600 000 000',
  firstNames: 'Ana',
  lastNames: 'García',
  department: 'IT',
  role: 'user',
  active: true,
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
  lastLoginAt: null,
  language: 'es',
  emailNotifications: true,
  invitationPending: false,
  timeZone: null,
  notificationMode: 'instant',
  digestHour: 8,
  quietHours: null,
};

const NOW = Date.parse('2024-05-01T10:00:00Z');

function session(access = 'access-1', refresh = 'refresh-1', expiresInMs = 10 * 60_000): Session {
  return { accessToken: access, refreshToken: refresh, expiresAt: NOW + expiresInMs, user };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

function tokens(n: number) {
  return { accessToken: `access-${n}`, tokenType: 'Bearer', expiresIn: 900, refreshToken: `refresh-${n}`, user };
}

/** A fake server: routes by method + path, records every call. */
function fakeFetch(handler: (method: string, path: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { method: string; path: string; auth: string | null; body: unknown }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://test');
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    calls.push({
      method,
      path: url.pathname + url.search,
      auth: headers.get('Authorization'),
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    return handler(method, url.pathname, init);
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

function client(fetchImpl: typeof fetch, initial: Session | null = session(), onSessionExpired = vi.fn()) {
  const store = createMemorySessionStore(initial);
  const api = new ApiClient({ baseUrl: '/api', store, fetch: fetchImpl, now: () => NOW, onSessionExpired });
  return { api, store, onSessionExpired };
}

describe('ApiClient', () => {
  it('sends the bearer token and JSON body to the API base', async () => {
    const server = fakeFetch(() => json(201, { id: 't1' }));
    const { api } = client(server.fetch);

    const result = await api.json<{ id: string }>('POST', '/tickets', { body: { title: 'Printer' } });

    expect(result).toEqual({ id: 't1' });
    expect(server.calls[0]).toMatchObject({ method: 'POST', path: '/api/tickets', auth: 'Bearer access-1', body: { title: 'Printer' } });
  });

  it('sends If-None-Match on a conditional GET and reports a 304 as unchanged, not as an error', async () => {
    const seen: (string | null)[] = [];
    const server = fakeFetch((_method, _path, init) => {
      const held = new Headers(init.headers).get('If-None-Match');
      seen.push(held);
      return held === 'W/"v1"'
        ? new Response(null, { status: 304, headers: { ETag: 'W/"v1"' } })
        : json(200, { items: [], nextCursor: null }, { ETag: 'W/"v1"' });
    });
    const { api } = client(server.fetch);

    const first = await api.conditional<{ items: unknown[] }>('/tickets', { query: { limit: 1 } });
    const second = await api.conditional<{ items: unknown[] }>('/tickets', { query: { limit: 1 }, ifNoneMatch: first.etag });

    expect(first).toEqual({ notModified: false, data: { items: [], nextCursor: null }, etag: 'W/"v1"' });
    expect(second).toEqual({ notModified: true, etag: 'W/"v1"' });
    expect(seen).toEqual([null, 'W/"v1"']);
  });

  it('treats a 304 without If-None-Match as the error it is', async () => {
    const server = fakeFetch(() => new Response(null, { status: 304 }));
    const { api } = client(server.fetch);

    await expect(api.conditional('/tickets')).rejects.toBeInstanceOf(ApiError);
  });

  it('hands a file answer over as a Blob with its headers, for saving', async () => {
    const csv = '\uFEFFNúmero,Título\r\n';
    const server = fakeFetch(
      () => new Response(csv, { status: 200, headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename=t.csv' } }),
    );
    const { api } = client(server.fetch);

    const response = await api.request<Blob>('GET', '/tickets/export.csv', { asBlob: true });

    expect(response.data).toBeInstanceOf(Blob);
    expect(new Uint8Array(await response.data.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename=t.csv');
    expect(server.calls[0]).toMatchObject({ path: '/api/tickets/export.csv', auth: 'Bearer access-1' });
  });

  it('does not send a token on anonymous calls', async () => {
    const server = fakeFetch(() => json(200, tokens(2)));
    const { api } = client(server.fetch);

    await api.json('POST', '/auth/login', { body: {}, auth: false });

    expect(server.calls[0].auth).toBeNull();
  });

  it('adds comma-separated filters to the query string', async () => {
    const server = fakeFetch(() => json(200, { items: [], nextCursor: null }));
    const { api } = client(server.fetch);

    await api.json('GET', '/tickets', { query: { status: ['open', 'in_progress'], q: ' vpn ', cursor: null } });

    expect(server.calls[0].path).toBe('/api/tickets?status=open,in_progress&q=vpn');
  });

  it('turns a problem+json answer into an ApiError with field errors', async () => {
    const problem = {
      type: 'https://tickets/validation',
      title: 'Invalid input',
      status: 400,
      detail: 'Some fields are invalid',
      traceId: 'abc',
      errors: { Dni: ['Must be 5–15 digits'], '$.email': ['Invalid email'], phone: 'Too short' },
    };
    const server = fakeFetch(() => json(400, problem));
    const { api } = client(server.fetch);

    const error = await api.json('POST', '/auth/register', { body: {}, auth: false }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.problem.traceId).toBe('abc');
    expect(apiError.fieldErrors).toEqual({ dni: ['Must be 5–15 digits'], email: ['Invalid email'], phone: ['Too short'] });
  });

  it('keeps a synthetic problem when the error body is not JSON', async () => {
    const server = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } }));
    const { api } = client(server.fetch);

    const error = (await api.json('GET', '/me').catch((e: unknown) => e)) as ApiError;

    expect(error.status).toBe(502);
    expect(error.fieldErrors).toEqual({});
  });

  it('reads Retry-After on 429', async () => {
    const server = fakeFetch(() => json(429, { title: 'Too many', status: 429 }, { 'Retry-After': '42' }));
    const { api } = client(server.fetch, null);

    const error = (await api.login('a@b.c', 'x').catch((e: unknown) => e)) as ApiError;

    expect(error.retryAfter).toBe(42);
  });

  it('reports a network failure as status 0', async () => {
    const failing = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const { api } = client(failing);

    const error = (await api.json('GET', '/me').catch((e: unknown) => e)) as ApiError;

    expect(error.isNetworkError).toBe(true);
  });

  it('login stores the session with its expiry', async () => {
    const server = fakeFetch(() => json(200, tokens(7)));
    const { api, store } = client(server.fetch, null);

    await api.login('ana@example.com', 'secret-password');

    expect(store.get()).toMatchObject({ accessToken: 'access-7', refreshToken: 'refresh-7', expiresAt: NOW + 900_000 });
  });

  it('confirming a registration link signs in without a token and stores the session', async () => {
    const server = fakeFetch(() => json(200, tokens(8)));
    const { api, store } = client(server.fetch, null);

    await api.confirmRegistration('link-secret');

    expect(server.calls).toEqual([{ method: 'POST', path: '/api/auth/register/confirm', auth: null, body: { token: 'link-secret' } }]);
    expect(store.get()).toMatchObject({ accessToken: 'access-8', refreshToken: 'refresh-8' });
  });

  it('logout revokes the refresh token and forgets the session', async () => {
    const server = fakeFetch(() => new Response(null, { status: 204 }));
    const { api, store } = client(server.fetch);

    await api.logout();

    expect(store.get()).toBeNull();
    expect(server.calls[0]).toMatchObject({ method: 'POST', path: '/api/auth/logout', body: { refreshToken: 'refresh-1' } });
  });
});

describe('token refresh', () => {
  it('on 401 refreshes once and retries with the new token', async () => {
    const server = fakeFetch((_method, path, init) => {
      if (path === '/api/auth/refresh') return json(200, tokens(2));
      const auth = new Headers(init.headers).get('Authorization');
      return auth === 'Bearer access-2' ? json(200, { ok: true }) : json(401, { status: 401, title: 'Unauthorized' });
    });
    const { api, store } = client(server.fetch);

    const result = await api.json('GET', '/me');

    expect(result).toEqual({ ok: true });
    expect(server.calls.map((c) => c.path)).toEqual(['/api/me', '/api/auth/refresh', '/api/me']);
    expect(server.calls[1].body).toEqual({ refreshToken: 'refresh-1' });
    expect(store.get()?.refreshToken).toBe('refresh-2');
  });

  it('concurrent 401s share a single refresh', async () => {
    let refreshes = 0;
    let releaseRefresh!: () => void;
    const refreshGate = new Promise<void>((resolve) => (releaseRefresh = resolve));
    const server = fakeFetch(async (_method, path, init) => {
      if (path === '/api/auth/refresh') {
        refreshes++;
        await refreshGate;
        return json(200, tokens(2));
      }
      const auth = new Headers(init.headers).get('Authorization');
      return auth === 'Bearer access-2' ? json(200, { path }) : json(401, { status: 401 });
    });
    const { api } = client(server.fetch);

    const all = Promise.all([api.json('GET', '/a'), api.json('GET', '/b'), api.json('GET', '/c')]);
    await vi.waitFor(() => expect(refreshes).toBe(1));
    releaseRefresh();

    expect(await all).toEqual([{ path: '/api/a' }, { path: '/api/b' }, { path: '/api/c' }]);
    expect(refreshes).toBe(1);
  });

  it('a 401 that arrives after another request already refreshed reuses the new token', async () => {
    let refreshes = 0;
    let releaseSlow!: () => void;
    const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
    const server = fakeFetch(async (_method, path, init) => {
      if (path === '/api/auth/refresh') {
        refreshes++;
        return json(200, tokens(2));
      }
      const auth = new Headers(init.headers).get('Authorization');
      if (path === '/api/slow' && auth === 'Bearer access-1') await slowGate;
      return auth === 'Bearer access-2' ? json(200, { path }) : json(401, { status: 401 });
    });
    const { api } = client(server.fetch);

    const slow = api.json('GET', '/slow');
    await api.json('GET', '/fast'); // 401 → refresh → retry
    releaseSlow();

    expect(await slow).toEqual({ path: '/api/slow' });
    expect(refreshes).toBe(1);
  });

  it('when the refresh is rejected the session ends and the caller sees the 401', async () => {
    const server = fakeFetch((_method, path) =>
      path === '/api/auth/refresh' ? json(401, { status: 401, title: 'Invalid refresh token' }) : json(401, { status: 401 }),
    );
    const { api, store, onSessionExpired } = client(server.fetch);

    const error = (await api.json('GET', '/me').catch((e: unknown) => e)) as ApiError;

    expect(error.status).toBe(401);
    expect(store.get()).toBeNull();
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(server.calls.filter((c) => c.path === '/api/auth/refresh')).toHaveLength(1);
  });

  it('does not retry more than once when the new token is refused too', async () => {
    const server = fakeFetch((_method, path) => (path === '/api/auth/refresh' ? json(200, tokens(2)) : json(401, { status: 401 })));
    const { api } = client(server.fetch);

    const error = (await api.json('GET', '/me').catch((e: unknown) => e)) as ApiError;

    expect(error.status).toBe(401);
    expect(server.calls.map((c) => c.path)).toEqual(['/api/me', '/api/auth/refresh', '/api/me']);
  });

  it('refreshes before the call when the access token is about to expire', async () => {
    const server = fakeFetch((_method, path) => (path === '/api/auth/refresh' ? json(200, tokens(2)) : json(200, {})));
    const { api } = client(server.fetch, session('access-1', 'refresh-1', 5_000));

    await api.json('GET', '/me');

    expect(server.calls.map((c) => [c.path, c.auth])).toEqual([
      ['/api/auth/refresh', null],
      ['/api/me', 'Bearer access-2'],
    ]);
  });

  it('anonymous 401s (a wrong password) never trigger a refresh', async () => {
    const server = fakeFetch(() => json(401, { status: 401, title: 'Invalid credentials' }));
    const { api } = client(server.fetch);

    await expect(api.json('POST', '/auth/login', { body: {}, auth: false })).rejects.toMatchObject({ status: 401 });
    expect(server.calls).toHaveLength(1);
  });

  it('serialises refreshes through the lock so tabs never spend the same token twice', async () => {
    const lockNames: string[] = [];
    const server = fakeFetch((_method, path, init) => {
      if (path === '/api/auth/refresh') return json(200, tokens(2));
      return new Headers(init.headers).get('Authorization') === 'Bearer access-2' ? json(200, {}) : json(401, {});
    });
    const store = createMemorySessionStore(session());
    const api = new ApiClient({
      baseUrl: '/api',
      store,
      fetch: server.fetch,
      now: () => NOW,
      withLock: async (name, fn) => {
        lockNames.push(name);
        // Another tab rotated the token while this one waited for the lock.
        store.set(session('access-2', 'refresh-2'));
        return fn();
      },
    });

    await api.json('GET', '/me');

    expect(lockNames).toEqual(['tickets-refresh']);
    expect(server.calls.some((c) => c.path === '/api/auth/refresh')).toBe(false);
  });
});
