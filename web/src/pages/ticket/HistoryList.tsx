import type { HistoryEvent } from '../../api/types';
import { useI18n } from '../../i18n';
import { describeEvent, type CategoryWords } from '../../lib/history';
import { useCategoryLabel } from '../../lib/useCategories';

/** Everything that happened to the ticket, each event in words (notes of status moves included). */
export function HistoryList({ history }: { history: HistoryEvent[] }) {
  const { t } = useI18n();
  const categoryWords = useCategoryLabel();
  return (
    <section aria-labelledby="history-heading" className="card">
      <h2 id="history-heading">{t('ticket.history')}</h2>
      <ol className="history" aria-label={t('ticket.history')}>
        {history.map((e) => (
          <HistoryItem key={e.id} event={e} categoryWords={categoryWords} />
        ))}
      </ol>
    </section>
  );
}

function HistoryItem({ event, categoryWords }: { event: HistoryEvent; categoryWords: CategoryWords }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const lines = describeEvent(event, i18n, categoryWords);
  return (
    <li className="history__item" data-event-type={event.type}>
      <div>
        <strong>{t(`history.type.${event.type}`)}</strong> <span className="muted">· {event.actor?.name ?? t('history.system')}</span>
      </div>
      <time dateTime={event.at}>{formatDateTime(event.at)}</time>
      {lines.length > 0 ? (
        <ul className="history__changes">
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
