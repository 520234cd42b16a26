import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../api/problem';
import { readAll } from '../api/tickets';
import type { Ticket, TicketStatus } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { AttachmentGallery, AttachmentList, imagesOf } from '../components/Attachments';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { LoadFailed, Skeleton } from '../components/Loading';
import { SuccessNotice } from '../components/SuccessNotice';
import { TicketFormDialog } from '../components/TicketFormDialog';
import { useI18n } from '../i18n';
import { isConcurrentChange } from '../lib/conflicts';
import { problemMessage } from '../lib/errorMessages';
import { currentStatusNote } from '../lib/statusNote';
import { describeChanges } from '../lib/ticketChanges';
import { ticketSidePeople } from '../lib/mentions';
import { latestOtherActor } from '../lib/timeline';
import { useCategories, useCategoryLabel } from '../lib/useCategories';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { newIdempotencyKey, useLoad } from '../lib/useLoad';
import { ActionsPanel } from './ticket/ActionsPanel';
import { Conversation } from './ticket/Conversation';
import { DeleteSection } from './ticket/DeleteSection';
import { LinksCard } from './ticket/LinksCard';
import { MergeDialog } from './ticket/MergeDialog';
import { RequesterContactCard } from './ticket/RequesterContactCard';
import { PeopleCard } from './ticket/PeopleCard';
import { SatisfactionCard } from './ticket/SatisfactionCard';
import { SlaPanel } from './ticket/SlaPanel';
import { StatusDialog } from './ticket/StatusDialog';
import { StatusNoteCard } from './ticket/StatusNoteCard';
import { TicketDetails } from './ticket/TicketDetails';
import { TicketHeader } from './ticket/TicketHeader';

/** How often an open ticket asks whether it changed (a conditional GET: 304 when nothing did). */
const POLL_MS = 20_000;

/** A dialog holds the ticket and ETag it opened on, so a refresh underneath never makes a stale write look fresh. */
type Dialog =
  | { kind: 'status'; to: TicketStatus; requiresNote: boolean; ticket: Ticket; etag: string | undefined }
  | { kind: 'edit'; ticket: Ticket; etag: string | undefined }
  | { kind: 'delete' }
  | { kind: 'merge'; ticket: Ticket }
  | null;

/**
 * One ticket: what it is, where it stands, what the caller may do now, and ONE conversation (messages and markers,
 * the composer at its end); staff also get the SLA explained. Each part is its own component under `pages/ticket/`;
 * this page loads, acts, keeps itself fresh (a conditional GET every 20 s and on focus, saying who changed the
 * ticket; the draft in the composer survives) and explains a write the server refused because someone else changed
 * the ticket first.
 */
