// The e-mail channel's state for admins (GET /inbound/status). These shapes are written by hand, field for field
// after the API's records (InboundStatusView, MailboxStatusView, InboundMailView), until the OpenAPI document lists
// the route; then each becomes `components['schemas'][…]` here and nothing else changes.
import type { ApiClient } from './client';

/** Which door a message came in by: the polled mailbox or the signed webhook. */
export type InboundDoor = 'mailbox' | 'webhook';

/** What a processed message became. */
export type InboundOutcome = 'ticket' | 'comment' | 'refused';

/** Why a message opened nothing. */
export type InboundRefusal =
  | 'auto_reply'
  | 'bulk'
  | 'bounce'
  | 'own_address'
  | 'over_limit'
  | 'unknown_sender'
  | 'inactive_sender'
  | 'ticket_not_visible'
  | 'ticket_closed'
  | 'empty'
  | 'no_sender';

/** What the help desk does with mail from an address that is no account. */
export type UnknownSenders = 'reject' | 'create';

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
export interface MailboxStatusView {
  host: string;
  folder: string;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Messages taken from the mailbox since its state was made. */
  queued: number;
}

/** One processed message. */
export interface InboundMailView {
  id: string;
  from: string;
  subject: string;
  door: InboundDoor;
  receivedAt: string;
  processedAt: string;
  outcome: InboundOutcome;
  reason: InboundRefusal | null;
  ticketId: string | null;
  /** The ticket's display number (TCK-000123). */
  ticketNumber: string | null;
}

export interface InboundStatusView {
  mailboxConfigured: boolean;
  webhookConfigured: boolean;
  supportAddress: string | null;
  unknownSenders: UnknownSenders;
  /** Null when no mailbox is configured (or it has never been polled). */
  mailbox: MailboxStatusView | null;
  /** Messages in the poison queue: they failed every attempt; null when the queue could not be read. */
  poisoned: number | null;
  /** The last 24 hours: counts by outcome (`ticket`, `comment`, `refused`) and by refusal reason. */
  lastDay: Record<string, number>;
  /** The newest processed messages, newest first. */
  recent: InboundMailView[];
}

export function createInboundApi(client: ApiClient) {
  return {
    /** Admins only (others get 404). */
    status: () => client.json<InboundStatusView>('GET', '/inbound/status'),
  };
}

export type InboundApi = ReturnType<typeof createInboundApi>;
