import type { HistoryEvent, TicketStatus } from '../api/types';

/** The note that explains where a ticket stands: why it was resolved, or what it waits for on hold. */
export interface StatusNote {
  kind: 'resolution' | 'hold';
  note: string | null;
  by: string | null;
  at: string;
}

type StatusChanged = Extract<HistoryEvent, { type: 'status_changed' }>;

/**
 * The note of the move that put the ticket where it is now, read from its history (the API keeps each note on its
 * status move): the resolution while resolved, and still once a resolved ticket is closed; the reason while on
 * hold. Null for any other status, or when the ticket was closed without being resolved (cancelled).
 */
export function currentStatusNote(status: TicketStatus, history: readonly HistoryEvent[]): StatusNote | null {
  const moves = history.filter((e): e is StatusChanged => e.type === 'status_changed');
  const last = moves.at(-1);
  if (!last || last.data.to !== status) return null;
  const note = (event: StatusChanged, kind: StatusNote['kind']): StatusNote => ({
    kind,
    note: event.data.note ?? null,
    by: event.actor?.name ?? null,
    at: event.at,
  });
  if (status === 'on_hold') return note(last, 'hold');
  if (status === 'resolved') return note(last, 'resolution');
  if (status === 'closed' && last.data.from === 'resolved') {
    const resolved = [...moves].reverse().find((e) => e.data.to === 'resolved');
    return resolved ? note(resolved, 'resolution') : null;
  }
  return null;
}
