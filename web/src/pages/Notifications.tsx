import { useCallback, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { Notification, NotificationPage } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { NotificationItem } from '../components/NotificationBell';
import { useI18n } from '../i18n';
import { announceNotificationsChanged, notificationHref, NOTIFICATION_POLL_MS, useLiveRefresh } from '../lib/notifications';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { LoadFailed, Skeleton } from '../components/Loading';

const PAGE_SIZE = 20;

/** Every notification of the signed-in person, newest first, with "load more" and an unread-only filter (in the URL). */
export function Notifications() {
  const { api } = useAuth();
  const { t, formatDateTime } = useI18n();
  useDocumentTitle(t('notifications.title'));
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === '1';
  const [pages, setPages] = useState<NotificationPage[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);

  // The first page stays live (new notifications appear); pages loaded further down are kept as they are.
  const loadFirst = useCallback(() => {
    const mine = ++generation.current;
    api.notifications({ unread: unreadOnly || undefined, limit: PAGE_SIZE }).then(
      (first) => {
        if (mine !== generation.current) return;
        setError(null);
        setPages((current) => (current && current.length > 1 && current[0].items[0]?.id === first.items[0]?.id ? [first, ...current.slice(1)] : [first]));
      },
      (err: unknown) => {
        if (mine === generation.current) setError(err);
      },
    );
  }, [api, unreadOnly]);

  useLiveRefresh(loadFirst, NOTIFICATION_POLL_MS);

  const last = pages?.[pages.length - 1];
  const items = pages?.flatMap((p) => p.items) ?? [];
  const unreadCount = pages?.[0].unreadCount ?? 0;

  async function loadMore() {
    if (!last?.nextCursor) return;
    setLoadingMore(true);
    try {
      const next = await api.notifications({ unread: unreadOnly || undefined, limit: PAGE_SIZE, cursor: last.nextCursor });
      setPages((current) => [...(current ?? []), next]);
    } catch (err) {
      setError(err);
    } finally {
      setLoadingMore(false);
    }
  }

  function setUnreadOnly(only: boolean) {
    const next = new URLSearchParams(params);
    if (only) next.set('unread', '1');
    else next.delete('unread');
    setPages(null);
    setParams(next, { replace: true });
  }

  async function open(notification: Notification) {
    if (!notification.readAt) {
      await api.markRead(notification.id).catch(() => undefined);
      announceNotificationsChanged();
    }
    navigate(notificationHref(notification));
  }

  async function markAll() {
    try {
      await api.markAllRead();
      setPages(null);
      announceNotificationsChanged();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="page" aria-labelledby="notifications-heading">
      <div className="page__header">
        <h1 id="notifications-heading">{t('notifications.title')}</h1>
        {unreadCount > 0 ? (
          <button type="button" className="button button--secondary" onClick={() => void markAll()}>
            {t('notifications.markAll')}
          </button>
        ) : null}
      </div>
      <div className="tabs" role="group" aria-label={t('notifications.filter')}>
        {[false, true].map((only) => (
          <button
            key={String(only)}
            type="button"
            className={`tab${unreadOnly === only ? ' tab--active' : ''}`}
            aria-pressed={unreadOnly === only}
            onClick={() => setUnreadOnly(only)}
          >
            {only ? t('notifications.onlyUnread', { count: unreadCount }) : t('notifications.all')}
          </button>
        ))}
      </div>
      {pages === null ? <LoadFailed error={error} onRetry={loadFirst} /> : <ErrorAlert error={error} />}
      {pages === null && !error ? <Skeleton rows={5} /> : null}
      {pages !== null && items.length === 0 ? (
        <p className="empty">{unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}</p>
      ) : null}
      <ul className="notification-list">
        {items.map((n) => (
          <li key={n.id} className={n.readAt ? '' : 'bell__item--unread'}>
            <NotificationItem notification={n} onOpen={() => void open(n)} formatDateTime={formatDateTime} />
          </li>
        ))}
      </ul>
      {last?.nextCursor ? (
        <div className="actions actions--center">
          <button type="button" className="button button--secondary" disabled={loadingMore} onClick={() => void loadMore()}>
            {loadingMore ? t('common.loading') : t('list.loadMore')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
