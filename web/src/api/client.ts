import { ApiError, parseRetryAfter } from './problem';
import { toQueryString, type QueryValue } from './query';
import { sessionFromTokens, type Session, type SessionStore } from './session';
import type { Problem, TokenResponse } from './types';

export interface RequestOptions {
  body?: unknown;
  /** A body that is not JSON (an iCalendar file): sent as is with its media type. */
  text?: { body: string; type: string };
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** Send the bearer token and refresh it on 401 (default true). */
  auth?: boolean;
  signal?: AbortSignal;
  /** Read a success's body as a Blob (a file to save, such as the CSV export) instead of JSON or text. */
  asBlob?: boolean;
  /**
   * The ETag of the answer held (a conditional GET): sent as `If-None-Match`; the server answers 304 with no body while
   * it is still current, which `conditional` reports as `{ notModified: true }` — not an error.
   */
  ifNoneMatch?: string;
}

/** A conditional GET's outcome: unchanged (keep what you hold) or the new data with its ETag to send next time. */
export type Conditional<T> = { notModified: true; etag: string } | { notModified: false; data: T; etag: string | undefined };

export interface ApiResponse<T> {
  status: number;
  data: T;
  headers: Headers;
}

export interface ApiClientOptions {
  baseUrl: string;
  store: SessionStore;
  fetch?: typeof fetch;
  now?: () => number;
  /** Called once when the session cannot be renewed (refresh rejected); the app shows the login. */
  onSessionExpired?: () => void;
  /**
   * Serialises refreshes across tabs (Web Locks). Refresh tokens rotate and reuse of a spent one
   * revokes the whole family, so two tabs must never spend the same token.
   */
  withLock?: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
}

/** Refresh this long before expiry rather than waiting for a 401. */
const EXPIRY_MARGIN_MS = 15_000;

export class ApiClient {
  private readonly baseUrl: string;
  private readonly store: SessionStore;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly onSessionExpired: (() => void) | undefined;
  private readonly withLock: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  private refreshing: Promise<boolean> | null = null;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.store = options.store;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.now = options.now ?? Date.now;
    this.onSessionExpired = options.onSessionExpired;
    this.withLock = options.withLock ?? ((_name, fn) => fn());
  }

  get session(): Session | null {
    return this.store.get();
  }

  /** The absolute address of an API path, for a request made outside `fetch` (an upload over XMLHttpRequest). */
  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  /**
   * The bearer token `request` would send now (renewed first when about to expire), for a request made outside
   * `fetch`: an upload reports its progress only through XMLHttpRequest. After a 401 the caller asks `refresh(token)`.
   */
  async bearer(): Promise<string | undefined> {
    const session = this.store.get();
    if (session && session.expiresAt - this.now() < EXPIRY_MARGIN_MS) await this.refresh(session.accessToken);
    return this.store.get()?.accessToken;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const auth = options.auth ?? true;
    let session = auth ? this.store.get() : null;

    if (session && session.expiresAt - this.now() < EXPIRY_MARGIN_MS) {
      await this.refresh(session.accessToken);
      session = this.store.get();
    }

    let response = await this.send(method, path, options, session?.accessToken);

    if (response.status === 401 && session) {
      if (!(await this.refresh(session.accessToken))) throw await toApiError(response, this.now());
      response = await this.send(method, path, options, this.store.get()?.accessToken);
    }

    if (response.status === 304 && options.ifNoneMatch) return { status: 304, data: undefined as T, headers: response.headers };
    if (!response.ok) throw await toApiError(response, this.now());
    const data = options.asBlob ? await response.blob() : await readBody(response);
    return { status: response.status, data: data as T, headers: response.headers };
  }

  /**
   * A GET that costs almost nothing when nothing changed: with `ifNoneMatch` (the ETag of the last answer) the server
   * answers 304 and this resolves `{ notModified: true }`; otherwise the data and the ETag to hold for the next call.
   */
  async conditional<T>(path: string, options: RequestOptions = {}): Promise<Conditional<T>> {
    const response = await this.request<T>('GET', path, options);
    const etag = response.headers.get('ETag') ?? undefined;
    if (response.status === 304) return { notModified: true, etag: etag ?? options.ifNoneMatch! };
    return { notModified: false, data: response.data, etag };
  }

  async json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
    return (await this.request<T>(method, path, options)).data;
  }

  async login(email: string, password: string): Promise<Session> {
    const tokens = await this.json<TokenResponse>('POST', '/auth/login', {
      body: { email, password },
      auth: false,
    });
    const session = sessionFromTokens(tokens, this.now());
    this.store.set(session);
    return session;
  }

  /** Uses an e-mailed registration link: the account is made and signed in, as a login. */
  async confirmRegistration(token: string): Promise<Session> {
    const tokens = await this.json<TokenResponse>('POST', '/auth/register/confirm', { body: { token }, auth: false });
    const session = sessionFromTokens(tokens, this.now());
    this.store.set(session);
    return session;
  }

  /** Revokes the refresh token on the server (best effort) and forgets the session locally. */
  async logout(): Promise<void> {
    const session = this.store.get();
    this.store.set(null);
    if (!session) return;
    try {
      await this.send('POST', '/auth/logout', { body: { refreshToken: session.refreshToken } }, undefined);
    } catch {
      // Offline: the local session is gone already and the token expires on its own.
    }
  }

  /**
   * Renews the access token once, however many callers ask at the same time. `seenAccessToken` is
   * the token the caller found stale; if the session already holds another, fresh one (renewed by
   * a concurrent request or another tab) nothing is spent.
   */
  refresh(seenAccessToken?: string): Promise<boolean> {
    this.refreshing ??= this.withLock('tickets-refresh', () => this.doRefresh(seenAccessToken)).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async doRefresh(seenAccessToken: string | undefined): Promise<boolean> {
    const session = this.store.get();
    if (!session) return false;
    const alreadyRenewed =
      seenAccessToken !== undefined &&
      session.accessToken !== seenAccessToken &&
      session.expiresAt - this.now() >= EXPIRY_MARGIN_MS;
    if (alreadyRenewed) return true;

    const response = await this.send('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } }, undefined);
    if (!response.ok) {
      this.store.set(null);
      this.onSessionExpired?.();
      return false;
    }
    this.store.set(sessionFromTokens((await response.json()) as TokenResponse, this.now()));
    return true;
  }

  private async send(
    method: string,
    path: string,
    options: RequestOptions,
    accessToken: string | undefined,
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
    if (options.ifNoneMatch) headers['If-None-Match'] = options.ifNoneMatch;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.text) headers['Content-Type'] = options.text.type;
    if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
    const url = `${this.baseUrl}${path}${options.query ? toQueryString(options.query) : ''}`;
    try {
      return await this.fetchImpl(url, {
        method,
        headers,
        body: options.text ? options.text.body : options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, { title: 'Network error', detail: String(error) });
    }
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('json') ? JSON.parse(text) : text;
}

async function toApiError(response: Response, now: number): Promise<ApiError> {
  let problem: Problem = { status: response.status, title: response.statusText || `HTTP ${response.status}` };
  try {
    const body = await readBody(response);
    if (body && typeof body === 'object') problem = { ...problem, ...(body as Problem) };
  } catch {
    // Not JSON (a proxy's HTML error page, say): keep the synthetic problem.
  }
  return new ApiError(response.status, problem, parseRetryAfter(response.headers.get('Retry-After'), now));
}
