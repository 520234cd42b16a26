import type { TicketQuery } from '../api/tickets';
import { PRIORITIES, STATUSES, type Priority, type TicketStatus } from '../api/types';
import { normalizeTag } from './tags';

/** What the ticket list screens let people filter by; kept in the URL so a view can be shared. */
export interface TicketFilters {
  q: string;
  status: TicketStatus | '';
  priority: Priority | '';
  /** Local calendar dates, `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
  /** A team's id (staff only; the API also reads `mine`). */
  team: string;
  /** A tag (staff only: tags are internal labels), normalised as stored. */
  tag: string;
}

export const EMPTY_FILTERS: TicketFilters = { q: '', status: '', priority: '', from: '', to: '', team: '', tag: '' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFromParams(params: URLSearchParams): TicketFilters {
  const status = params.get('status') ?? '';
  const priority = params.get('priority') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  return {
    q: params.get('q') ?? '',
    status: (STATUSES as readonly string[]).includes(status) ? (status as TicketStatus) : '',
    priority: (PRIORITIES as readonly string[]).includes(priority) ? (priority as Priority) : '',
    from: DATE.test(from) ? from : '',
    to: DATE.test(to) ? to : '',
    team: params.get('team') ?? '',
    tag: normalizeTag(params.get('tag') ?? ''),
  };
}

export function filtersToParams(filters: TicketFilters, base?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(base);
  writeFilters(filters, params);
  return params;
}

/** Writes the filters into `params`, leaving its other keys (the tab, the sort) as they are. */
export function writeFilters(filters: TicketFilters, params: URLSearchParams): void {
  for (const key of ['q', 'status', 'priority', 'from', 'to', 'team', 'tag'] as const) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
    else params.delete(key);
  }
}

/** Start of a local calendar day as a UTC ISO instant. */
export function localDayStart(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d, 0, 0, 0, 0).toISOString();
}

/** Last millisecond of a local calendar day as a UTC ISO instant (the range is inclusive). */
export function localDayEnd(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d, 23, 59, 59, 999).toISOString();
}

export function toTicketQuery(filters: TicketFilters, extra: Partial<TicketQuery> = {}): TicketQuery {
  const query: TicketQuery = { sort: '-createdAt', limit: 25, includeTotal: true, ...extra };
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.status) query.status = [filters.status];
  if (filters.priority) query.priority = [filters.priority];
  if (filters.from) query.createdFrom = localDayStart(filters.from);
  if (filters.to) query.createdTo = localDayEnd(filters.to);
  // A team chosen in the filters narrows the view's own team choice ("my teams") to that one team.
  if (filters.team.trim()) query.teamId = [filters.team.trim()];
  if (filters.tag.trim()) query.tag = normalizeTag(filters.tag);
  return query;
}

export function hasActiveFilters(filters: TicketFilters): boolean {
  return Object.values(filters).some((v) => v.trim() !== '');
}
