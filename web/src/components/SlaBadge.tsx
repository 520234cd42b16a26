import { useEffect, useState } from 'react';
import type { Ticket } from '../api/types';
import { useI18n } from '../i18n';
import { formatDuration, slaState } from '../lib/sla';

const TICK_MS = 30_000;

/** SLA state with a live countdown to the next due time. */
export function SlaBadge({ ticket }: { ticket: Ticket }) {
  const { t, formatDateTime } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), TICK_MS);
    return () => window.clearInterval(timer);
  }, []);

  const state = slaState(ticket, now);
  if (state.kind === 'none') return null;
  const target = t(state.target === 'firstResponse' ? 'sla.firstResponse' : 'sla.resolution');
  let text: string;
  switch (state.kind) {
    case 'met':
      text = t('sla.met');
      break;
    case 'paused':
      text = t('sla.paused');
      break;
    case 'breached':
      text =
        state.remainingMs !== null
          ? t('sla.overdue', { target, time: formatDuration(state.remainingMs) })
          : t('sla.breached');
      break;
    default:
      text = t('sla.dueIn', { target, time: formatDuration(state.remainingMs ?? 0) });
  }
  return (
    <span
      className={`badge badge--sla-${state.kind}`}
      data-testid="sla-badge"
      title={state.dueAt ? t('sla.dueAt', { date: formatDateTime(state.dueAt) }) : undefined}
    >
      {text}
    </span>
  );
}
