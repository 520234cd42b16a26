import { useI18n } from '../i18n';
import { formatMinutes, slaSummary, type SlaFigures } from '../lib/sla';

/**
 * The ticket's SLA as the server computed it when the ticket was loaded: condition, running target and the
 * (business) minutes left or overdue. `compact` leaves out the target's name, for tables.
 */
export function SlaBadge({ sla, compact = false }: { sla: SlaFigures; compact?: boolean }) {
  const { t, formatDateTime } = useI18n();
  const summary = slaSummary(sla);
  const state = t(`sla.state.${summary.state}`);
  const target = t(summary.target === 'first_response' ? 'sla.firstResponse' : 'sla.resolution');
  const time = summary.remainingMinutes === null ? null : formatMinutes(summary.remainingMinutes, summary.businessTime);
  const detail =
    time === null
      ? null
      : summary.overdue
        ? t(compact ? 'sla.overdueShort' : 'sla.overdue', { target, time })
        : t(compact ? 'sla.leftShort' : 'sla.left', { target, time });
  const title = [
    t('sla.dueAt', { date: formatDateTime(summary.dueAt) }),
    summary.businessTime ? t('sla.businessTime') : t('sla.roundTheClock'),
  ].join(' · ');
  return (
    <span className={`badge badge--sla-${summary.state}`} data-testid="sla-badge" data-sla-state={summary.state} title={title}>
      {compact ? state : t('sla.badge', { state })}
      {detail ? ` · ${detail}` : null}
    </span>
  );
}
