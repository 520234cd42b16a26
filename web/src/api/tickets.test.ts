import { describe, expect, it } from 'vitest';
import { ApiClient } from './client';
import { createMemorySessionStore } from './session';
import { createApi } from './tickets';

const person = {
  dni: '12345678', phone: '600 000 000', firstNames: 'Ana', lastNames: 'García', department: 'IT',
  email: 'ana@example.com', password: 'Ana-password-1', language: 'es',
};

function apiAnswering(status: number, body: unknown) {
  const fetchImpl = (async () =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })) as unknown as typeof fetch;
  return createApi(new ApiClient({ baseUrl: '/api', store: createMemorySessionStore(null), fetch: fetchImpl }));
}

describe('register', () => {
  it('tells that a link was mailed when the API answers 202', async () => {
    const outcome = await apiAnswering(202, { status: 'verification_sent' }).register(person);

    expect(outcome).toEqual({ verificationSent: true });
  });

  it('gives the account when the API makes it at once (201)', async () => {
    const outcome = await apiAnswering(201, { user: { id: 'u1', email: person.email } }).register(person);

    expect(outcome).toEqual({ user: { id: 'u1', email: person.email } });
  });
});

describe('addComment', () => {
  it('sends the status with the reply (send and resolve), its files, and If-Match when given', async () => {
    const sent: { body: unknown; headers: Headers }[] = [];
    const fetchImpl = (async (_input: RequestInfo | URL, init: RequestInit = {}) => {
      sent.push({ body: JSON.parse(String(init.body)), headers: new Headers(init.headers) });
      return new Response(JSON.stringify({ id: 'c1' }), { status: 201, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof fetch;
    const api = createApi(new ApiClient({ baseUrl: '/api', store: createMemorySessionStore(null), fetch: fetchImpl }));

    await api.addComment('t1', 'Tóner sustituido.', false, 'key-1', { status: 'resolved', etag: '"e1"' });
    await api.addComment('t1', 'Gracias.', false, 'key-2');
    await api.addComment('t1', 'Adjunto la traza.', true, 'key-3', { attachmentIds: ['att-1', 'att-2'] });

    expect(sent[0].body).toEqual({ body: 'Tóner sustituido.', internal: false, status: 'resolved' });
    expect([sent[0].headers.get('If-Match'), sent[0].headers.get('Idempotency-Key')]).toEqual(['"e1"', 'key-1']);
    expect(sent[1].body).toEqual({ body: 'Gracias.', internal: false });
    expect(sent[1].headers.get('If-Match')).toBeNull();
    expect(sent[2].body).toEqual({ body: 'Adjunto la traza.', internal: true, attachmentIds: ['att-1', 'att-2'] });
  });
});
