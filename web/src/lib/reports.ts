import type { ReportFilters } from '../api/reports';

const KEYS = ['from', 'to', 'teamId', 'category'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The report's filters as the page's address holds them (`/reports?from=…&to=…&teamId=…&category=…`); malformed dates are dropped. */
export function reportFiltersFrom(params: URLSearchParams): ReportFilters {
  const filters: ReportFilters = {};
  for (const key of KEYS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if ((key === 'from' || key === 'to') && !DATE.test(value)) continue;
    filters[key] = value;
  }
  return filters;
}

/** Writes `filters` into `params`, removing the ones left empty. */
export function writeReportFilters(params: URLSearchParams, filters: ReportFilters): void {
  for (const key of KEYS) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
    else params.delete(key);
  }
}

/** Minutes as people read them: "45 min", "2,5 h", "3,1 d"; a dash when there is nothing measured. */
export function formatMinutes(total: number | null | undefined, formatNumber: (n: number, digits?: number) => string): string {
  if (total === null || total === undefined) return '—';
  if (total < 60) return `${formatNumber(total, 0)} min`;
  if (total < 1440) return `${formatNumber(total / 60, 1)} h`;
  return `${formatNumber(total / 1440, 1)} d`;
}

/** A share (0–1) as a percentage, or a dash when there is none. */
export function formatRate(rate: number | null | undefined, formatNumber: (n: number, digits?: number) => string): string {
  return rate === null || rate === undefined ? '—' : `${formatNumber(rate * 100, 1)} %`;
}

/** Each value's share of the largest, 0–100, for bars drawn side by side (all zero when every value is). */
export function barPercents(values: readonly number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max === 0 ? 0 : Math.round((v / max) * 1000) / 10));
}