export function TicketPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { api, user, isAdmin, isStaff } = useAuth();
  const suggestTags = useCallback((q: string) => api.tags(q), [api]);
  const lookUpPerson = useCallback((email: string) => api.lookUpPerson(email), [api]);
  const navigate = useNavigate();
  const categories = useCategories();
  const categoryWords = useCategoryLabel();
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [actionMessage, setActionMessage] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [liveNotice, setLiveNotice] = useState<string>();

  const loaded = useLoad(async () => {
    const [{ ticket, etag }, comments, history] = await Promise.all([
      api.getTicket(id),
      readAll((cursor) => api.comments(id, cursor)),
      readAll((cursor) => api.history(id, cursor)),
    ]);
    return { ticket, etag, comments, history };
  }, [id, version]);

  const sla = useLoad(async () => (isStaff ? api.ticketSla(id) : null), [id, isStaff, version]);

  // Live: ask with If-None-Match whether the ticket changed; a change reloads it and says who made it.
  const shown = useRef<{ etag?: string; lastEventId?: string; external: boolean }>({ external: false });
  useEffect(() => {
    const data = loaded.data;
    if (!data) return;
    const seen = shown.current;
    if (seen.external) {
      const start = seen.lastEventId ? data.history.findIndex((e) => e.id === seen.lastEventId) + 1 : 0;
      const fresh = data.history.slice(start);
      const other = latestOtherActor(data.history, seen.lastEventId, user?.id);
      // Only my own events (another tab of mine): nothing to announce.
      const onlyMine = fresh.length > 0 && fresh.every((e) => e.actor?.id === user?.id);
      if (!onlyMine) setLiveNotice(other ? t('live.changedBy', { name: other }) : t('live.changed'));
    }
    shown.current = { etag: data.etag, lastEventId: data.history.at(-1)?.id, external: false };
  }, [loaded.data, user?.id, t]);

  const loadingNow = loaded.loading;
  useEffect(() => {
    let cancelled = false;
    const check = async () => {
      const { etag } = shown.current;
      if (!etag || loadingNow || document.visibilityState === 'hidden') return;
      try {
        const answer = await api.pollTicket(id, etag);
        if (cancelled || answer.notModified || answer.etag === shown.current.etag) return;
        shown.current.external = true;
        setVersion((v) => v + 1);
      } catch {
        // Offline for a moment, or the ticket is gone: the next check (or an action) says so.
      }
    };
    const timer = window.setInterval(() => void check(), POLL_MS);
    const onFocus = () => void check();
    window.addEventListener('focus', onFocus);
    return () => {
      cancelled = true;
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
    };
  }, [api, id, loadingNow]);

  useDocumentTitle(loaded.data ? `${loaded.data.ticket.number} · ${loaded.data.ticket.title}` : undefined);

  const contact = useLoad(async () => (isStaff ? api.requesterContact(id) : null), [id, isStaff, version]);

  // Staff's @name completion: colleagues from the server, and the ticket's own people (offered on public replies).
  const mentionTicket = loaded.data?.ticket;
  const mentionSource = useMemo(
    () => (isStaff && mentionTicket ? { search: (q: string) => api.staff(q), ticketPeople: ticketSidePeople(mentionTicket), selfId: user?.id } : undefined),
    [api, isStaff, mentionTicket, user?.id],
  );

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
    setLiveNotice(undefined);
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
    // A ticket that is not there (or not the caller's) stays so: only a network error or a server fault is retried.
    const status = isApiError(loaded.error) ? loaded.error.status : 0;
    const final = status >= 400 && status < 500 && status !== 408 && status !== 429;
    return (
      <section className="page">
        {final ? <ErrorAlert error={loaded.error} /> : <LoadFailed error={loaded.error} onRetry={loaded.reload} />}
        <Link to="/tickets">{t('ticket.back')}</Link>
      </section>
    );
  }
  if (!loaded.data) {
    return (
      <section className="page">
        <Skeleton rows={4} variant="block" />
      </section>
    );
  }

  const { ticket, etag, comments, history } = loaded.data;
  const statusNote = currentStatusNote(ticket.status, history);
  // The viewer's next and previous go through every image on the page: the ticket's, then each message's in order.
  const images = [
    ...imagesOf(ticket.attachments),
    ...comments.filter((c) => isStaff || !c.internal).flatMap((c) => imagesOf(c.attachments ?? [])),
  ];

  /**
   * Reversible moves (start, hold, resume) happen at once, without a confirmation. A move that needs words opens a
   * dialog for them: a required note (resolving), a reopen reason (optional, but it is what the agent reads first);
   * closing or cancelling asks first because it cannot be taken back by the requester.
   */
  const move = (to: TicketStatus, requiresNote: boolean) => {
    const reopens = ticket.status === 'resolved' || ticket.status === 'closed';
    if (requiresNote || to === 'closed' || reopens) setDialog({ kind: 'status', to, requiresNote, ticket, etag });
    else void act(ticket, () => api.changeStatus(ticket.id, to, undefined, etag), t('ticket.statusChanged', { status: t(`status.${to}`) }));
  };

  return (
    <article className="page ticket-page" aria-labelledby="ticket-title">
      <Link to={isStaff ? '/queue' : '/tickets'} className="back-link">
        ← {t('ticket.back')}
      </Link>
      <TicketHeader ticket={ticket} isStaff={isStaff} />

      <SuccessNotice message={notice} />
      {liveNotice ? (
        <p className="live-notice" role="status" data-testid="live-notice">
          {liveNotice}
        </p>
      ) : null}
      <ErrorAlert error={actionError} message={actionMessage} />
      {statusNote ? <StatusNoteCard note={statusNote} /> : null}
      {ticket.mergedInto ? (
        <section className="card merged-banner" role="note" data-testid="merged-banner">
          <p>
            {t('merge.banner')}{' '}
            <Link to={`/tickets/${ticket.mergedInto.ticketId}`}>{ticket.mergedInto.number}</Link>
          </p>
        </section>
      ) : null}
      <SatisfactionCard
        key={`satisfaction-${ticket.etag}`}
        ticket={ticket}
        onRate={async (rating, comment) => {
          await api.rate(ticket.id, rating, comment);
          refresh(t('satisfaction.saved'));
        }}
      />

      <ActionsPanel
        // A fresh ticket resets the forms' choices to what the server has now.
        key={ticket.etag}
        ticket={ticket}
        staff={staff.data ?? []}
        categories={categories}
        teams={teams.data ?? []}
        onMove={move}
        onTake={() => void act(ticket, () => api.assign(ticket.id, user!.id), t('queue.taken', { number: ticket.number }))}
        onEdit={() => setDialog({ kind: 'edit', ticket, etag })}
        onAssign={(assigneeId) => act(ticket, () => api.assign(ticket.id, assigneeId), t('ticket.assigned'))}
        onPriority={(priority) => act(ticket, () => api.updateTicket(ticket.id, { priority }, etag), t('ticket.priorityChanged'))}
        onCategory={(category) => act(ticket, () => api.updateTicket(ticket.id, { category }, etag), t('ticketPage.categoryChanged'))}
        onTeam={(teamId) => act(ticket, () => api.admin.moveTicketToTeam(ticket.id, teamId, etag), t('ticketPage.teamChanged'))}
        onTags={(tags) => act(ticket, () => api.setTags(ticket.id, tags, etag), t('tags.saved'))}
        suggestTags={suggestTags}
      />

      <AttachmentGallery images={images}>
        <div className="ticket-page__columns">
          <div>
            <section aria-labelledby="description-heading" className="card">
              <h2 id="description-heading">{t('ticket.description')}</h2>
              <p className="pre-wrap">{ticket.description}</p>
              <AttachmentList attachments={ticket.attachments} label={t('attachments.title')} />
            </section>
            <Conversation
              ticket={ticket}
              comments={comments}
              history={history}
              isStaff={isStaff}
              mentions={mentionSource}
              onSend={async (body, internal, key, status, attachmentIds, mentions) => {
                await api.addComment(ticket.id, body, internal, key, { status, attachmentIds, mentions });
                refresh(status ? t('composer.sentWith', { status: t(`status.${status}`) }) : t(internal ? 'composer.noteAdded' : 'comment.added'));
              }}
              onApplyMacro={
                isStaff
                  ? async (macro) => {
                      await api.macros.apply(ticket.id, macro.id, newIdempotencyKey());
                      refresh(t('macros.applied', { name: macro.name }));
                    }
                  : undefined
              }
            />
          </div>

          <aside>
            <TicketDetails ticket={ticket} isStaff={isStaff} />
            {sla.data ? <SlaPanel report={sla.data} /> : null}
            <PeopleCard
              ticket={ticket}
              meId={user!.id}
              onCcs={(ccIds) => act(ticket, () => api.setCcs(ticket.id, ccIds, etag), t('people.ccsSaved'))}
              onFollow={(following) => act(ticket, () => api.follow(ticket.id, following), t(following ? 'people.followed' : 'people.unfollowed'))}
              lookUp={lookUpPerson}
            />
            {contact.data ? <RequesterContactCard contact={contact.data} /> : null}
            {isStaff && ticket.links ? (
              <LinksCard
                ticket={ticket}
                onLink={(other, type) => act(ticket, () => api.linkTicket(ticket.id, other, type), t('links.added'))}
                onUnlink={(otherId) => act(ticket, () => api.unlinkTicket(ticket.id, otherId), t('links.removed'))}
                onMerge={() => setDialog({ kind: 'merge', ticket })}
              />
            ) : null}
            {ticket.actions.delete ? <DeleteSection onDelete={() => setDialog({ kind: 'delete' })} /> : null}
          </aside>
        </div>
      </AttachmentGallery>

      {dialog?.kind === 'status' ? (
        <StatusDialog
          ticket={dialog.ticket}
          etag={dialog.etag}
          to={dialog.to}
          requiresNote={dialog.requiresNote}
          onClose={() => setDialog(null)}
          onDone={() => refresh(t('ticket.statusChanged', { status: t(`status.${dialog.to}`) }))}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <TicketFormDialog
          ticket={dialog.ticket}
          etag={dialog.etag}
          onClose={() => setDialog(null)}
          onSaved={() => refresh(t('myTickets.updated', { number: ticket.number }))}
        />
      ) : null}
      {dialog?.kind === 'merge' ? (
        <MergeDialog
          ticket={dialog.ticket}
          onClose={() => setDialog(null)}
          onDone={(merged) => refresh(t('merge.done', { number: merged.number, into: merged.mergedInto?.number ?? '' }))}
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
