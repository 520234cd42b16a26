import { describe, expect, it } from 'vitest';
import { toQueryString, type QueryValue } from '../api/query';
import { EMPTY_FILTERS, filtersFromParams, filtersToParams, hasActiveFilters, localDayEnd, localDayStart, toTicketQuery } from './filters';

describe('ticket filters', () => {
  it('become the list query, dates as the local day bounds in UTC', () => {
    const query = toTicketQuery(
      { q: ' impresora ', status: 'in_progress', priority: 'high', from: '2024-05-01', to: '2024-05-31', team: '', tag: '' },
      { requesterId: 'me' },
    );
    expect(query).toEqual({
      sort: '-createdAt',
      limit: 25,
      includeTotal: true,
      requesterId: 'me',
      q: 'impresora',
      status: ['in_progress'],
      priority: ['high'],
      createdFrom: new Date(2024, 4, 1, 0, 0, 0, 0).toISOString(),
      createdTo: new Date(2024, 4, 31, 23, 59, 59, 999).toISOString(),
    });
  });

  it('leave out everything that is not set', () => {
    expect(toQueryString(toTicketQuery(EMPTY_FILTERS) as Record<string, QueryValue>)).toBe('?sort=-createdAt&limit=25&includeTotal=true');
  });

  it('serialise to a query string the API understands', () => {
    const qs = toQueryString({ ...toTicketQuery({ ...EMPTY_FILTERS, status: 'open' }), assigneeId: 'none' } as Record<string, QueryValue>);
    expect(qs).toBe('?sort=-createdAt&limit=25&includeTotal=true&status=open&assigneeId=none');
  });

  it('round-trip through the URL and ignore values that are not ours', () => {
    const params = filtersToParams(
      { q: 'vpn', status: 'open', priority: '', from: '2024-01-02', to: '', team: 'redes', tag: 'sala 2' },
      new URLSearchParams('view=mine'),
    );
    expect(params.toString()).toBe('view=mine&q=vpn&status=open&from=2024-01-02&team=redes&tag=sala+2');
    expect(filtersFromParams(params)).toEqual({ q: 'vpn', status: 'open', priority: '', from: '2024-01-02', to: '', team: 'redes', tag: 'sala 2' });
    expect(filtersFromParams(new URLSearchParams('status=bogus&priority=urgent&from=yesterday'))).toEqual(EMPTY_FILTERS);
  });

  it('ask the API for the chosen team, which narrows a "my teams" view to that team', () => {
    expect(toQueryString(toTicketQuery({ ...EMPTY_FILTERS, team: 'redes' }) as Record<string, QueryValue>)).toBe(
      '?sort=-createdAt&limit=25&includeTotal=true&teamId=redes',
    );
    expect(toTicketQuery({ ...EMPTY_FILTERS, team: 'redes' }, { teamId: ['mine'] }).teamId).toEqual(['redes']);
    expect(toTicketQuery(EMPTY_FILTERS, { teamId: ['mine'] }).teamId).toEqual(['mine']);
  });

  it('ask the API for the tag as it is stored (lower case, no accents)', () => {
    expect(toTicketQuery({ ...EMPTY_FILTERS, tag: ' Impresión ' }).tag).toBe('impresion');
    expect(filtersFromParams(new URLSearchParams('tag=VPN')).tag).toBe('vpn');
  });

  it('know when any filter is active', () => {
    expect(hasActiveFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasActiveFilters({ ...EMPTY_FILTERS, to: '2024-01-01' })).toBe(true);
  });

  it('span the whole local day', () => {
    expect(Date.parse(localDayEnd('2024-03-10')) - Date.parse(localDayStart('2024-03-10'))).toBeGreaterThanOrEqual(23 * 3_600_000 - 1);
  });
});
