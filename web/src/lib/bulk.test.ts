import { describe, expect, it } from 'vitest';
import { bulkBody, summarizeBulk } from './bulk';

const numbers = new Map([
  ['a1', 'TCK-000001'],
  ['b2', 'TCK-000002'],
  ['c3', 'TCK-000003'],
]);

describe('summarizeBulk', () => {
  it('counts the changed tickets and keeps the refused ones in the order sent, by number', () => {
    const summary = summarizeBulk(
      [
        { id: 'a1', status: 200 },
        { id: 'b2', status: 409, problem: { type: 't', title: 'Conflict.', status: 409, detail: null, code: 'transition_not_allowed', traceId: 'x' } },
        { id: 'c3', status: 200 },
        { id: 'zz', status: 404, problem: { type: 't', title: 'Not found.', status: 404, detail: null, code: 'not_found', traceId: 'y' } },
      ],
      numbers,
    );

    expect(summary.total).toBe(4);
    expect(summary.changed).toBe(2);
    expect(summary.refused.map((r) => [r.number, r.error.status, r.error.code])).toEqual([
      ['TCK-000002', 409, 'transition_not_allowed'],
      ['zz', 404, 'not_found'],
    ]);
  });

  it('keeps the status of a refusal that came without a problem body', () => {
    const summary = summarizeBulk([{ id: 'a1', status: 503, problem: null }], numbers);

    expect(summary.changed).toBe(0);
    expect(summary.refused[0].error.status).toBe(503);
    expect(summary.refused[0].number).toBe('TCK-000001');
  });

  it('reports nothing refused when every ticket changed', () => {
    expect(summarizeBulk([{ id: 'a1', status: 200 }, { id: 'b2', status: 200 }], numbers)).toEqual({ total: 2, changed: 2, refused: [] });
  });
});

describe('bulkBody', () => {
  const choice = { action: 'assign', assigneeId: 'u1', status: 'resolved', note: '  Hecho.  ', priority: 'high', teamId: '' } as const;

  it('sends only the chosen action’s field', () => {
    expect(bulkBody(['a1', 'b2'], choice)).toEqual({ ids: ['a1', 'b2'], action: 'assign', assigneeId: 'u1' });
    expect(bulkBody(['a1'], { ...choice, action: 'status' })).toEqual({ ids: ['a1'], action: 'status', status: 'resolved', note: 'Hecho.' });
    expect(bulkBody(['a1'], { ...choice, action: 'priority' })).toEqual({ ids: ['a1'], action: 'priority', priority: 'high' });
  });

  it('sends null for nobody and for no team, never leaves the field out', () => {
    expect(bulkBody(['a1'], { ...choice, assigneeId: '' })).toEqual({ ids: ['a1'], action: 'assign', assigneeId: null });
    expect(bulkBody(['a1'], { ...choice, action: 'team' })).toEqual({ ids: ['a1'], action: 'team', teamId: null });
  });
});
