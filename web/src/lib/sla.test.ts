import { describe, expect, it } from 'vitest';
import type { Sla, Ticket } from '../api/types';
import { formatDuration, slaState } from './sla';

const created = '2024-05-01T08:00:00Z';
const baseSla: Sla = {
  policy: 'medium',
  firstResponseDueAt: '2024-05-01T16:00:00Z', // 8 h
  resolutionDueAt: '2024-05-04T08:00:00Z', // 72 h
  firstResponseBreached: false,
  resolutionBreached: false,
  escalationLevel: 0,
  pausedAt: null,
};

function ticket(overrides: Partial<Ticket> = {}, sla: Partial<Sla> = {}) {
  return { status: 'open' as const, createdAt: created, firstResponseAt: null, sla: { ...baseSla, ...sla }, ...overrides };
}

const at = (iso: string) => Date.parse(iso);

describe('SLA badge state', () => {
  it('counts down to the first response until someone answers', () => {
    const state = slaState(ticket(), at('2024-05-01T09:00:00Z'));
    expect(state).toMatchObject({ kind: 'ok', target: 'firstResponse', remainingMs: 7 * 3_600_000 });
  });

  it('warns from 75 % of the target', () => {
    expect(slaState(ticket(), at('2024-05-01T13:59:00Z')).kind).toBe('ok');
    expect(slaState(ticket(), at('2024-05-01T14:00:00Z')).kind).toBe('warning');
  });

  it('is breached once past due, with a negative remaining time', () => {
    const state = slaState(ticket(), at('2024-05-01T16:30:00Z'));
    expect(state.kind).toBe('breached');
    expect(state.remainingMs).toBe(-30 * 60_000);
  });

  it('moves to the resolution clock after the first response', () => {
    const state = slaState(ticket({ firstResponseAt: '2024-05-01T09:00:00Z', status: 'in_progress' }), at('2024-05-01T10:00:00Z'));
    expect(state).toMatchObject({ kind: 'ok', target: 'resolution', dueAt: baseSla.resolutionDueAt });
  });

  it('is paused while on hold', () => {
    expect(slaState(ticket({ status: 'on_hold' }, { pausedAt: '2024-05-01T10:00:00Z' }), at('2024-05-02T10:00:00Z')).kind).toBe('paused');
  });

  it('is met or breached once resolved', () => {
    expect(slaState(ticket({ status: 'resolved' }), at('2024-06-01T00:00:00Z')).kind).toBe('met');
    expect(slaState(ticket({ status: 'closed' }, { resolutionBreached: true }), at('2024-06-01T00:00:00Z')).kind).toBe('breached');
  });

});

describe('formatDuration', () => {
  it.each([
    [20_000, '< 1 min'],
    [12 * 60_000, '12 min'],
    [(3 * 60 + 5) * 60_000, '3 h 05 min'],
    [(2 * 24 + 3) * 3_600_000, '2 d 3 h'],
    [2 * 24 * 3_600_000, '2 d'],
    [-45 * 60_000, '45 min'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
