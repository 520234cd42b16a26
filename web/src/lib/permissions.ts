import type { Ticket, User } from '../api/types';

/** What these rules read: the same on a full ticket and on a list item. */
type TicketCore = Pick<Ticket, 'status' | 'requester' | 'assignee'>;

/** What the UI offers; the server decides (DESIGN §1). These only hide buttons that would fail. */
export function canEditTicket(ticket: TicketCore, user: User | null): boolean {
  if (!user) return false;
  if (user.role === 'admin') return ticket.status !== 'closed';
  return ticket.requester.id === user.id && ticket.status === 'open' && ticket.assignee === null;
}

export function canDeleteTicket(ticket: TicketCore, user: User | null): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return ticket.requester.id === user.id && ticket.status === 'open' && ticket.assignee === null;
}

export function canTakeTicket(ticket: TicketCore, user: User | null): boolean {
  return (
    !!user &&
    (user.role === 'technician' || user.role === 'admin') &&
    ticket.assignee === null &&
    ticket.status !== 'closed' &&
    ticket.status !== 'resolved'
  );
}

export function canChangePriority(ticket: TicketCore, user: User | null): boolean {
  if (!user || ticket.status === 'closed') return false;
  if (user.role === 'admin') return true;
  return user.role === 'technician' && ticket.assignee?.id === user.id;
}

export function canWriteInternal(user: User | null): boolean {
  return user?.role === 'technician' || user?.role === 'admin';
}
