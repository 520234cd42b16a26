import { describe, expect, it } from 'vitest';
import type { Sla } from '../api/types';
import { formatMinutes, slaSummary } from './sla';

const base: Sla = {
  policy: 'medium',
  calendar: 'business',
  firstResponseDueAt: '2024-05-01T16:00:00Z',
  resolutionDueAt: '2024-05-06T16:00:00Z',
  firstResponseWarningAt: '2024-05-01T14:00:00Z',
  resolutionWarningAt: '2024-05-06T10:00:00Z',
  firstResponseBreached: false,
  resolutionBreached: false,
  escalationLevel: 0,
  pausedAt: null,
  state: 'on_track',
  target: 'first_response',
  dueAt: '2024-05-01T16:00:00Z',
  warningAt: '2024-05-01T14:00:00Z',
  remainingMinutes: 420,
};

const sla = (overrides: Partial<Sla>): Sla => ({ ...base, ...overrides });

describe('SLA badge reads the server', () => {
  it('shows the running target, its due time and the minutes left', () => {
    expect(slaSummary(base)).toMatchObject({
      state: 'on_track',
      target: 'first_response',
      dueAt: base.dueAt,
      remainingMinutes: 420,
      overdue: false,
    });
  });

  it("keeps the server's condition even when the minutes alone would suggest another", () => {
    // 5 minutes left, yet the server says on track (its warning point is what counts), and the other way round.
    expect(slaSummary(sla({ state: 'on_track', remainingMinutes: 5 })).state).toBe('on_track');
    expect(slaSummary(sla({ state: 'at_risk', remainingMinutes: 400 })).state).toBe('at_risk');
  });

  it('is overdue when the server counts negative minutes', () => {
    const summary = slaSummary(sla({ state: 'breached', target: 'resolution', remainingMinutes: -45 }));
    expect(summary).toMatchObject({ state: 'breached', target: 'resolution', overdue: true, remainingMinutes: -45 });
  });

  it('has no running time once the ticket is finished', () => {
    const summary = slaSummary(sla({ state: 'met', remainingMinutes: null }));
    expect(summary).toMatchObject({ state: 'met', remainingMinutes: null, overdue: false });
  });

  it('counts business time unless the policy runs around the clock', () => {
    expect(slaSummary(base).businessTime).toBe(true);
    expect(slaSummary(sla({ calendar: '24x7' })).businessTime).toBe(false);
  });

  it('carries the escalation level for staff', () => {
    expect(slaSummary(sla({ escalationLevel: 2 })).escalationLevel).toBe(2);
  });
});

describe('formatMinutes', () => {
  it.each([
    [0, false, '< 1 min'],
    [12, false, '12 min'],
    [3 * 60 + 5, false, '3 h 05 min'],
    [(2 * 24 + 3) * 60, false, '2 d 3 h'],
    [2 * 24 * 60, false, '2 d'],
    [-45, false, '45 min'],
    [(2 * 24 + 3) * 60, true, '51 h 00 min'],
  ])('%d minutes (business: %s) reads %s', (minutes, business, text) => {
    expect(formatMinutes(minutes, business)).toBe(text);
  });
});
