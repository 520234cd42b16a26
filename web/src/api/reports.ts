// Reports (GET /reports/summary and its CSV), in the shapes of the API's OpenAPI document.
import type { ApiClient } from './client';
import { toQueryString } from './query';
import type { components } from './schema';

export type ReportSummary = components['schemas']['ReportSummary'];

/** What a report covers: creation dates (yyyy-MM-dd, in the organisation's zone), and optionally one team and one category. */
export interface ReportFilters {
  from?: string;
  to?: string;
  teamId?: string;
  category?: string;
}

/** GET /reports/summary or its CSV under `filters`; empty filters are left out (the server's defaults apply). */
export function reportPath(filters: ReportFilters, csv = false): string {
  const { from, to, teamId, category } = filters;
  return `/reports/summary${csv ? '.csv' : ''}${toQueryString({ from, to, teamId, category })}`;
}

export function createReportsApi(client: ApiClient) {
  return {
    summary: (filters: ReportFilters) => client.json<ReportSummary>('GET', reportPath(filters)),
    /** The same report as a CSV file, fetched with the caller's token (a plain link would not carry it). */
    csv: (filters: ReportFilters) =>
      client.request<Blob>('GET', reportPath(filters, true), { asBlob: true, headers: { Accept: 'text/csv, application/problem+json' } }),
  };
}
