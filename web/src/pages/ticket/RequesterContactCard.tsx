import type { RequesterContact } from '../../api/types';
import { useI18n } from '../../i18n';

/** Staff only: how to reach the requester (the API refuses this to anyone else). */
export function RequesterContactCard({ contact }: { contact: RequesterContact }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="contact-heading" className="card" data-testid="requester-contact">
      <h2 id="contact-heading">{t('ticketPage.contact')}</h2>
      <dl className="details">
        <dt>{t('ticket.requester')}</dt>
        <dd>{contact.name}</dd>
        <dt>{t('ticketPage.contactDepartment')}</dt>
        <dd>{contact.department}</dd>
        <dt>{t('ticketPage.contactEmail')}</dt>
        <dd className="break-all">
          <a href={`mailto:${contact.email}`}>{contact.email}</a>
        </dd>
        <dt>{t('ticketPage.contactPhone')}</dt>
        <dd>
          <a href={`tel:${contact.phone.replace(/[^0-9+]/g, '')}`}>{contact.phone}</a>
        </dd>
      </dl>
      {!contact.active ? <p className="muted">{t('ticketPage.contactInactive')}</p> : null}
    </section>
  );
}
