import type { Ticket, User } from '../api/types';

/** What the UI offers; the server decides (DESIGN §1). These only hide buttons that would fail. */
export function canEditTicket(ticket: Ticket, user: User | null): boolean {
  if (!user) return false;
  if (user.role === 'admin') return ticket.status !== 'closed';
  return ticket.requester.id === user.id && ticket.status === 'open' && ticket.assignee === null;
}

export function canDeleteTicket(ticket: Ticket, user: User | null): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  return ticket.requester.id === user.id && ticket.status === 'open' && ticket.assignee === null;
}

export function canTakeTicket(ticket: Ticket, user: User | null): boolean {
  return (
    !!user &&
    (user.role === 'technician' || user.role === 'admin') &&
    ticket.assignee === null &&
    ticket.status !== 'closed' &&
    ticket.status !== 'resolved'
  );
}

export function canChangePriority(ticket: Ticket, user: User | null): boolean {
  if (!user || ticket.status === 'closed') return false;
  if (user.role === 'admin') return true;
  return user.role === 'technician' && ticket.assignee?.id === user.id;
}

export function canWriteInternal(user: User | null): boolean {
  return user?.role === 'technician' || user?.role === 'admin';
}
