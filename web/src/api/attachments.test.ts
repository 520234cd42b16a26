import { describe, expect, it } from 'vitest';
import { uploadAttachment } from './attachments';
import { ApiClient } from './client';
import { ApiError } from './problem';
import { createMemorySessionStore, type Session } from './session';
import type { User } from './types';

const NOW = Date.parse('2026-12-07T20:00:00Z');

function session(access: string): Session {
  return { accessToken: access, refreshToken: `refresh-of-${access}`, expiresAt: NOW + 10 * 60_000, user: { id: 'u1' } as User };
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'network';

/** A fake XMLHttpRequest answering each request in turn, recording what was sent. */
function fakeXhr(answers: Answer[]) {
  const sent: { method: string; url: string; headers: Record<string, string>; body: FormData }[] = [];
  class FakeXhr {
    status = 0;
    statusText = '';
    responseText = '';
    private headers: Record<string, string> = {};
    private answerHeaders: Record<string, string> = {};
    private request = { method: '', url: '' };
    upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    open(method: string, url: string) {
      this.request = { method, url };
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    getResponseHeader(name: string) {
      return this.answerHeaders[name] ?? null;
    }
    abort() {
      this.onabort?.();
    }
    send(body: FormData) {
      sent.push({ ...this.request, headers: this.headers, body });
      const answer = answers.shift()!;
      queueMicrotask(() => {
        if (answer === 'network') return this.onerror?.();
        this.upload.onprogress?.({ lengthComputable: true, loaded: 3, total: 6 });
        this.status = answer.status;
        this.answerHeaders = answer.headers ?? {};
        this.responseText = answer.body === undefined ? '' : JSON.stringify(answer.body);
        this.onload?.();
      });
    }
  }
  return { sent, makeRequest: () => new FakeXhr() as unknown as XMLHttpRequest };
}

function client(onRefresh?: () => void) {
  const store = createMemorySessionStore(session('access-1'));
  const fetchImpl = (async (input: RequestInfo | URL) => {
    if (String(input).endsWith('/auth/refresh')) {
      onRefresh?.();
      return new Response(JSON.stringify({ accessToken: 'access-2', refreshToken: 'r2', expiresIn: 900, tokenType: 'Bearer', user: { id: 'u1' } }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    return new Response(null, { status: 404 });
  }) as unknown as typeof fetch;
  return new ApiClient({ baseUrl: '/api', store, fetch: fetchImpl, now: () => NOW });
}

const file = new File([new Uint8Array([137, 80, 78, 71, 13, 10])], 'captura-2026-12-07-2015.png', { type: 'image/png' });
const view = { id: 'att-1', fileName: file.name, contentType: 'image/png', size: 6, sha256: 'ab' };

describe('uploading a file', () => {
  it('posts one multipart `file` part with the bearer token, reporting progress', async () => {
    const { sent, makeRequest } = fakeXhr([{ status: 201, body: view }]);
    const progress: number[][] = [];

    const answer = await uploadAttachment(client(), file, { makeRequest, onProgress: (s, t) => progress.push([s, t]) });

    expect(answer).toEqual(view);
    expect(sent[0]).toMatchObject({ method: 'POST', url: '/api/attachments', headers: { Authorization: 'Bearer access-1' } });
    const part = sent[0].body.get('file') as File;
    expect([part.name, part.size, [...sent[0].body.keys()]]).toEqual([file.name, 6, ['file']]);
    expect(progress).toEqual([[3, 6]]);
  });

  it('renews the token once on a 401 and sends again, as every other call does', async () => {
    let refreshed = 0;
    const { sent, makeRequest } = fakeXhr([{ status: 401, body: { status: 401 } }, { status: 201, body: view }]);

    await uploadAttachment(client(() => refreshed++), file, { makeRequest });

    expect(refreshed).toBe(1);
    expect(sent.map((s) => s.headers.Authorization)).toEqual(['Bearer access-1', 'Bearer access-2']);
  });

  it('fails with the server’s problem (413, 415, 429 with Retry-After) or as a network error', async () => {
    const { makeRequest } = fakeXhr([
      { status: 413, body: { status: 413, code: 'payload_too_large', maxBytes: 10485760 } },
      { status: 429, body: { status: 429, code: 'rate_limited' }, headers: { 'Retry-After': '7' } },
      'network',
    ]);
    const fail = () => uploadAttachment(client(), file, { makeRequest }).then(() => null, (e: ApiError) => e);

    const tooLarge = await fail();
    const limited = await fail();
    const offline = await fail();

    expect([tooLarge?.status, tooLarge?.problem.maxBytes]).toEqual([413, 10485760]);
    expect([limited?.status, limited?.code, limited?.retryAfter]).toEqual([429, 'rate_limited', 7]);
    expect(offline?.status).toBe(0);
  });

  it('stops when the caller aborts (the file was taken off)', async () => {
    const { makeRequest } = fakeXhr([{ status: 201, body: view }]);
    const controller = new AbortController();
    controller.abort();
    await expect(uploadAttachment(client(), file, { makeRequest, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});
