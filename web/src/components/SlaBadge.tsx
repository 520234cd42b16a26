import { useI18n } from '../i18n';
import { formatMinutes, liveSla, type SlaFigures } from '../lib/sla';
import { useNow } from '../lib/useNow';

/** What a badge needs: a list item's or a full ticket's `sla` (the warning point lets an on-track badge turn at risk). */
export type SlaBadgeFigures = SlaFigures & { warningAt?: string | null };

/**
 * The ticket's SLA, ticking: the condition and the wall-clock time left to (or since) the due time, re-read with the
 * shared clock, so "quedan 1 min" becomes "incumplido · vencido hace 1 min" on screen when the due time passes. The
 * server's business-time figure (as loaded) is secondary: beside the full badge, in the tooltip of the compact one.
 * `compact` leaves out the target's name, for tables.
 */
export function SlaBadge({ sla, compact = false }: { sla: SlaBadgeFigures; compact?: boolean }) {
  const { t, formatDateTime } = useI18n();
  const now = useNow();
  const live = liveSla(sla, now);
  const state = t(`sla.state.${live.state}`);
  const target = t(live.target === 'first_response' ? 'sla.firstResponse' : 'sla.resolution');
  // A paused clock has no moving due time: the server's counted minutes are all there is.
  const minutes = live.wallMinutes ?? (live.state === 'paused' ? live.remainingMinutes : null);
  const time = minutes === null ? null : formatMinutes(minutes, live.wallMinutes === null && live.businessTime);
  const overdue = minutes !== null && minutes <= 0 && live.state !== 'paused';
  const detail =
    time === null
      ? null
      : overdue
        ? t(compact ? 'sla.overdueShort' : 'sla.overdue', { target, time })
        : t(compact ? 'sla.leftShort' : 'sla.left', { target, time });
  const business =
    live.businessTime && live.wallMinutes !== null && live.remainingMinutes !== null
      ? t(live.remainingMinutes < 0 ? 'sla.businessOverdue' : 'sla.businessLeft', { time: formatMinutes(live.remainingMinutes, true) })
      : null;
  const title = [
    t('sla.dueAt', { date: formatDateTime(live.dueAt) }),
    business ?? (live.businessTime ? t('sla.businessTime') : t('sla.roundTheClock')),
  ].join(' · ');
  return (
    <span className={`badge badge--sla badge--sla-${live.state}`} data-testid="sla-badge" data-sla-state={live.state} title={title}>
      {compact ? state : t('sla.badge', { state })}
      {detail ? ` · ${detail}` : null}
      {business && !compact ? <span className="badge__secondary"> ({business})</span> : null}
    </span>
  );
}
