import type { TicketQuery } from '../api/tickets';
import { toTicketQuery, type TicketFilters } from './filters';

/**
 * The ticket list's parameters in the order the API reads and saves them. A saved view's query is the list's own query
 * string, so the web and the API normalise it alike: this order, lists comma-joined, nothing empty.
 */
const PARAMETERS = [
  'status',
  'priority',
  'assigneeId',
  'requesterId',
  'category',
  'q',
  'createdFrom',
  'createdTo',
  'sort',
  'sla',
  'teamId',
] as const satisfies readonly (keyof TicketQuery)[];

/** Parameters that hold several values, sent comma-separated. */
const LISTS = new Set<string>(['status', 'priority', 'assigneeId', 'requesterId', 'category', 'sla', 'teamId']);

/**
 * The query a view saves from what the queue shows: its filters and sort, without the page's position and size
 * (`cursor`, `limit`) or the count the queue asks for (`includeTotal`).
 */
export function toSavedQuery(query: Partial<TicketQuery>): string {
  const parts: string[] = [];
  for (const key of PARAMETERS) {
    const value = query[key] as string | readonly string[] | undefined | null;
    if (value === undefined || value === null) continue;
    const text = (Array.isArray(value) ? value.map((v) => String(v).trim()).filter(Boolean).join(',') : String(value).trim()) as string;
    if (text) parts.push(`${key}=${encodeURIComponent(text).replace(/%2C/gi, ',')}`);
  }
  return parts.join('&');
}

/** A saved query string as the list's query (unknown parameters and paging are left out: the queue pages itself). */
export function fromSavedQuery(text: string): Partial<TicketQuery> {
  const params = new URLSearchParams(text.trim().replace(/^\?/, ''));
  const query: Record<string, string | string[]> = {};
  for (const key of PARAMETERS) {
    const values = params.getAll(key).flatMap((v) => (LISTS.has(key) ? v.split(',') : [v])).map((v) => v.trim()).filter(Boolean);
    if (values.length === 0) continue;
    query[key] = LISTS.has(key) ? values : values.join(',');
  }
  return query as Partial<TicketQuery>;
}

/** Whether two saved queries ask for the same list (however each was written). */
export function sameSavedQuery(a: string, b: string): boolean {
  return toSavedQuery(fromSavedQuery(a)) === toSavedQuery(fromSavedQuery(b));
}

/** The sort a saved query asks for, or the list's own default. */
export function savedSort(text: string): NonNullable<TicketQuery['sort']> {
  return fromSavedQuery(text).sort ?? '-createdAt';
}

/** The queue's list under a saved view: the view's query, the filters bar on top (a chosen status replaces the view's), the sort shown. */
export function savedViewListQuery(text: string, filters: TicketFilters, sort: NonNullable<TicketQuery['sort']>): TicketQuery {
  const base = fromSavedQuery(text);
  return toTicketQuery(filters, { ...base, ...(filters.status ? { status: undefined } : {}), sort });
}

/** What a view's tab asks to show its count: the list's own total for the view's query, one item long. */
export function savedViewCountQuery(text: string): TicketQuery {
  return { ...fromSavedQuery(text), limit: 1, includeTotal: true };
}
