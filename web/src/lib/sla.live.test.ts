import { describe, expect, it } from 'vitest';
import type { Sla } from '../api/types';
import { formatMinutes, liveSla } from './sla';

const loadedAt = Date.parse('2024-05-01T15:00:00Z');
const minutes = (n: number) => loadedAt + n * 60_000;

/** Loaded at 15:00: at risk from 15:30, due at 16:00 (wall clock), 420 business minutes left on the server's calendar. */
const running: Sla = {
  policy: 'medium',
  calendar: '24x7',
  firstResponseDueAt: '2024-05-01T16:00:00Z',
  resolutionDueAt: '2024-05-06T16:00:00Z',
  firstResponseWarningAt: '2024-05-01T15:30:00Z',
  resolutionWarningAt: '2024-05-06T10:00:00Z',
  firstResponseBreached: false,
  resolutionBreached: false,
  escalationLevel: 0,
  pausedAt: null,
  state: 'on_track',
  target: 'first_response',
  dueAt: '2024-05-01T16:00:00Z',
  warningAt: '2024-05-01T15:30:00Z',
  remainingMinutes: 60,
};
const sla = (overrides: Partial<Sla>): Sla => ({ ...running, ...overrides });

describe('the ticking SLA countdown', () => {
  it('counts the wall-clock minutes to the due time', () => {
    expect(liveSla(running, loadedAt).wallMinutes).toBe(60);
    expect(liveSla(running, minutes(12.5)).wallMinutes).toBe(47.5);
    expect(formatMinutes(liveSla(running, minutes(12.5)).wallMinutes!)).toBe('47 min');
  });

  it('turns at risk at the warning point without a reload', () => {
    expect(liveSla(running, minutes(29.9)).state).toBe('on_track');
    expect(liveSla(running, minutes(30)).state).toBe('at_risk');
  });

  it('flips from at risk to breached when the due time passes, then counts the time overdue', () => {
    const atRisk = sla({ state: 'at_risk', remainingMinutes: 5 });
    expect(liveSla(atRisk, minutes(59)).state).toBe('at_risk');
    const after = liveSla(atRisk, minutes(66));
    expect(after).toMatchObject({ state: 'breached', overdue: true });
    expect(formatMinutes(after.wallMinutes!)).toBe('6 min');
    expect(formatMinutes(liveSla(atRisk, minutes(67)).wallMinutes!)).toBe('7 min');
  });

  it("never shows a better condition than the server's", () => {
    // The server knows the calendar and the warning point: at risk or breached stays so even with time apparently left.
    expect(liveSla(sla({ state: 'at_risk' }), loadedAt).state).toBe('at_risk');
    expect(liveSla(sla({ state: 'breached', remainingMinutes: -3 }), loadedAt).state).toBe('breached');
  });

  it('keeps the business minutes as the server counted them, next to the wall clock', () => {
    const business = liveSla(sla({ calendar: 'business', remainingMinutes: 420, dueAt: '2024-05-02T11:00:00Z' }), minutes(30));
    expect(business).toMatchObject({ businessTime: true, remainingMinutes: 420, wallMinutes: 20 * 60 - 30 });
  });

  it('does not move while paused or once met', () => {
    expect(liveSla(sla({ state: 'paused', remainingMinutes: 30 }), minutes(120))).toMatchObject({ state: 'paused', wallMinutes: null, overdue: false });
    expect(liveSla(sla({ state: 'met', remainingMinutes: null }), minutes(120))).toMatchObject({ state: 'met', wallMinutes: null });
  });

  it('works from a list item, which has no per-target fields', () => {
    const item = { state: 'on_track', target: 'resolution', dueAt: running.dueAt, warningAt: running.warningAt, remainingMinutes: 60, calendar: '24x7', escalationLevel: 0 } as const;
    expect(liveSla(item, minutes(61))).toMatchObject({ state: 'breached', target: 'resolution' });
  });
});
