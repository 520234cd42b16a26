import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../api/problem';
import { readAll } from '../api/tickets';
import type { Ticket, TicketStatus } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { SuccessNotice } from '../components/SuccessNotice';
import { TicketFormDialog } from '../components/TicketFormDialog';
import { useI18n } from '../i18n';
import { isConcurrentChange } from '../lib/conflicts';
import { problemMessage } from '../lib/errorMessages';
import { currentStatusNote } from '../lib/statusNote';
import { describeChanges } from '../lib/ticketChanges';
import { isDestructive, transitionAction } from '../lib/transitions';
import { useCategories, useCategoryLabel } from '../lib/useCategories';
import { useLoad } from '../lib/useLoad';
import { ActionsPanel } from './ticket/ActionsPanel';
import { CommentsSection } from './ticket/CommentsSection';
import { DeleteSection } from './ticket/DeleteSection';
import { HistoryList } from './ticket/HistoryList';
import { RequesterContactCard } from './ticket/RequesterContactCard';
import { StatusNoteCard } from './ticket/StatusNoteCard';
import { TicketDetails } from './ticket/TicketDetails';
import { TicketHeader } from './ticket/TicketHeader';

type Dialog = { kind: 'status'; to: TicketStatus; requiresNote: boolean } | { kind: 'edit' } | { kind: 'delete' } | null;

/**
 * One ticket: what it is, where it stands (with the resolution or hold note), what the caller may do now, the
 * conversation and the history. Each part is its own component under `pages/ticket/`; this page loads, acts and
 * explains a write the server refused because someone else changed the ticket first.
 */
