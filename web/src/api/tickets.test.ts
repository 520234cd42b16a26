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
