import type { Ticket } from '../api/types';

export type SlaKind = 'none' | 'ok' | 'warning' | 'breached' | 'paused' | 'met';

export interface SlaState {
  kind: SlaKind;
  /** Which clock the badge is about. */
  target: 'firstResponse' | 'resolution';
  dueAt: string | null;
  /** Milliseconds until due (negative once overdue); null when the clock is not running. */
  remainingMs: number | null;
}

/** The warning point is 75 % of the target (docs/architecture.md, "SLA"). */
const WARNING_FRACTION = 0.75;

export function slaState(ticket: Pick<Ticket, 'sla' | 'status' | 'createdAt' | 'firstResponseAt'>, now: number): SlaState {
  const sla = ticket.sla;
  const target = sla && !ticket.firstResponseAt && !sla.firstResponseBreached ? 'firstResponse' : 'resolution';
  if (!sla) return { kind: 'none', target, dueAt: null, remainingMs: null };

  const breached = sla.resolutionBreached || (target === 'firstResponse' && sla.firstResponseBreached);
  const done = ticket.status === 'resolved' || ticket.status === 'closed';
  const dueAt = target === 'firstResponse' ? sla.firstResponseDueAt : sla.resolutionDueAt;

  if (done) return { kind: sla.resolutionBreached ? 'breached' : 'met', target: 'resolution', dueAt: sla.resolutionDueAt, remainingMs: null };
  if (sla.pausedAt || ticket.status === 'on_hold') return { kind: 'paused', target, dueAt, remainingMs: null };
  if (!dueAt) return { kind: breached ? 'breached' : 'none', target, dueAt: null, remainingMs: null };

  const due = Date.parse(dueAt);
  const remainingMs = due - now;
  if (breached || remainingMs <= 0) return { kind: 'breached', target, dueAt, remainingMs };

  const start = Date.parse(ticket.createdAt);
  const total = due - start;
  const elapsedFraction = total > 0 ? (now - start) / total : 1;
  return { kind: elapsedFraction >= WARNING_FRACTION ? 'warning' : 'ok', target, dueAt, remainingMs };
}

/** Compact duration: `2 d 3 h`, `3 h 05 min`, `12 min`, `< 1 min`. Units read the same in es and en. */
export function formatDuration(ms: number): string {
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  if (totalMinutes < 1) return '< 1 min';
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  return `${minutes} min`;
}
