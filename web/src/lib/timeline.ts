import type { Comment, HistoryEvent, HistoryEventType, TicketStatus } from '../api/types';

type StatusChanged = Extract<HistoryEvent, { type: 'status_changed' }>;

/** A status move shown on the message that carried it ("Enviar y resolver"), or as a marker of its own. */
export interface StatusMove {
  from: TicketStatus;
  to: TicketStatus;
}

/**
 * One line of the conversation: a message people wrote (a comment, or the note of a status move — a resolution
 * note, a reopen reason, what a hold waits for) or a small marker for something that happened to the ticket.
 */
export type TimelineEntry =
  | { kind: 'comment'; id: string; at: string; comment: Comment; move: StatusMove | null }
  | { kind: 'note'; id: string; at: string; event: StatusChanged; note: string }
  | { kind: 'event'; id: string; at: string; event: HistoryEvent };

/** What a person reading the ticket as its requester may see among the markers: nothing internal, no SLA clock. */
const REQUESTER_EVENTS: ReadonlySet<HistoryEventType> = new Set([
  'created',
  'updated',
  'status_changed',
  'assigned',
  'priority_changed',
  'merged_into',
  'ccs_changed',
  'satisfaction_rated',
  'satisfaction_commented',
]);

/** What staff see by default: the moves that change who does what; the SLA clock's own log waits behind "show all". */
const STAFF_EVENTS: ReadonlySet<HistoryEventType> = new Set([
  ...REQUESTER_EVENTS,
  'team_changed',
  'tags_changed',
  'linked',
  'unlinked',
  'merged_from',
  'followers_changed',
  'escalated',
  'sla_breached',
]);

export interface TimelineOptions {
  /** Staff read everything the server sends; a requester only what concerns them (the server filters too). */
  staff: boolean;
  /** Staff asked for every event, the SLA clock's included. */
  allEvents?: boolean;
}

/** The comment a status move was sent with (a comment with a status is one write). */
function commentIdOf(event: StatusChanged): string | null {
  return event.data.commentId ?? null;
}

/**
 * One chronological conversation from the ticket's comments and history: each comment is a message (a status move
 * sent with it shows on it, not twice); a status move's note without a comment is a message of its own; every other
 * event is a marker, filtered by who reads. `commented` events never show: the comment itself is there.
 */
export function buildTimeline(comments: readonly Comment[], history: readonly HistoryEvent[], options: TimelineOptions): TimelineEntry[] {
  const visibleComments = options.staff ? comments : comments.filter((c) => !c.internal);
  const byId = new Map(visibleComments.map((c) => [c.id, c]));
  const moves = new Map<string, StatusMove>();
  const entries: TimelineEntry[] = [];

  for (const event of history) {
    if (event.type === 'commented' || event.type === 'deleted') continue;
    if (event.type === 'status_changed') {
      const commentId = commentIdOf(event);
      if (commentId && byId.has(commentId)) {
        moves.set(commentId, { from: event.data.from, to: event.data.to });
        continue;
      }
      if (event.data.note) {
        entries.push({ kind: 'note', id: event.id, at: event.at, event, note: event.data.note });
        continue;
      }
    }
    const shown = options.staff ? options.allEvents || STAFF_EVENTS.has(event.type) : REQUESTER_EVENTS.has(event.type);
    if (shown) entries.push({ kind: 'event', id: event.id, at: event.at, event });
  }

  for (const comment of visibleComments) {
    entries.push({ kind: 'comment', id: comment.id, at: comment.createdAt, comment, move: moves.get(comment.id) ?? null });
  }

  // Time order; at the same instant the ticket's own events (its creation) come before what was said.
  const rank = (e: TimelineEntry) => (e.kind === 'event' ? 0 : 1);
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || rank(a.entry) - rank(b.entry) || a.index - b.index)
    .map(({ entry }) => entry);
}

/** Who made the newest change the reader did not make, among the events after `sinceId` (null: nobody else). */
export function latestOtherActor(history: readonly HistoryEvent[], sinceId: string | undefined, me: string | undefined): string | null {
  const start = sinceId ? history.findIndex((e) => e.id === sinceId) + 1 : 0;
  const newer = history.slice(start).filter((e) => e.actor && e.actor.id !== me);
  return newer.at(-1)?.actor?.name ?? null;
}
