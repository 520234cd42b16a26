import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { TicketListItem } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { PriorityBadge, StatusBadge } from '../components/Badges';
import { BulkBar } from '../components/BulkBar';
import { TagChips } from '../components/TagChips';
import { ErrorAlert } from '../components/ErrorAlert';
import { ExportButton } from '../components/ExportButton';
import { SlaBadge } from '../components/SlaBadge';
import { SuccessNotice } from '../components/SuccessNotice';
import { useLoad } from '../lib/useLoad';
import { useLiveQuery } from '../lib/live';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useUrlParams } from '../lib/useUrlParams';
import { TicketFiltersBar } from '../components/TicketFilters';
import { SavedViewTabs } from '../components/SavedViewTabs';
import { savedSort, savedViewListQuery } from '../lib/savedViews';
import { TicketList } from '../components/TicketList';
import { useI18n } from '../i18n';
import { isConcurrentChange } from '../lib/conflicts';
import { filtersFromParams, writeFilters, toTicketQuery, type TicketFilters } from '../lib/filters';
import {
  nextSort,
  QUEUE_VIEWS,
  queueSort,
  queueView,
  sortColumn,
  viewQuery,
  type QueueSort,
  type QueueSortColumn,
  type QueueView,
} from '../lib/queue';

type Counts = Partial<Record<QueueView, number>>;

const NOTHING_SELECTED: ReadonlyMap<string, TicketListItem> = new Map();

/**
 * The staff's work queue: tabs with server counts, a dense full-width table sorted by the server, all of it in the URL.
 * The rows and every tab's count refresh themselves (conditional GETs: an unchanged queue costs 304s and no redraw), so
 * a ticket assigned by someone else appears with its count without a reload.
 */
export function Queue() {
  const { t } = useI18n();
  useDocumentTitle(t('queue.title'));
  const { api, user } = useAuth();
  const suggestTags = useCallback((q: string) => api.tags(q), [api]);
  const [params, updateParams] = useUrlParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const view = queueView(params.get('view'));
  // A chosen saved view: its query (the list's own query string) stands in for the tab's.
  const saved = params.get('query');
  const sort = queueSort(params.get('sort') ?? (saved !== null ? savedSort(saved) : null), view);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string>();
  const counts = useLiveCounts();
  // The team filter's choices; if they cannot be read the queue still works, without that filter.
  const teams = useLoad(() => api.admin.teams().catch(() => []), [api]);

  const setFilters = useCallback(
    (next: TicketFilters) => updateParams((p) => writeFilters(next, p)),
    [updateParams],
  );
  const setParam = (changes: Record<string, string | null>) =>
    updateParams((p) => {
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) p.delete(key);
        else p.set(key, value);
      }
    });

  const query = useMemo(() => {
    if (saved !== null) return savedViewListQuery(saved, filters, sort);
    const base = viewQuery(view);
    // A status chosen in the filters replaces the tab's "open work".
    return toTicketQuery(filters, { ...base, ...(filters.status ? { status: undefined } : {}), sort });
  }, [filters, view, sort, saved]);
  // The ticked tickets (id → the row as last seen), for the bulk actions: kept while the list refreshes itself, dropped
  // when another tab, filter or sort shows other tickets, so an action never reaches tickets out of sight.
  const queryKey = JSON.stringify(query);
  const [selection, setSelection] = useState<{ key: string; tickets: ReadonlyMap<string, TicketListItem> }>({ key: '', tickets: new Map() });
  const selected = selection.key === queryKey ? selection.tickets : NOTHING_SELECTED;
  const setSelected = (tickets: ReadonlyMap<string, TicketListItem>) => setSelection({ key: queryKey, tickets });

  async function take(ticket: TicketListItem) {
    setError(null);
    setNotice(undefined);
    try {
      await api.assign(ticket.id, user!.id);
      setNotice(t('queue.taken', { number: ticket.number }));
      setVersion((v) => v + 1);
      counts.refresh();
    } catch (err) {
      setError(err);
      // Someone took it first (or it changed): the message says so, and the row shows who has it now.
      if (isConcurrentChange(err)) {
        setVersion((v) => v + 1);
        counts.refresh();
      }
    }
  }

  return (
    <section className="page page--wide">
      <div className="page__header">
        <h1>{t('queue.title')}</h1>
        <ExportButton query={query} />
      </div>
      <div className="tabs" role="group" aria-label={t('queue.views')}>
        {QUEUE_VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            className={`tab${view === v && saved === null ? ' tab--active' : ''}`}
            aria-pressed={view === v && saved === null}
            onClick={() => setParam({ view: v, sort: null, query: null })}
          >
            {t(`queue.view.${v}`)}
            {counts.data?.[v] !== undefined ? (
              <span className="tab__count" data-testid={`count-${v}`}>
                {counts.data[v]}
              </span>
            ) : null}
          </button>
        ))}
      </div>
      <SavedViewTabs
        current={query}
        active={saved}
        onChoose={(chosen) =>
          updateParams((p) => {
            for (const key of [...p.keys()]) p.delete(key);
            p.set('query', chosen);
          })
        }
      />
      <SuccessNotice message={notice} />
      <ErrorAlert error={error} />
      <BulkBar
        selected={[...selected.values()]}
        teams={teams.data && teams.data.length > 0 ? teams.data : undefined}
        onClear={() => setSelected(new Map())}
        onDone={() => {
          setSelected(new Map());
          setVersion((v) => v + 1);
          counts.refresh();
        }}
      />
      <TicketFiltersBar
        value={filters}
        onChange={setFilters}
        teams={teams.data && teams.data.length > 0 ? teams.data : undefined}
        tags={suggestTags}
      />
      <TicketList
        query={query}
        version={version}
        emptyText={saved !== null ? t('views.empty') : t(`queue.empty.${view}`)}
        renderItems={(tickets) => (
          <QueueTable
            tickets={tickets}
            sort={sort}
            onSort={(column) => setParam({ sort: nextSort(sort, column) })}
            onTake={(ticket) => void take(ticket)}
            selected={selected}
            onSelect={setSelected}
          />
        )}
      />
    </section>
  );
}

