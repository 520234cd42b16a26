import { useI18n } from '../../i18n';

/** Deleting is not cancelling: it removes the ticket from every list. Kept apart from the status moves, and said so. */
export function DeleteSection({ onDelete }: { onDelete: () => void }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="delete-heading" className="card card--danger">
      <h2 id="delete-heading">{t('ticketPage.dangerZone')}</h2>
      <p id="delete-hint" className="muted">
        {t('ticketPage.deleteHint')}
      </p>
      <button type="button" className="button button--danger-outline" aria-describedby="delete-hint" onClick={onDelete}>
        {t('common.delete')}
      </button>
    </section>
  );
}
