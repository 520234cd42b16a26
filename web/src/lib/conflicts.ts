import { isApiError } from '../api/problem';

/**
 * A write refused because the ticket changed under the caller: a stale If-Match (412), a take that lost the race,
 * a status move or assignment the ticket no longer allows. The page explains what changed and shows the fresh ticket.
 */
export function isConcurrentChange(error: unknown): boolean {
  if (!isApiError(error)) return false;
  return (
    error.status === 412 ||
    error.code === 'already_assigned' ||
    error.code === 'transition_not_allowed' ||
    error.code === 'ticket_closed'
  );
}
