import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { NotificationPage } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';

const POLL_MS = 60_000;
const NOTIFICATION_TYPES = ['ticket_assigned', 'ticket_commented', 'status_changed', 'sla_warning', 'sla_breached'] as const;

export function NotificationBell() {
  const { api } = useAuth();
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const [page, setPage] = useState<NotificationPage | null>(null);
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      api.notifications(false).then(
        (result) => !cancelled && setPage(result),
        () => undefined, // The bell stays quiet when the call fails; the next poll retries.
      );
    void load();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, POLL_MS);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [api, open]);

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

  const notificationLabel = (type: string) =>
    (NOTIFICATION_TYPES as readonly string[]).includes(type)
      ? t(`notifications.type.${type as (typeof NOTIFICATION_TYPES)[number]}`)
      : null;

  const unread = page?.unreadCount ?? page?.items.filter((n) => !n.readAt).length ?? 0;

  async function openNotification(id: string, ticketId: string, read: boolean) {
    setOpen(false);
    if (!read) await api.markRead(id).catch(() => undefined);
    navigate(`/tickets/${encodeURIComponent(ticketId)}`);
  }

  async function markAll() {
    await api.markAllRead().catch(() => undefined);
    setPage(await api.notifications(false));
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
                  <button type="button" className="bell__item" onClick={() => void openNotification(n.id, n.ticketId, !!n.readAt)}>
                    <strong>
                      {n.ticketNumber} · {notificationLabel(n.type) ?? n.message}
                    </strong>
                    <span>{n.title}</span>
                    <time dateTime={n.createdAt}>{formatDateTime(n.createdAt)}</time>
                    {!n.readAt ? <span className="visually-hidden">{t('notifications.unread')}</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('notifications.empty')}</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
