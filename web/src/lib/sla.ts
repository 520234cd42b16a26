import type { Sla, SlaCondition } from '../api/types';

/**
 * What the SLA badge shows, straight from the server's `ticket.sla`: the condition (on track, at risk, breached,
 * paused, met) is never re-derived here, because only the server knows the business calendar, the warning point and
 * the pauses. The time is the server's figure in counted minutes (business minutes on a business calendar) as of
 * when the ticket was loaded; it is null once the ticket is finished.
 */
export interface SlaSummary {
  state: SlaCondition;
  target: Sla['target'];
  dueAt: string;
  /** Minutes left (positive) or overdue (negative); null when the clock no longer runs. */
  remainingMinutes: number | null;
  overdue: boolean;
  businessTime: boolean;
  escalationLevel: number;
}

/** The SLA fields both a full ticket and a list item carry. */
export type SlaFigures = Pick<Sla, 'state' | 'target' | 'dueAt' | 'remainingMinutes' | 'calendar' | 'escalationLevel'>;

export function slaSummary(sla: SlaFigures): SlaSummary {
  const remainingMinutes = sla.remainingMinutes;
  return {
    state: sla.state,
    target: sla.target,
    dueAt: sla.dueAt,
    remainingMinutes,
    overdue: remainingMinutes !== null && remainingMinutes < 0,
    businessTime: sla.calendar !== '24x7',
    escalationLevel: sla.escalationLevel,
  };
}

/**
 * Compact duration of counted minutes: `2 d 3 h`, `3 h 05 min`, `12 min`, `< 1 min`; the sign is dropped (the
 * caller says "left" or "overdue"). Business minutes never fold into days, since a working day is not 24 hours.
 * Units read the same in es and en.
 */
export function formatMinutes(minutes: number, businessTime = false): string {
  const total = Math.floor(Math.abs(minutes));
  if (total < 1) return '< 1 min';
  const days = businessTime ? 0 : Math.floor(total / 1440);
  const hours = Math.floor((total - days * 1440) / 60);
  const rest = total % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return `${hours} h ${String(rest).padStart(2, '0')} min`;
  return `${rest} min`;
}

/**
 * The SLA as it stands at `now` (wall-clock milliseconds), for a badge that ticks without a reload. The server's
 * figures were true when the ticket was loaded; while the clock runs, the due time and the warning point are fixed
 * instants, so the wall-clock time left is `dueAt − now` and the condition can only get worse on screen: past the
 * warning point an on-track ticket is at risk, past the due time it is breached. Paused and met clocks do not move.
 * The server's business minutes stay as they were loaded (only the server knows the calendar): secondary information.
 */
export interface LiveSla extends SlaSummary {
  /** Wall-clock minutes to the due time (negative: overdue); null when the clock does not run. */
  wallMinutes: number | null;
}

export function liveSla(sla: SlaFigures & { warningAt?: string | null }, now: number): LiveSla {
  const summary = slaSummary(sla);
  const running = summary.remainingMinutes !== null && summary.state !== 'paused' && summary.state !== 'met';
  const due = Date.parse(summary.dueAt);
  if (!running || Number.isNaN(due)) return { ...summary, wallMinutes: null };
  const wallMinutes = (due - now) / 60_000;
  const warning = sla.warningAt ? Date.parse(sla.warningAt) : Number.NaN;
  const state =
    summary.state === 'breached' || wallMinutes <= 0
      ? 'breached'
      : summary.state === 'at_risk' || (!Number.isNaN(warning) && now >= warning)
        ? 'at_risk'
        : summary.state;
  return { ...summary, state, wallMinutes, overdue: wallMinutes <= 0 };
}