/**
 * Each tab's count: the server's total for that tab (without the search filters, like the tab itself), one small
 * conditional GET per tab on every refresh; when every tab answers 304 nothing redraws.
 */
function useLiveCounts() {
  const { api } = useAuth();
  const known = useRef<Partial<Record<QueueView, { etag?: string; total?: number }>>>({});
  return useLiveQuery<Counts>(
    async (shown) => {
      // Nothing shown yet (a first load): every tab in full, whatever was known before.
      if (shown === undefined) known.current = {};
      const answers = await Promise.all(
        QUEUE_VIEWS.map((v) =>
          api.pollTickets({ ...viewQuery(v), limit: 1, includeTotal: true }, known.current[v]?.etag).catch(
            () => null, // A tab without a count still works; the next refresh asks again.
          ),
        ),
      );
      let changed = false;
      answers.forEach((answer, i) => {
        if (!answer || answer.notModified) return;
        known.current[QUEUE_VIEWS[i]] = { etag: answer.etag, total: answer.data.total ?? undefined };
        changed = true;
      });
      if (!changed) return { notModified: true };
      const counts: Counts = {};
      for (const v of QUEUE_VIEWS) counts[v] = known.current[v]?.total;
      return { data: counts, etag: 'counts' };
    },
    [api],
  );
}

