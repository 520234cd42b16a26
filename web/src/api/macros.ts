// Canned responses (macros) for staff, in the shapes of the API's OpenAPI document; every call of these routes lives here.
import type { ApiClient } from './client';
import type { components } from './schema';
import type { Ticket } from './types';

type Schemas = components['schemas'];

export type Macro = Schemas['Macro'];
export type CreateMacroRequest = Schemas['CreateMacroRequest'];
/** PATCH: absent fields stay; `setStatus: ""` or `setPriority: ""` clears it. */
export type UpdateMacroRequest = Schemas['UpdateMacroRequest'];

const id = (value: string) => encodeURIComponent(value);

export function createMacrosApi(client: ApiClient) {
  return {
    /** The caller's personal macros and every shared one, by name. */
    list: async () => (await client.json<Schemas['MacroList']>('GET', '/macros')).items,
    create: (request: CreateMacroRequest) => client.json<Macro>('POST', '/macros', { body: request }),
    update: (macroId: string, request: UpdateMacroRequest) => client.json<Macro>('PATCH', `/macros/${id(macroId)}`, { body: request }),
    remove: (macroId: string) => client.json<void>('DELETE', `/macros/${id(macroId)}`),
    /**
     * Applies the macro to the ticket: its reply with the placeholders filled in, its status and priority, as one change.
     * With `etag` (If-Match) a ticket changed since answers 412 and nothing changes; one `idempotencyKey` per application,
     * so a retry applies it once. Answers the ticket.
     */
    apply: (ticketId: string, macroId: string, idempotencyKey: string, etag?: string) =>
      client.json<Ticket>('POST', `/tickets/${id(ticketId)}/macros/${id(macroId)}`, {
        headers: { 'Idempotency-Key': idempotencyKey, ...(etag ? { 'If-Match': etag } : {}) },
      }),
  };
}
