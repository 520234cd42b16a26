import type { Ticket } from '../../api/types';
import { useI18n } from '../../i18n';
import { useCategoryLabel } from '../../lib/useCategories';

/** The ticket's facts: who asked, who has it, its category and its dates (the first-response time: staff only). */
export function TicketDetails({ ticket, isStaff }: { ticket: Ticket; isStaff: boolean }) {
  const { t, formatDateTime } = useI18n();
  const categoryWords = useCategoryLabel();
  return (
    <section aria-labelledby="details-heading" className="card">
      <h2 id="details-heading">{t('ticket.details')}</h2>
      <dl className="details">
        <dt>{t('ticket.requester')}</dt>
        <dd>
          {ticket.requester.name}
          {ticket.requester.department ? <span className="muted"> · {ticket.requester.department}</span> : null}
        </dd>
        <dt>{t('ticket.assignee')}</dt>
        <dd data-testid="assignee">{ticket.assignee?.name ?? t('ticket.unassigned')}</dd>
        <dt>{t('ticket.team')}</dt>
        <dd data-testid="team">{ticket.team?.name ?? t('ticket.noTeam')}</dd>
        <dt>{t('ticket.category')}</dt>
        <dd data-testid="category">{ticket.category ? categoryWords(ticket.category) : t('ticketPage.noCategory')}</dd>
        <dt>{t('ticket.created')}</dt>
        <dd>{formatDateTime(ticket.createdAt)}</dd>
        <dt>{t('ticket.updated')}</dt>
        <dd>{formatDateTime(ticket.updatedAt)}</dd>
        {isStaff ? (
          <>
            <dt>{t('ticket.firstResponse')}</dt>
            <dd>{formatDateTime(ticket.firstResponseAt)}</dd>
          </>
        ) : null}
        {ticket.resolvedAt ? (
          <>
            <dt>{t('ticket.resolvedAt')}</dt>
            <dd>{formatDateTime(ticket.resolvedAt)}</dd>
          </>
        ) : null}
        {ticket.closedAt ? (
          <>
            <dt>{t('ticket.closedAt')}</dt>
            <dd>{formatDateTime(ticket.closedAt)}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
