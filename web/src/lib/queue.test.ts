import { describe, expect, it } from 'vitest';
import { nextSort, queueSort, queueView, sortColumn, viewQuery } from './queue';

describe('staff queue', () => {
  it('opens on "assigned to me" unless the URL names another tab', () => {
    expect(queueView(null)).toBe('mine');
    expect(queueView('at_risk')).toBe('at_risk');
    expect(queueView('nonsense')).toBe('mine');
  });

  it('asks the server for at-risk and breached open work on the urgent tab', () => {
    expect(viewQuery('at_risk')).toEqual({ sla: ['at_risk', 'breached'], status: ['open', 'in_progress', 'on_hold'] });
    expect(viewQuery('unassigned')).toMatchObject({ assigneeId: 'none' });
    expect(viewQuery('following')).toMatchObject({ followerId: 'me', status: ['open', 'in_progress', 'on_hold'] });
    expect(viewQuery('all')).toEqual({});
  });

  it('asks for the open work of the caller\'s teams on "my teams"', () => {
    expect(viewQuery('my_teams')).toEqual({ teamId: ['mine'], status: ['open', 'in_progress', 'on_hold'] });
    expect(queueView('my_teams')).toBe('my_teams');
  });

  it('sorts the work tabs by SLA urgency and "all" by latest update, unless the URL says otherwise', () => {
    expect(queueSort(null, 'mine')).toBe('slaDue');
    expect(queueSort(null, 'all')).toBe('-updatedAt');
    expect(queueSort('priority', 'mine')).toBe('priority');
    expect(queueSort('-title', 'mine')).toBe('slaDue');
  });

  it('flips a column clicked twice and starts another with its natural order', () => {
    expect(nextSort('slaDue', 'priority')).toBe('-priority');
    expect(nextSort('-priority', 'priority')).toBe('priority');
    expect(nextSort('priority', 'priority')).toBe('-priority');
    expect(nextSort('-updatedAt', 'number')).toBe('-createdAt');
    expect(nextSort('-priority', 'sla')).toBe('slaDue');
    expect(sortColumn('-createdAt')).toEqual({ column: 'number', descending: true });
  });
});
