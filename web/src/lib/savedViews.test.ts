import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS } from './filters';
import { fromSavedQuery, sameSavedQuery, savedSort, savedViewCountQuery, savedViewListQuery, toSavedQuery } from './savedViews';

describe('saved view queries', () => {
  it('save the filters and sort in the list parameter order, without paging or the count', () => {
    expect(
      toSavedQuery({ sort: '-createdAt', limit: 25, includeTotal: true, cursor: 'abc', q: ' vpn ', status: ['on_hold'] }),
    ).toBe('status=on_hold&q=vpn&sort=-createdAt');
  });

  it('join lists with commas and encode text once', () => {
    expect(toSavedQuery({ status: ['open', 'in_progress'], q: 'impresora rota & más', teamId: ['mine'] })).toBe(
      'status=open,in_progress&q=impresora%20rota%20%26%20m%C3%A1s&teamId=mine',
    );
  });

  it('leave out empty values', () => {
    expect(toSavedQuery({ q: '  ', status: [], priority: ['high'] })).toBe('priority=high');
    expect(toSavedQuery({})).toBe('');
  });

  it('read back what they saved, however the server encoded it', () => {
    expect(fromSavedQuery('?status=open%2Con_hold&q=impresora+rota&sort=priority&cursor=x&limit=10&colour=red')).toEqual({
      status: ['open', 'on_hold'],
      q: 'impresora rota',
      sort: 'priority',
    });
    const query = { status: ['on_hold'], q: 'vpn (oficina)', sort: '-updatedAt', sla: ['at_risk', 'breached'] } as const;
    expect(fromSavedQuery(toSavedQuery(query))).toEqual(query);
  });

  it('tell the same query apart from another, whatever its order or encoding', () => {
    expect(sameSavedQuery('q=vpn&status=on_hold', 'status=on_hold&q=vpn')).toBe(true);
    expect(sameSavedQuery('q=vpn%20(oficina)', 'q=vpn+%28oficina%29')).toBe(true);
    expect(sameSavedQuery('status=on_hold', 'status=open')).toBe(false);
  });

  it("show the view's own sort, or the list's default", () => {
    expect(savedSort('status=open&sort=slaDue')).toBe('slaDue');
    expect(savedSort('status=open')).toBe('-createdAt');
  });

  it('list the view with the filters bar on top: a chosen status replaces the view’s', () => {
    const query = savedViewListQuery('status=on_hold&assigneeId=me&q=vpn', { ...EMPTY_FILTERS, status: 'open' }, 'priority');
    expect(query).toEqual({ sort: 'priority', limit: 25, includeTotal: true, assigneeId: ['me'], q: 'vpn', status: ['open'] });
  });

  it('count a view with the list’s own total, one item long', () => {
    expect(savedViewCountQuery('status=on_hold&sort=-createdAt')).toEqual({ status: ['on_hold'], sort: '-createdAt', limit: 1, includeTotal: true });
  });
});
