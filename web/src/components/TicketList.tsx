import { useState, type ReactNode } from 'react';
import type { TicketQuery } from '../api/tickets';
import type { Page, TicketListItem } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { useLoad } from '../lib/useLoad';
import { ErrorAlert } from './ErrorAlert';
import { TicketCard } from './TicketCard';

interface Props {
  query: TicketQuery;
  /** Bump to reload after a change made elsewhere on the page. */
  version: number;
  actions?: (ticket: TicketListItem) => ReactNode;
  emptyText: string;
  /** Draws the loaded tickets another way than as cards (the staff queue's table). */
  renderItems?: (tickets: TicketListItem[]) => ReactNode;
}

export function TicketList({ query, version, actions, emptyText, renderItems }: Props) {
  const { api } = useAuth();
  const { t } = useI18n();
  const key = JSON.stringify(query);
  const first = useLoad(() => api.listTickets(query), [key, version]);
  const [more, setMore] = useState<{ key: string; pages: Page<TicketListItem>[] }>({ key: '', pages: [] });
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const extraPages = more.key === `${key}:${version}` ? more.pages : [];
  const pages = first.data ? [first.data, ...extraPages] : [];
  const items = pages.flatMap((p) => p.items);
  const nextCursor = pages.length > 0 ? pages[pages.length - 1].nextCursor : null;
  const total = first.data?.total;

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.listTickets({ ...query, cursor: nextCursor });
      setMore({ key: `${key}:${version}`, pages: [...extraPages, page] });
    } catch (err) {
      setMoreError(err);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <section aria-labelledby="results-heading" aria-busy={first.loading}>
      <h2 id="results-heading" className="visually-hidden">
        {t('list.results')}
      </h2>
      <p role="status" className="muted list-status">
        {first.loading
          ? t('common.loading')
          : first.data
            ? total !== undefined && total !== null
              ? t('list.count', { shown: items.length, total })
              : t('list.shown', { shown: items.length })
            : ''}
      </p>
      <ErrorAlert error={first.error} />
      {!first.loading && first.data && items.length === 0 ? <p className="empty">{emptyText}</p> : null}
      {renderItems ? (
        items.length > 0 ? renderItems(items) : null
      ) : (
        <div className="ticket-grid">
          {items.map((ticket) => (
            <TicketCard key={ticket.id} ticket={ticket} actions={actions?.(ticket)} />
          ))}
        </div>
      )}
      <ErrorAlert error={moreError} />
      {nextCursor ? (
        <div className="actions actions--center">
          <button type="button" className="button button--secondary" disabled={loadingMore} onClick={() => void loadMore()}>
            {loadingMore ? t('common.loading') : t('list.loadMore')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
