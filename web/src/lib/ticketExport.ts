import { toQueryString, type QueryValue } from '../api/query';
import type { TicketQuery } from '../api/tickets';

/** Paging is the export's own business (it reads every page): only the list's filters and sort go in its address. */
const PAGING = new Set(['limit', 'cursor', 'includeTotal']);

/** GET /tickets/export.csv under the same filters and sort as the list `query` shows. */
export function exportPath(query: TicketQuery): string {
  const filters: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(query)) if (!PAGING.has(key)) filters[key] = value as QueryValue;
  return `/tickets/export.csv${toQueryString(filters)}`;
}

/** The file name the server gave (`attachment; filename="tickets-20261208-0930.csv"`), or a plain one. */
export function exportFileName(contentDisposition: string | null): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(contentDisposition ?? '');
  const name = match ? decodeURIComponent(match[1]).replace(/[/\\]/g, '') : '';
  return name || 'tickets.csv';
}
