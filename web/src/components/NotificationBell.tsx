import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Notification, NotificationPage } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { announceWorkArrived } from '../lib/live';
import { announceNotificationsChanged, notificationHref, NOTIFICATION_POLL_MS, useLiveRefresh } from '../lib/notifications';

const LATEST = 8;

/** The header's bell: the server's unread count, the latest notifications, "mark all read" and a link to them all. */
export function NotificationBell() {
  const { api } = useAuth();
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const [page, setPage] = useState<NotificationPage | null>(null);
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const generation = useRef(0);
  const lastUnread = useRef<number | null>(null);

  const load = useCallback(() => {
    const mine = ++generation.current;
    api.notifications({ limit: LATEST }).then(
      (result) => {
        if (mine !== generation.current) return;
        // More unread than before: something new happened (an assignment, say); live lists ask the server now.
        if (lastUnread.current !== null && result.unreadCount > lastUnread.current) announceWorkArrived();
        lastUnread.current = result.unreadCount;
        setPage(result);
      },
      () => undefined, // The bell keeps its last figure when a poll fails; the next one retries.
    );
  }, [api]);

  useLiveRefresh(load, NOTIFICATION_POLL_MS);

  useEffect(() => {
    if (open) load();
  }, [open, load]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onClick = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const unread = page?.unreadCount ?? 0;

  async function openNotification(notification: Notification) {
    setOpen(false);
    if (!notification.readAt) {
      await api.markRead(notification.id).catch(() => undefined);
      announceNotificationsChanged();
    }
    navigate(notificationHref(notification));
  }

  async function markAll() {
    await api.markAllRead().catch(() => undefined);
    announceNotificationsChanged();
  }

  return (
    <div className="bell">
      <button
        ref={buttonRef}
        type="button"
        className="button button--ghost bell__button"
        aria-expanded={open}
        aria-controls="notifications-panel"
        aria-label={t('notifications.button', { count: unread })}
        data-testid="notification-bell"
        data-loaded={page !== null}
        onClick={() => setOpen((o) => !o)}
      >
        <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9M13.7 21a2 2 0 0 1-3.4 0" />
        </svg>
        {unread > 0 ? (
          <span className="bell__count" data-testid="unread-count">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div ref={panelRef} id="notifications-panel" className="bell__panel" role="region" aria-label={t('notifications.title')}>
          <div className="bell__header">
            <h2>{t('notifications.title')}</h2>
            {unread > 0 ? (
              <button type="button" className="button button--link" onClick={() => void markAll()}>
                {t('notifications.markAll')}
              </button>
            ) : null}
          </div>
          {page && page.items.length > 0 ? (
            <ul className="bell__list">
              {page.items.map((n) => (
                <li key={n.id} className={n.readAt ? '' : 'bell__item--unread'}>
                  <NotificationItem notification={n} onOpen={() => void openNotification(n)} formatDateTime={formatDateTime} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('notifications.empty')}</p>
          )}
          <p className="bell__footer">
            <Link to="/notifications" onClick={() => setOpen(false)}>
              {t('notifications.seeAll')}
            </Link>
          </p>
        </div>
      ) : null}
    </div>
  );
}

/** One notification as a button: the server's message (in the reader's language), the ticket and when. */
export function NotificationItem({
  notification: n,
  onOpen,
  formatDateTime,
}: {
  notification: Notification;
  onOpen: () => void;
  formatDateTime: (iso: string) => string;
}) {
  const { t } = useI18n();
  return (
    <button type="button" className="bell__item" data-testid="notification" data-ticket={n.ticketNumber} onClick={onOpen}>
      <strong>{n.message}</strong>
      <span>
        {n.ticketNumber} · {n.title}
      </span>
      <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
      {!n.readAt ? <span className="visually-hidden">{t('notifications.unread')}</span> : null}
    </button>
  );
}
