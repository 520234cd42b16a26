import { describe, expect, it } from 'vitest';
import { reportPath } from '../api/reports';
import { barPercents, formatMinutes, formatRate, reportFiltersFrom, writeReportFilters } from './reports';

const fmt = (n: number, digits = 0) => n.toFixed(digits);

describe('report filters in the address', () => {
  it('reads the four filters and drops malformed dates', () => {
    const filters = reportFiltersFrom(new URLSearchParams('from=2026-03-01&to=ayer&teamId=t1&category=hardware&x=1'));
    expect(filters).toEqual({ from: '2026-03-01', teamId: 't1', category: 'hardware' });
  });

  it('writes the filters and removes those left empty', () => {
    const params = new URLSearchParams('teamId=old&q=keep');
    writeReportFilters(params, { from: '2026-03-01', teamId: '' });
    expect(params.toString()).toBe('q=keep&from=2026-03-01');
  });
});

describe('report paths', () => {
  it('asks for the summary or its CSV with only the filters given', () => {
    expect(reportPath({ from: '2026-03-01', teamId: 'equipo 1' })).toBe('/reports/summary?from=2026-03-01&teamId=equipo+1');
    expect(reportPath({}, true)).toBe('/reports/summary.csv');
  });
});

describe('report figures', () => {
  it('reads minutes as minutes, hours or days', () => {
    expect([formatMinutes(45, fmt), formatMinutes(150, fmt), formatMinutes(2880, fmt), formatMinutes(null, fmt)]).toEqual(['45 min', '2.5 h', '2.0 d', '—']);
  });

  it('shows a share as a percentage and nothing as a dash', () => {
    expect([formatRate(0.75, fmt), formatRate(null, fmt)]).toEqual(['75.0 %', '—']);
  });

  it('sizes bars against the largest value', () => {
    expect(barPercents([2, 4, 0])).toEqual([50, 100, 0]);
    expect(barPercents([0, 0])).toEqual([0, 0]);
  });
});
