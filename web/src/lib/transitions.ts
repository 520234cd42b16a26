import type { TicketStatus } from '../api/types';

export type ActionKey =
  | 'action.start'
  | 'action.resume'
  | 'action.reopen'
  | 'action.hold'
  | 'action.resolve'
  | 'action.close'
  | 'action.cancel';

/** The verb for moving a ticket from `from` to `to`, as a help-desk user would say it. */
export function transitionAction(from: TicketStatus, to: TicketStatus): ActionKey {
  switch (to) {
    case 'in_progress':
      return from === 'open' ? 'action.start' : from === 'on_hold' ? 'action.resume' : 'action.reopen';
    case 'on_hold':
      return 'action.hold';
    case 'resolved':
      return 'action.resolve';
    case 'closed':
      return from === 'open' ? 'action.cancel' : 'action.close';
    case 'open':
      return 'action.reopen';
  }
}

/** Closing or cancelling is the step people hesitate over; put it visually apart. */
export function isDestructive(from: TicketStatus, to: TicketStatus): boolean {
  return to === 'closed' && from === 'open';
}
