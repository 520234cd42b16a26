import { describe, expect, it } from 'vitest';
import type { Ticket, User } from '../api/types';
import { historyChanges, valueText } from './history';
import { canChangePriority, canDeleteTicket, canEditTicket, canTakeTicket } from './permissions';
import { normaliseStats } from './stats';
import { transitionAction } from './transitions';

const person = (id: string, role: User['role']) => ({ id, role }) as User;
const ticket = (overrides: Partial<Ticket> = {}) =>
  ({
    id: 't1',
    status: 'open',
    requester: { id: 'u1', name: 'Ana', department: 'IT' },
    assignee: null,
    ...overrides,
  }) as Ticket;

describe('what the UI offers (DESIGN §1)', () => {
  it('requester edits and deletes only while open and unassigned', () => {
    const ana = person('u1', 'user');
    expect(canEditTicket(ticket(), ana)).toBe(true);
    expect(canDeleteTicket(ticket(), ana)).toBe(true);
    expect(canEditTicket(ticket({ assignee: { id: 't', name: 'Tec' } }), ana)).toBe(false);
    expect(canEditTicket(ticket({ status: 'in_progress' }), ana)).toBe(false);
    expect(canEditTicket(ticket(), person('u2', 'user'))).toBe(false);
  });

  it('admin may delete any ticket', () => {
    expect(canDeleteTicket(ticket({ status: 'resolved', assignee: { id: 't', name: 'Tec' } }), person('a', 'admin'))).toBe(true);
  });

  it('staff take only unassigned, unfinished tickets', () => {
    expect(canTakeTicket(ticket(), person('t', 'technician'))).toBe(true);
    expect(canTakeTicket(ticket(), person('u', 'user'))).toBe(false);
    expect(canTakeTicket(ticket({ assignee: { id: 'x', name: 'X' } }), person('t', 'technician'))).toBe(false);
  });

  it('technicians change priority only on their own assignments', () => {
    expect(canChangePriority(ticket({ assignee: { id: 't', name: 'T' } }), person('t', 'technician'))).toBe(true);
    expect(canChangePriority(ticket({ assignee: { id: 'o', name: 'O' } }), person('t', 'technician'))).toBe(false);
  });
});

describe('transition verbs', () => {
  it.each([
    ['open', 'in_progress', 'action.start'],
    ['on_hold', 'in_progress', 'action.resume'],
    ['resolved', 'in_progress', 'action.reopen'],
    ['in_progress', 'on_hold', 'action.hold'],
    ['in_progress', 'resolved', 'action.resolve'],
    ['resolved', 'closed', 'action.close'],
    ['open', 'closed', 'action.cancel'],
    ['closed', 'open', 'action.reopen'],
  ] as const)('%s → %s is %s', (from, to, key) => {
    expect(transitionAction(from, to)).toBe(key);
  });
});

describe('history changes', () => {
  it('reads before/after objects', () => {
    expect(historyChanges({ before: { status: 'open' }, after: { status: 'resolved' } })).toEqual([
      { field: 'status', from: 'open', to: 'resolved' },
    ]);
  });
  it('reads from/to pairs', () => {
    expect(historyChanges({ from: 'open', to: 'in_progress' })).toEqual([{ field: '', from: 'open', to: 'in_progress' }]);
  });
  it('reads a flat map of scalar values and names', () => {
    expect(historyChanges({ assignee: { id: 'x', name: 'Tec' }, reason: 'manual', list: [1] })).toEqual([
      { field: 'assignee', to: { id: 'x', name: 'Tec' } },
      { field: 'reason', to: 'manual' },
    ]);
    expect(valueText({ id: 'x', name: 'Tec' })).toBe('Tec');
    expect(valueText(null)).toBe('—');
  });
});

describe('stats adapter', () => {
  it('reads maps and lists alike', () => {
    const stats = normaliseStats({
      byStatus: { open: 3, closed: 1 },
      byPriority: [{ priority: 'high', count: 2 }],
      openPerAssignee: [{ assigneeId: 'x', name: 'Tec', count: 4 }],
      sla: { met: 9, breached: 1 },
      meanMinutesToFirstResponse: 30,
      createdPerDay: [
        { date: '2024-05-02', count: 1 },
        { date: '2024-05-01T00:00:00Z', count: 2 },
      ],
    });
    expect(stats.byStatus).toEqual([
      { key: 'open', count: 3 },
      { key: 'closed', count: 1 },
    ]);
    expect(stats.byPriority).toEqual([{ key: 'high', label: undefined, count: 2 }]);
    expect(stats.openPerAssignee[0]).toMatchObject({ label: 'Tec', count: 4 });
    expect(stats.slaCompliancePercent).toBe(90);
    expect(stats.meanMinutesToFirstResponse).toBe(30);
    expect(stats.meanMinutesToResolution).toBeNull();
    expect(stats.createdPerDay.map((d) => d.date)).toEqual(['2024-05-01', '2024-05-02']);
  });

  it('prefers the compliance the server reports', () => {
    expect(normaliseStats({ sla: { met: 1, breached: 1, compliancePercent: 75 } }).slaCompliancePercent).toBe(75);
  });

  it('survives an empty or odd answer', () => {
    expect(normaliseStats(null).byStatus).toEqual([]);
  });
});
