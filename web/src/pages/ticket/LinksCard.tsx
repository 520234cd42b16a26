import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Ticket } from '../../api/types';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';

/** The link types staff may ask for; the other ticket shows the inverse. */
export const LINK_TYPES = ['related', 'duplicate_of', 'parent_of'] as const;
export type RequestedLinkType = (typeof LINK_TYPES)[number];

/**
 * Staff only: the tickets this one is linked to (each as this ticket sees it), a form to link another by its number,
 * a button per link to remove it, and the way into the merge dialog while the ticket may be merged.
 */
export function LinksCard({
  ticket,
  onLink,
  onUnlink,
  onMerge,
}: {
  ticket: Ticket;
  onLink: (other: string, type: RequestedLinkType) => Promise<void>;
  onUnlink: (otherId: string) => Promise<void>;
  onMerge: () => void;
}) {
  const { t } = useI18n();
  const [other, setOther] = useState('');
  const [type, setType] = useState<RequestedLinkType>('related');
  const [busy, setBusy] = useState(false);
  const links = ticket.links ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!other.trim()) return;
    setBusy(true);
    try {
      await onLink(other.trim(), type);
      setOther('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="links-heading" className="card" data-testid="links-card">
      <h2 id="links-heading">{t('links.title')}</h2>
      {links.length === 0 ? <p className="muted">{t('links.none')}</p> : null}
      <ul className="links-list">
        {links.map((link) => (
          <li key={link.ticketId} data-testid="link" data-link-type={link.type}>
            <span className="muted">{t(`links.type.${link.type}`)}</span>{' '}
            <Link to={`/tickets/${link.ticketId}`}>
              {link.number} · {link.title}
            </Link>{' '}
            {ticket.actions.link ? (
              <button
                type="button"
                className="button button--link"
                aria-label={t('links.remove', { number: link.number })}
                disabled={busy}
                onClick={() => void onUnlink(link.ticketId)}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {ticket.actions.link ? (
        <form onSubmit={(e) => void submit(e)} className="form" noValidate>
          <Field label={t('links.other')} name="link-other" hint={t('links.otherHint')}>
            {(p) => <input {...p} value={other} placeholder="TCK-000123" onChange={(e) => setOther(e.target.value)} />}
          </Field>
          <Field label={t('links.typeLabel')} name="link-type">
            {(p) => (
              <select {...p} value={type} onChange={(e) => setType(e.target.value as RequestedLinkType)}>
                {LINK_TYPES.map((value) => (
                  <option key={value} value={value}>
                    {t(`links.ask.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button button--secondary" disabled={busy || !other.trim()}>
            {t('links.add')}
          </button>
        </form>
      ) : null}
      {ticket.actions.merge ? (
        <button type="button" className="button button--secondary" onClick={onMerge} data-testid="merge-open">
          {t('merge.open')}
        </button>
      ) : null}
    </section>
  );
}