export function TicketPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { api, user, isAdmin, isStaff } = useAuth();
  const navigate = useNavigate();
  const categories = useCategories();
  const categoryWords = useCategoryLabel();
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [actionMessage, setActionMessage] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const loaded = useLoad(async () => {
    const [{ ticket, etag }, comments, history] = await Promise.all([
      api.getTicket(id),
      readAll((cursor) => api.comments(id, cursor)),
      readAll((cursor) => api.history(id, cursor)),
    ]);
    return { ticket, etag, comments, history };
  }, [id, version]);

  const contact = useLoad(async () => (isStaff ? api.requesterContact(id) : null), [id, isStaff, version]);

  const staff = useLoad(
    async () =>
      isAdmin
        ? (
            await Promise.all(
              (['technician', 'admin'] as const).map((role) =>
                readAll((cursor) => api.listUsers({ role, active: true, limit: 100, cursor })),
              ),
            )
          ).flat()
        : [],
    [isAdmin],
  );

  // Staff may move the ticket to another active team.
  const teams = useLoad(async () => (isStaff ? (await api.admin.teams()).filter((team) => team.active) : []), [isStaff]);

  const refresh = (message?: string) => {
    setDialog(null);
    setNotice(message);
    setActionError(null);
    setActionMessage(undefined);
    setVersion((v) => v + 1);
  };

  /** Someone else changed the ticket first: say what changed (as far as the fresh ticket shows) and show it. */
  async function explainConflict(err: unknown, shown: Ticket) {
    setDialog(null);
    setNotice(undefined);
    let message = problemMessage(t, err);
    if (isApiError(err) && err.status === 412) {
      const fresh = await api.getTicket(shown.id).then((r) => r.ticket, () => null);
      const changes = fresh ? describeChanges(shown, fresh, t, categoryWords) : [];
      message = changes.length > 0 ? t('problem.stale', { changes: changes.join('; ') }) : t('problem.staleUnknown');
    }
    setActionError(err);
    setActionMessage(message);
    setVersion((v) => v + 1);
  }

  async function act(shown: Ticket, run: () => Promise<unknown>, message: string) {
    setActionError(null);
    setActionMessage(undefined);
    try {
      await run();
      refresh(message);
    } catch (err) {
      if (isConcurrentChange(err)) await explainConflict(err, shown);
      else setActionError(err);
    }
  }

  if (loaded.error && !loaded.data) {
    return (
      <section className="page">
        <ErrorAlert error={loaded.error} />
        <Link to="/tickets">{t('ticket.back')}</Link>
      </section>
    );
  }
  if (!loaded.data) {
    return (
      <section className="page">
        <p role="status" className="muted">
          {t('common.loading')}
        </p>
      </section>
    );
  }

  const { ticket, etag, comments, history } = loaded.data;
  const statusNote = currentStatusNote(ticket.status, history);

  return (
    <article className="page ticket-page" aria-labelledby="ticket-title">
      <Link to={isStaff ? '/queue' : '/tickets'} className="back-link">
        ← {t('ticket.back')}
      </Link>
      <TicketHeader ticket={ticket} isStaff={isStaff} />

      <SuccessNotice message={notice} />
      <ErrorAlert error={actionError} message={actionMessage} />
      {statusNote ? <StatusNoteCard note={statusNote} /> : null}

      <ActionsPanel
        // A fresh ticket resets the forms' choices to what the server has now.
        key={ticket.etag}
        ticket={ticket}
        staff={staff.data ?? []}
        categories={categories}
        teams={teams.data ?? []}
        onMove={(to, requiresNote) => setDialog({ kind: 'status', to, requiresNote })}
        onTake={() => void act(ticket, () => api.assign(ticket.id, user!.id), t('queue.taken', { number: ticket.number }))}
        onEdit={() => setDialog({ kind: 'edit' })}
        onAssign={(assigneeId) => act(ticket, () => api.assign(ticket.id, assigneeId), t('ticket.assigned'))}
        onPriority={(priority) => act(ticket, () => api.updateTicket(ticket.id, { priority }, etag), t('ticket.priorityChanged'))}
        onCategory={(category) => act(ticket, () => api.updateTicket(ticket.id, { category }, etag), t('ticketPage.categoryChanged'))}
        onTeam={(teamId) => act(ticket, () => api.admin.moveTicketToTeam(ticket.id, teamId, etag), t('ticketPage.teamChanged'))}
      />

      <div className="ticket-page__columns">
        <div>
          <section aria-labelledby="description-heading" className="card">
            <h2 id="description-heading">{t('ticket.description')}</h2>
            <p className="pre-wrap">{ticket.description}</p>
          </section>
          <CommentsSection
            ticket={ticket}
            comments={comments}
            onComment={async (body, internal, key) => {
              await api.addComment(ticket.id, body, internal, key);
              refresh(t('comment.added'));
            }}
          />
        </div>

        <aside>
          <TicketDetails ticket={ticket} />
          {contact.data ? <RequesterContactCard contact={contact.data} /> : null}
          <HistoryList history={history} />
          {ticket.actions.delete ? <DeleteSection onDelete={() => setDialog({ kind: 'delete' })} /> : null}
        </aside>
      </div>

      {dialog?.kind === 'status' ? (
        <ConfirmDialog
          title={`${t(transitionAction(ticket.status, dialog.to))} · ${ticket.number}`}
          message={t('ticket.statusConfirm', { from: t(`status.${ticket.status}`), to: t(`status.${dialog.to}`) })}
          confirmLabel={t('common.confirm')}
          danger={isDestructive(ticket.status, dialog.to)}
          note={{
            label: dialog.to === 'resolved' ? t('ticket.resolutionNote') : dialog.requiresNote ? t('ticket.note') : t('ticket.noteOptional'),
            required: dialog.requiresNote,
          }}
          onClose={() => setDialog(null)}
          onConfirm={async (note) => {
            try {
              await api.changeStatus(ticket.id, dialog.to, note || undefined);
            } catch (err) {
              if (!isConcurrentChange(err)) throw err;
              return explainConflict(err, ticket);
            }
            refresh(t('ticket.statusChanged', { status: t(`status.${dialog.to}`) }));
          }}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <TicketFormDialog
          ticket={ticket}
          etag={etag}
          onClose={() => setDialog(null)}
          onSaved={() => refresh(t('myTickets.updated', { number: ticket.number }))}
          onConflict={(err) => void explainConflict(err, ticket)}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <ConfirmDialog
          title={t('myTickets.deleteTitle', { number: ticket.number })}
          message={t('myTickets.deleteText')}
          confirmLabel={t('common.delete')}
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.deleteTicket(ticket.id);
            navigate(isStaff ? '/queue' : '/tickets');
          }}
        />
      ) : null}
    </article>
  );
}
