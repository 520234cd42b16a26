import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { TicketQuery } from '../api/tickets';
import type { Page, TicketListItem } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { useLiveQuery } from '../lib/live';
import { ErrorAlert } from './ErrorAlert';
import { LoadFailed, Skeleton } from './Loading';
import { TicketCard } from './TicketCard';

interface Props {
  query: TicketQuery;
  /** Bump to ask again at once after a change made elsewhere on the page (the list also refreshes itself). */
  version: number;
  actions?: (ticket: TicketListItem) => ReactNode;
  emptyText: string;
  /** Draws the loaded tickets another way than as cards (the staff queue's table). */
  renderItems?: (tickets: TicketListItem[]) => ReactNode;
}

/**
 * A live list of tickets: the first page refreshes itself (every 20 s while visible, on focus, when new work arrives,
 * after a change here) with `If-None-Match`, so an unchanged list costs a 304 and redraws nothing; "Cargar más" pages
 * stay as loaded. A skeleton while the first page loads; a failure offers "Reintentar".
 */
export function TicketList({ query, version, actions, emptyText, renderItems }: Props) {
  const { api } = useAuth();
  const { t } = useI18n();
  const key = JSON.stringify(query);
  const first = useLiveQuery((etag) => api.pollTickets(query, etag), [key, api]);
  // A change made on this page: ask now (the list's ETag tells whether it changed).
  const shownVersion = useRef(version);
  const { refresh } = first;
  useEffect(() => {
    if (shownVersion.current === version) return;
    shownVersion.current = version;
    refresh();
  }, [version, refresh]);
  const [more, setMore] = useState<{ key: string; pages: Page<TicketListItem>[] }>({ key: '', pages: [] });
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const extraPages = more.key === key ? more.pages : [];
  const pages = first.data ? [first.data, ...extraPages] : [];
  // A refreshed first page may now hold items a later page also holds: each ticket once, as its newest copy.
  const seen = new Set<string>();
  const items = pages.flatMap((p) => p.items).filter((item) => !seen.has(item.id) && (seen.add(item.id), true));
  const nextCursor = pages.length > 0 ? pages[pages.length - 1].nextCursor : null;
  const total = first.data?.total;

  async function loadMore() {
    if (!nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.listTickets({ ...query, cursor: nextCursor });
      setMore({ key, pages: [...extraPages, page] });
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
        {first.data
          ? total !== undefined && total !== null
            ? t('list.count', { shown: items.length, total })
            : t('list.shown', { shown: items.length })
          : ''}
      </p>
      {first.loading && !first.data ? <Skeleton rows={5} variant={renderItems ? 'rows' : 'cards'} /> : null}
      {/* A failed refresh keeps the list shown; only a list that never loaded offers to try again. */}
      {first.data ? null : <LoadFailed error={first.error} onRetry={first.refresh} />}
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
