import { describe, expect, it } from 'vitest';
import type { Comment, HistoryEvent } from '../api/types';
import { buildTimeline, latestOtherActor } from './timeline';

const tech = { id: 'u-tech', name: 'Tomás Técnico' };
const requester = { id: 'u-req', name: 'Ana Usuaria' };

const comment = (id: string, at: string, body: string, internal = false, author = { ...tech, role: 'technician' as const }): Comment => ({
  id,
  ticketId: 't1',
  body,
  internal,
  createdAt: at,
  author,
});

const event = (id: string, at: string, rest: Pick<HistoryEvent, 'type' | 'data'>, actor: { id: string; name: string } | null = tech): HistoryEvent =>
  ({ id, ticketId: 't1', at, actor, ...rest }) as HistoryEvent;

const created = event('e0', '2026-12-07T09:00:00Z', { type: 'created', data: { priority: 'high', category: null, team: null } } as never, requester);
const slaStarted = event(
  'e1',
  '2026-12-07T09:00:00Z',
  { type: 'sla_started', data: { firstResponseDueAt: '2026-12-07T10:00:00Z', resolutionDueAt: '2026-12-08T09:00:00Z' } } as never,
  null,
);
const started = event('e2', '2026-12-07T09:05:00Z', { type: 'status_changed', data: { from: 'open', to: 'in_progress', note: null, reason: null } });
const internalNote = comment('c1', '2026-12-07T09:06:00Z', 'Mirar el router', true);
const commented = event('e3', '2026-12-07T09:06:00Z', { type: 'commented', data: { commentId: 'c1', internal: true } });
const reply = comment('c2', '2026-12-07T09:10:00Z', 'Ya está: reinicié el router.');
const resolvedWithReply = event('e4', '2026-12-07T09:10:00Z', {
  type: 'status_changed',
  data: { from: 'in_progress', to: 'resolved', note: 'Ya está: reinicié el router.', reason: null, commentId: 'c2' },
} as never);
const paused = event('e5', '2026-12-07T09:10:00Z', { type: 'sla_paused', data: { reason: 'on_hold' } } as never, null);
const reopened = event(
  'e6',
  '2026-12-07T11:00:00Z',
  { type: 'status_changed', data: { from: 'resolved', to: 'open', note: 'Sigue sin funcionar', reason: null } },
  requester,
);

const history = [created, slaStarted, started, commented, resolvedWithReply, paused, reopened];
const comments = [internalNote, reply];

describe('one conversation from comments and history', () => {
  it('puts messages, notes and markers in time order, a reply sent with a status shown once with its move', () => {
    const timeline = buildTimeline(comments, history, { staff: true });
    expect(timeline.map((e) => `${e.kind}:${e.id}`)).toEqual(['event:e0', 'event:e2', 'comment:c1', 'comment:c2', 'note:e6']);
    const resolved = timeline[3];
    expect(resolved.kind === 'comment' && resolved.move).toEqual({ from: 'in_progress', to: 'resolved' });
  });

  it('shows a resolution note or a reopen reason without a comment as a message of its own', () => {
    const resolvedWithNote = event('e7', '2026-12-07T12:00:00Z', {
      type: 'status_changed',
      data: { from: 'open', to: 'resolved', note: 'Cambiado el cable', reason: null },
    });
    const timeline = buildTimeline([], [resolvedWithNote], { staff: false });
    expect(timeline).toEqual([{ kind: 'note', id: 'e7', at: resolvedWithNote.at, event: resolvedWithNote, note: 'Cambiado el cable' }]);
  });

  it('gives a requester no internal note and no SLA or other internal event, even if the server sent one', () => {
    const timeline = buildTimeline(comments, history, { staff: false });
    expect(timeline.map((e) => `${e.kind}:${e.id}`)).toEqual(['event:e0', 'event:e2', 'comment:c2', 'note:e6']);
  });

  it('keeps the SLA clock log behind "show all events" for staff', () => {
    expect(buildTimeline(comments, history, { staff: true }).some((e) => e.id === 'e1' || e.id === 'e5')).toBe(false);
    const all = buildTimeline(comments, history, { staff: true, allEvents: true }).map((e) => e.id);
    expect(all).toContain('e1');
    expect(all).toContain('e5');
    expect(all).not.toContain('e3');
  });

  it('names who else changed the ticket since the last look', () => {
    expect(latestOtherActor(history, 'e4', tech.id)).toBe('Ana Usuaria');
    expect(latestOtherActor(history, 'e6', tech.id)).toBeNull();
    expect(latestOtherActor(history, 'e5', requester.id)).toBeNull();
  });
});

import { formatCountdown } from './countdown';

describe('a countdown moves on every tick when it is near', () => {
  it('shows seconds under an hour and minutes beyond', () => {
    expect(formatCountdown(12 * 60_000 + 5_000)).toBe('12 min 05 s');
    expect(formatCountdown(12 * 60_000 - 10_000)).toBe('11 min 50 s');
    expect(formatCountdown(-45_000)).toBe('45 s');
    expect(formatCountdown((3 * 60 + 5) * 60_000)).toBe('3 h 05 min');
    expect(formatCountdown(((2 * 24 + 3) * 60 + 5) * 60_000)).toBe('2 d 3 h 05 min');
  });
});
