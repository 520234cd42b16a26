import { MY_TEAMS } from '../api/admin';
import type { TicketQuery } from '../api/tickets';
import type { SlaCondition, TicketStatus } from '../api/types';

/** The staff queue's tabs; each is a server query, so its count is the server's total. */
export const QUEUE_VIEWS = ['mine', 'my_teams', 'unassigned', 'at_risk', 'following', 'all'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/** Columns the server can order by (a table of one page must not pretend to sort what it has not loaded). */
export const QUEUE_SORTS = ['number', 'priority', 'sla', 'updated'] as const;
export type QueueSortColumn = (typeof QUEUE_SORTS)[number];
export type QueueSort = NonNullable<TicketQuery['sort']>;

const OPEN_WORK: readonly TicketStatus[] = ['open', 'in_progress', 'on_hold'];
const URGENT: readonly SlaCondition[] = ['at_risk', 'breached'];

const SORT_VALUES: readonly QueueSort[] = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'priority', '-priority', 'slaDue'];

export function queueView(value: string | null): QueueView {
  return (QUEUE_VIEWS as readonly string[]).includes(value ?? '') ? (value as QueueView) : 'mine';
}

/** The most urgent first for the work tabs; the most recently touched first for "all". */
export function defaultSort(view: QueueView): QueueSort {
  return view === 'all' ? '-updatedAt' : 'slaDue';
}

export function queueSort(value: string | null, view: QueueView): QueueSort {
  return (SORT_VALUES as readonly string[]).includes(value ?? '') ? (value as QueueSort) : defaultSort(view);
}

/** The server query of a tab: who it is for and which tickets; open work only, except "all". */
export function viewQuery(view: QueueView): Partial<TicketQuery> {
  switch (view) {
    case 'mine':
      return { assigneeId: 'me', status: OPEN_WORK };
    case 'my_teams':
      return { teamId: [MY_TEAMS], status: OPEN_WORK };
    case 'unassigned':
      return { assigneeId: 'none', status: OPEN_WORK };
    case 'at_risk':
      return { sla: URGENT, status: OPEN_WORK };
    case 'following':
      return { followerId: 'me', status: OPEN_WORK };
    case 'all':
      return {};
  }
}

/** Which column a sort orders, and in which direction. */
export function sortColumn(sort: QueueSort): { column: QueueSortColumn; descending: boolean } {
  const descending = sort.startsWith('-');
  const field = descending ? sort.slice(1) : sort;
  const column: QueueSortColumn =
    field === 'createdAt' ? 'number' : field === 'priority' ? 'priority' : field === 'slaDue' ? 'sla' : 'updated';
  return { column, descending };
}

/**
 * The sort after clicking a column's header: the same column flips direction, another starts with its natural order
 * (newest number and update first, highest priority first, most urgent SLA first; SLA urgency has one direction).
 */
export function nextSort(current: QueueSort, column: QueueSortColumn): QueueSort {
  const { column: currentColumn, descending } = sortColumn(current);
  const base = { number: 'createdAt', priority: 'priority', updated: 'updatedAt', sla: 'slaDue' }[column];
  if (column === 'sla') return 'slaDue';
  const flip = currentColumn === column ? !descending : true;
  return (flip ? `-${base}` : base) as QueueSort;
}
