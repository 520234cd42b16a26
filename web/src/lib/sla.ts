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
