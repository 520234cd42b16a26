import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Ticket, TicketStatus } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { SuccessNotice } from '../components/SuccessNotice';
import { TicketFiltersBar } from '../components/TicketFilters';
import { TicketList } from '../components/TicketList';
import { useI18n } from '../i18n';
import { filtersFromParams, filtersToParams, toTicketQuery, type TicketFilters } from '../lib/filters';

const VIEWS = ['mine', 'unassigned', 'all'] as const;
type View = (typeof VIEWS)[number];

const OPEN_WORK: readonly TicketStatus[] = ['open', 'in_progress', 'on_hold'];

export function Queue() {
  const { t } = useI18n();
  const { api, user } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const view: View = (VIEWS as readonly string[]).includes(params.get('view') ?? '') ? (params.get('view') as View) : 'mine';
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string>();

  const setFilters = useCallback(
    (next: TicketFilters) => setParams(filtersToParams(next, params), { replace: true }),
    [params, setParams],
  );
  const setView = (next: View) => {
    const p = new URLSearchParams(params);
    p.set('view', next);
    setParams(p, { replace: true });
  };

  const query = useMemo(() => {
    const assigneeId = view === 'mine' ? 'me' : view === 'unassigned' ? 'none' : undefined;
    // Open work first: the queue is about what still needs doing unless a status is chosen.
    const extra = filters.status ? {} : { status: view === 'all' ? undefined : OPEN_WORK };
    return toTicketQuery(filters, { assigneeId, sort: view === 'unassigned' ? 'slaDue' : '-updatedAt', ...extra });
  }, [filters, view]);

  async function take(ticket: Ticket) {
    setError(null);
    try {
      await api.assign(ticket.id, user!.id);
      setNotice(t('queue.taken', { number: ticket.number }));
      setVersion((v) => v + 1);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="page">
      <div className="page__header">
        <h1>{t('queue.title')}</h1>
      </div>
      <div className="tabs" role="group" aria-label={t('queue.views')}>
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            className={`tab${view === v ? ' tab--active' : ''}`}
            aria-pressed={view === v}
            onClick={() => setView(v)}
          >
            {t(`queue.view.${v}`)}
          </button>
        ))}
      </div>
      <SuccessNotice message={notice} />
      <ErrorAlert error={error} />
      <TicketFiltersBar value={filters} onChange={setFilters} />
      <TicketList
        query={query}
        version={version}
        emptyText={t(`queue.empty.${view}`)}
        actions={(ticket) =>
          ticket.actions.take ? (
            <button type="button" className="button button--primary button--small" onClick={() => void take(ticket)}>
              {t('queue.take')}
              <span className="visually-hidden"> {ticket.number}</span>
            </button>
          ) : null
        }
      />
    </section>
  );
}
