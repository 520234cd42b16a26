import { useEffect, useRef } from 'react';

/** The bell polls this often while the page is visible. */
export const NOTIFICATION_POLL_MS = 15_000;

const CHANGED = 'tickets:notifications-changed';

/** Tells every notification view on the page (bell, list) that read state changed, so they reload. */
export function announceNotificationsChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/**
 * Calls `refresh` now and whenever it changes, every `intervalMs` while the page is visible, when the window regains focus or becomes visible
 * again, and whenever another view announces a change. A hidden tab does not poll.
 */
export function useLiveRefresh(refresh: () => void, intervalMs: number, enabled = true): void {
  const latest = useRef(refresh);
  latest.current = refresh;

  // Now, and again whenever what to load changes (a filter, say).
  useEffect(() => {
    if (enabled) refresh();
  }, [refresh, enabled]);

  useEffect(() => {
    if (!enabled) return;
    const run = () => latest.current();
    const whenVisible = () => {
      if (document.visibilityState === 'visible') run();
    };
    const timer = window.setInterval(whenVisible, intervalMs);
    window.addEventListener('focus', run);
    window.addEventListener(CHANGED, run);
    document.addEventListener('visibilitychange', whenVisible);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', run);
      window.removeEventListener(CHANGED, run);
      document.removeEventListener('visibilitychange', whenVisible);
    };
  }, [intervalMs, enabled]);
}

/** Where a notification leads: its ticket, by the number people read. */
export function notificationHref(notification: { ticketNumber: string }): string {
  return `/tickets/${encodeURIComponent(notification.ticketNumber)}`;
}