function QueueTable({
  tickets,
  sort,
  onSort,
  onTake,
  selected,
  onSelect,
}: {
  tickets: TicketListItem[];
  sort: QueueSort;
  onSort: (column: QueueSortColumn) => void;
  onTake: (ticket: TicketListItem) => void;
  selected: ReadonlyMap<string, TicketListItem>;
  onSelect: (selected: ReadonlyMap<string, TicketListItem>) => void;
}) {
  const { t, locale, formatDateTime } = useI18n();
  const current = sortColumn(sort);
  // ↑/↓ move between the rows' ticket links (Enter opens one, as any link); Home/End jump to the first/last row.
  const moveFocus = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
    if (!keys.includes(event.key)) return;
    const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-row-link]')];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const row = (document.activeElement as HTMLElement | null)?.closest('tr');
    const from = at >= 0 ? at : links.findIndex((link) => link.closest('tr') === row);
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? links.length - 1 : event.key === 'ArrowDown' ? Math.min(from + 1, links.length - 1) : Math.max(from - 1, 0);
    if (from < 0 && event.key.startsWith('Arrow')) return;
    event.preventDefault();
    links[next]?.focus();
  };
  const header = (column: QueueSortColumn, label: string) => {
    const active = current.column === column;
    return (
      <th scope="col" aria-sort={active ? (current.descending || column === 'sla' ? 'descending' : 'ascending') : undefined}>
        <button type="button" className="th-sort" onClick={() => onSort(column)}>
          {label}
          <span aria-hidden="true" className="th-sort__mark">
            {active ? (current.descending || column === 'sla' ? '▼' : '▲') : '↕'}
          </span>
        </button>
      </th>
    );
  };
  const allTicked = tickets.length > 0 && tickets.every((ticket) => selected.has(ticket.id));
  const toggle = (ticket: TicketListItem) => {
    const next = new Map(selected);
    if (!next.delete(ticket.id)) next.set(ticket.id, ticket);
    onSelect(next);
  };
  const toggleAll = () => {
    const next = new Map(selected);
    for (const ticket of tickets) {
      if (allTicked) next.delete(ticket.id);
      else next.set(ticket.id, ticket);
    }
    onSelect(next);
  };
  return (
    <>
    <p className="muted queue__hint" id="queue-keyboard-hint">
      {t('queue.keyboardHint')}
    </p>
    <div className="table-wrap">
      <table className="table table--queue" aria-label={t('queue.table')} aria-describedby="queue-keyboard-hint">
        <thead>
          <tr>
            <th scope="col" className="queue__select">
              <input type="checkbox" checked={allTicked} onChange={toggleAll} aria-label={t('bulk.selectAll')} />
            </th>
            {header('number', t('queue.col.number'))}
            <th scope="col">{t('queue.col.title')}</th>
            <th scope="col">{t('queue.col.requester')}</th>
            <th scope="col">{t('queue.col.team')}</th>
            {header('priority', t('queue.col.priority'))}
            <th scope="col">{t('queue.col.status')}</th>
            <th scope="col">{t('queue.col.assignee')}</th>
            {header('sla', t('queue.col.sla'))}
            {header('updated', t('queue.col.updated'))}
            <th scope="col">
              <span className="visually-hidden">{t('queue.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody onKeyDown={moveFocus}>
          {tickets.map((ticket) => (
            <tr key={ticket.id} data-ticket-number={ticket.number} data-sla-state={ticket.sla.state}>
              <td className="queue__select">
                <input
                  type="checkbox"
                  checked={selected.has(ticket.id)}
                  onChange={() => toggle(ticket)}
                  aria-label={t('bulk.select', { number: ticket.number })}
                />
              </td>
              <td className="nowrap">{ticket.number}</td>
              <th scope="row" className="table--queue__title">
                <Link to={`/tickets/${encodeURIComponent(ticket.number)}`} data-row-link>
                  {ticket.title}
                </Link>
                <TagChips tags={ticket.tags} />
              </th>
              <td data-label={t('queue.col.requester')} className="queue__who">
                {ticket.requester.name}
                {ticket.requester.department ? <span className="muted queue__sub">{ticket.requester.department}</span> : null}
              </td>
              <td data-label={t('queue.col.team')} data-testid="team">
                {ticket.team?.name ?? <span className="muted">{t('ticket.noTeam')}</span>}
              </td>
              <td data-label={t('queue.col.priority')} className="queue__badge">
                <PriorityBadge priority={ticket.priority} />
              </td>
              <td data-label={t('queue.col.status')} className="queue__badge">
                <StatusBadge status={ticket.status} />
              </td>
              <td data-label={t('queue.col.assignee')}>{ticket.assignee?.name ?? <span className="muted">{t('ticket.unassigned')}</span>}</td>
              <td data-label={t('queue.col.sla')} className="queue__sla">
                <SlaBadge sla={ticket.sla} compact />
                <SlaDue sla={ticket.sla} />
              </td>
              <td className="nowrap" data-label={t('queue.col.updated')}>
                <time dateTime={ticket.updatedAt} title={formatDateTime(ticket.updatedAt)}>
                  {shortDateTime(ticket.updatedAt, locale)}
                </time>
              </td>
              <td>
                {ticket.actions.take ? (
                  <button type="button" className="button button--primary button--small" onClick={() => onTake(ticket)}>
                    {t('queue.take')}
                    <span className="visually-hidden"> {ticket.number}</span>
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    </>
  );
}

/** The running target and its due time, in the row itself (not only in a tooltip): "1.ª respuesta · vence 17:30". */
function SlaDue({ sla }: { sla: TicketListItem['sla'] }) {
  const { t, locale } = useI18n();
  if (sla.remainingMinutes === null) return null;
  const date = shortDateTime(sla.dueAt, locale);
  return (
    <span className="queue__due" data-testid="sla-due">
      {t('queue.slaDue', { target: t(sla.target === 'first_response' ? 'queue.slaTarget.first_response' : 'queue.slaTarget.resolution'), date })}
    </span>
  );
}

/** A time as short as a dense row needs: "17:30" today, "8 dic, 12:00" another day (the full date is in the tooltip). */
function shortDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  const today = date.toDateString() === new Date().toDateString();
  const sameYear = date.getFullYear() === new Date().getFullYear();
  return new Intl.DateTimeFormat(locale, {
    ...(today ? {} : { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}
