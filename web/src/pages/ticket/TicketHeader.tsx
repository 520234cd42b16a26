import type { Ticket } from '../../api/types';
import { PriorityBadge, StatusBadge } from '../../components/Badges';
import { SlaBadge } from '../../components/SlaBadge';
import { useI18n } from '../../i18n';

/**
 * Number, title and the badges a reader scans first: status and priority; for staff also the SLA and the escalation
 * level (the SLA is the team's promise to itself: a requester is told where the ticket stands, not its clock).
 */
export function TicketHeader({ ticket, isStaff }: { ticket: Ticket; isStaff: boolean }) {
  const { t } = useI18n();
  return (
    <header className="ticket-page__header">
      <p className="ticket-card__number">{ticket.number}</p>
      <h1 id="ticket-title">{ticket.title}</h1>
      <div className="badges">
        <StatusBadge status={ticket.status} />
        <PriorityBadge priority={ticket.priority} />
        {isStaff ? <SlaBadge sla={ticket.sla} /> : null}
        {isStaff && ticket.sla.escalationLevel > 0 ? (
          <span className="badge badge--escalation" data-testid="escalation-level">
            {t('sla.escalation', { level: ticket.sla.escalationLevel })}
          </span>
        ) : null}
      </div>
    </header>
  );
}
