import { useCallback, useMemo, useState } from 'react';
import type { Ticket, TicketListItem } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { SuccessNotice } from '../components/SuccessNotice';
import { TicketFiltersBar } from '../components/TicketFilters';
import { TicketFormDialog } from '../components/TicketFormDialog';
import { TicketList } from '../components/TicketList';
import { useI18n } from '../i18n';
import { filtersFromParams, writeFilters, hasActiveFilters, toTicketQuery, type TicketFilters } from '../lib/filters';
import { useUrlParams } from '../lib/useUrlParams';
import { useDocumentTitle } from '../lib/useDocumentTitle';

type Dialog = { kind: 'new' } | { kind: 'edit'; ticket: Ticket; etag?: string } | { kind: 'delete'; ticket: TicketListItem } | null;

export function MyTickets() {
  const { t } = useI18n();
  useDocumentTitle(t('myTickets.title'));
  const { api } = useAuth();
  const [params, updateParams] = useUrlParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string>();
  const [editError, setEditError] = useState<unknown>(null);

  const setFilters = useCallback(
    (next: TicketFilters) => updateParams((p) => writeFilters(next, p)),
    [updateParams],
  );
  // Everyone's own requests (the server scopes a user's list anyway, staff see theirs here too), or what they are copied on.
  const copied = params.get('list') === 'copied';
  const query = useMemo(() => toTicketQuery(filters, copied ? { ccId: 'me' } : { requesterId: 'me' }), [filters, copied]);
  const showList = (list: 'mine' | 'copied') =>
    updateParams((p) => {
      if (list === 'copied') p.set('list', 'copied');
      else p.delete('list');
    });

  // List items carry no description: the edit form starts from the whole ticket (and its ETag, so a stale edit is refused).
  async function edit(item: TicketListItem) {
    setEditError(null);
    try {
      const { ticket, etag } = await api.getTicket(item.id);
      setDialog({ kind: 'edit', ticket, etag });
    } catch (err) {
      setEditError(err);
    }
  }

  function saved(message: string) {
    setDialog(null);
    setNotice(message);
    setVersion((v) => v + 1);
  }

  return (
    <section className="page">
      <div className="page__header">
        <h1>{t('myTickets.title')}</h1>
        <button type="button" className="button button--primary" onClick={() => setDialog({ kind: 'new' })}>
          {t('myTickets.new')}
        </button>
      </div>
      <SuccessNotice message={notice} />
      <ErrorAlert error={editError} />
      <div className="tabs" role="group" aria-label={t('myTickets.lists')}>
        {(['mine', 'copied'] as const).map((list) => (
          <button
            key={list}
            type="button"
            className={`tab${(list === 'copied') === copied ? ' tab--active' : ''}`}
            aria-pressed={(list === 'copied') === copied}
            onClick={() => showList(list)}
          >
            {t(list === 'copied' ? 'myTickets.copied' : 'myTickets.mine')}
          </button>
        ))}
      </div>
      <TicketFiltersBar value={filters} onChange={setFilters} />
      <TicketList
        query={query}
        version={version}
        emptyText={hasActiveFilters(filters) ? t('list.emptyFiltered') : t(copied ? 'myTickets.copiedEmpty' : 'myTickets.empty')}
        actions={(ticket) => (
          <>
            {ticket.actions.edit ? (
              <button type="button" className="button button--secondary button--small" onClick={() => void edit(ticket)}>
                {t('common.edit')}
                <span className="visually-hidden"> {ticket.number}</span>
              </button>
            ) : null}
            {ticket.actions.delete ? (
              <button type="button" className="button button--danger-outline button--small" onClick={() => setDialog({ kind: 'delete', ticket })}>
                {t('common.delete')}
                <span className="visually-hidden"> {ticket.number}</span>
              </button>
            ) : null}
          </>
        )}
      />
      {dialog?.kind === 'new' ? (
        <TicketFormDialog onClose={() => setDialog(null)} onSaved={(ticket) => saved(t('myTickets.created', { number: ticket.number }))} />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <TicketFormDialog
          ticket={dialog.ticket}
          etag={dialog.etag}
          onClose={() => setDialog(null)}
          onSaved={(ticket) => saved(t('myTickets.updated', { number: ticket.number }))}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('myTickets.deleteTitle', { number: dialog.ticket.number })}
          message={t('myTickets.deleteText')}
          confirmLabel={t('common.delete')}
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.deleteTicket(dialog.ticket.id);
            saved(t('myTickets.deleted', { number: dialog.ticket.number }));
          }}
        />
      ) : null}
    </section>
  );
}
