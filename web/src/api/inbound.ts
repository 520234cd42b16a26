// The e-mail channel's state for admins (GET /inbound/status), in the shapes of the API's OpenAPI document.
import type { ApiClient } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

/** Which door a message came in by: the polled mailbox or the signed webhook. */
export type InboundDoor = Schemas['InboundDoor'];

/** What a processed message became. */
export type InboundOutcome = Schemas['InboundOutcome'];

/** Why a message opened nothing. */
export type InboundRefusal = Schemas['InboundRefusal'];

/** What the help desk does with mail from an address that is no account. */
export type UnknownSenders = Schemas['UnknownSenders'];

export const INBOUND_OUTCOMES: readonly InboundOutcome[] = ['ticket', 'comment', 'refused'];
export const INBOUND_REFUSALS: readonly InboundRefusal[] = [
  'auto_reply',
  'bulk',
  'bounce',
  'own_address',
  'over_limit',
  'unknown_sender',
  'inactive_sender',
  'ticket_not_visible',
  'ticket_closed',
  'empty',
  'no_sender',
];

/** The mailbox's poll as admins see it (no credentials). */
export type MailboxStatusView = Schemas['MailboxStatusView'];

/** One processed message. */
export type InboundMailView = Schemas['InboundMailView'];

/** The channel's doors, the last poll, the poison count, the last day's figures and the newest messages. */
export type InboundStatusView = Schemas['InboundStatusView'];

export function createInboundApi(client: ApiClient) {
  return {
    /** Admins only (others get 403, as every admin route). */
    status: () => client.json<InboundStatusView>('GET', '/inbound/status'),
  };
}

export type InboundApi = ReturnType<typeof createInboundApi>;
