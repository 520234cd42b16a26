import type { Priority, TicketStatus } from '../api/types';
import { useI18n } from '../i18n';

export function StatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge--status-${status}`} data-testid="status-badge">
      {t(`status.${status}`)}
    </span>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge--priority-${priority}`} data-testid="priority-badge">
      <span className="visually-hidden">{t('ticket.priority')}: </span>
      {t(`priority.${priority}`)}
    </span>
  );
}
