import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TicketListItem } from '../api/types';
import { useI18n } from '../i18n';
import { PriorityBadge, StatusBadge } from './Badges';
import { TagChips } from './TagChips';

export function TicketCard({ ticket, actions }: { ticket: TicketListItem; actions?: ReactNode }) {
  const { t, formatDateTime } = useI18n();
  const headingId = `ticket-${ticket.id}-title`;
  return (
    <article className="card ticket-card" aria-labelledby={headingId} data-ticket-number={ticket.number}>
      <div className="ticket-card__top">
        <span className="ticket-card__number">{ticket.number}</span>
        <PriorityBadge priority={ticket.priority} />
        <StatusBadge status={ticket.status} />
      </div>
      <h2 id={headingId} className="ticket-card__title">
        <Link to={`/tickets/${encodeURIComponent(ticket.id)}`}>{ticket.title}</Link>
      </h2>
      <TagChips tags={ticket.tags} />
      <dl className="ticket-card__meta">
        <div>
          <dt>{t('ticket.requester')}</dt>
          <dd>
            {ticket.requester.name}
            {ticket.requester.department ? <span className="muted"> · {ticket.requester.department}</span> : null}
          </dd>
        </div>
        <div>
          <dt>{t('ticket.assignee')}</dt>
          <dd>{ticket.assignee?.name ?? t('ticket.unassigned')}</dd>
        </div>
        <div>
          <dt>{t('ticket.created')}</dt>
          <dd>
            <time dateTime={ticket.createdAt}>{formatDateTime(ticket.createdAt)}</time>
          </dd>
        </div>
      </dl>
      {actions ? <div className="ticket-card__actions">{actions}</div> : null}
    </article>
  );
}
