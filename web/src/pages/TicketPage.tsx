import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { readAll } from '../api/tickets';
import { PRIORITIES, type HistoryEvent, type Priority, type Ticket, type TicketStatus, type User } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { PriorityBadge, StatusBadge } from '../components/Badges';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { SlaBadge } from '../components/SlaBadge';
import { SuccessNotice } from '../components/SuccessNotice';
import { TicketFormDialog } from '../components/TicketFormDialog';
import { categoryLabel, useI18n } from '../i18n';
import { describeEvent } from '../lib/history';
import { isDestructive, transitionAction } from '../lib/transitions';
import { newIdempotencyKey, useLoad } from '../lib/useLoad';
import { isApiError, type FieldErrors } from '../api/problem';

type Dialog =
  | { kind: 'status'; to: TicketStatus; requiresNote: boolean }
  | { kind: 'edit' }
  | { kind: 'delete' }
  | null;

export function TicketPage() {
  const { id = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const { api, user, isAdmin, isStaff } = useAuth();
  const navigate = useNavigate();
  const [version, setVersion] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string>();

  const loaded = useLoad(async () => {
    const [{ ticket, etag }, comments, history] = await Promise.all([
      api.getTicket(id),
      readAll((cursor) => api.comments(id, cursor)),
      readAll((cursor) => api.history(id, cursor)),
    ]);
    return { ticket, etag, comments, history };
  }, [id, version]);

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

  const refresh = (message?: string) => {
    setDialog(null);
    setNotice(message);
    setActionError(null);
    setVersion((v) => v + 1);
  };

  async function act(run: () => Promise<unknown>, message: string) {
    setActionError(null);
    try {
      await run();
      refresh(message);
    } catch (err) {
      setActionError(err);
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
  // What this caller may do now, as the server decided it; the page offers exactly these.
  const actions = ticket.actions;
  const noActions =
    actions.transitions.length === 0 && !actions.take && !actions.edit && !actions.delete && !actions.assign && !actions.changePriority;

  return (
    <article className="page ticket-page" aria-labelledby="ticket-title">
      <Link to={isStaff ? '/queue' : '/tickets'} className="back-link">
        ← {t('ticket.back')}
      </Link>
      <header className="ticket-page__header">
        <p className="ticket-card__number">{ticket.number}</p>
        <h1 id="ticket-title">{ticket.title}</h1>
        <div className="badges">
          <StatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} />
          <SlaBadge sla={ticket.sla} />
          {isStaff && ticket.sla.escalationLevel > 0 ? (
            <span className="badge badge--escalation" data-testid="escalation-level">
              {t('sla.escalation', { level: ticket.sla.escalationLevel })}
            </span>
          ) : null}
        </div>
      </header>

      <SuccessNotice message={notice} />
      <ErrorAlert error={actionError} />

      <section aria-labelledby="actions-heading" className="card">
        <h2 id="actions-heading">{t('ticket.actions')}</h2>
        <div className="actions">
          {actions.transitions.map((a) => (
            <button
              key={a.status}
              type="button"
              className={`button ${isDestructive(ticket.status, a.status) ? 'button--danger-outline' : 'button--primary'}`}
              onClick={() => setDialog({ kind: 'status', to: a.status, requiresNote: a.requiresNote })}
            >
              {t(transitionAction(ticket.status, a.status))}
            </button>
          ))}
          {actions.take ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void act(() => api.assign(ticket.id, user!.id), t('queue.taken', { number: ticket.number }))}
            >
              {t('queue.take')}
            </button>
          ) : null}
          {actions.edit ? (
            <button type="button" className="button button--secondary" onClick={() => setDialog({ kind: 'edit' })}>
              {t('common.edit')}
            </button>
          ) : null}
          {actions.delete ? (
            <button type="button" className="button button--danger-outline" onClick={() => setDialog({ kind: 'delete' })}>
              {t('common.delete')}
            </button>
          ) : null}
        </div>
        {noActions ? <p className="muted">{t('ticket.noActions')}</p> : null}
        <div className="inline-forms">
          {actions.assign ? (
            <AssignForm
              ticket={ticket}
              staff={staff.data ?? []}
              onAssign={(assigneeId) =>
                act(() => api.assign(ticket.id, assigneeId), t('ticket.assigned'))
              }
            />
          ) : null}
          {actions.changePriority ? (
            <PriorityForm
              ticket={ticket}
              onChange={(priority) => act(() => api.updateTicket(ticket.id, { priority }, etag), t('ticket.priorityChanged'))}
            />
          ) : null}
        </div>
      </section>

      <div className="ticket-page__columns">
        <div>
          <section aria-labelledby="description-heading" className="card">
            <h2 id="description-heading">{t('ticket.description')}</h2>
            <p className="pre-wrap">{ticket.description}</p>
          </section>

          <section aria-labelledby="comments-heading" className="card">
            <h2 id="comments-heading">
              {t('ticket.comments')} <span className="muted">({comments.length})</span>
            </h2>
            {comments.length === 0 ? <p className="muted">{t('ticket.noComments')}</p> : null}
            <ol className="comments" aria-label={t('ticket.comments')}>
              {comments.map((c) => (
                <li key={c.id} className={`comment${c.internal ? ' comment--internal' : ''}`}>
                  <div className="comment__meta">
                    <strong>{c.author.name}</strong>
                    {c.author.role !== 'user' ? <span className="badge badge--role">{t(`role.${c.author.role}`)}</span> : null}
                    {c.internal ? <span className="badge badge--internal">{t('comment.internal')}</span> : null}
                    <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
                  </div>
                  <p className="pre-wrap">{c.body}</p>
                </li>
              ))}
            </ol>
            {actions.comment ? (
              <CommentForm
                canInternal={actions.internalNote}
                onSubmit={async (body, internal, key) => {
                  await api.addComment(ticket.id, body, internal, key);
                  refresh(t('comment.added'));
                }}
              />
            ) : null}
          </section>
        </div>

        <aside>
          <section aria-labelledby="details-heading" className="card">
            <h2 id="details-heading">{t('ticket.details')}</h2>
            <dl className="details">
              <dt>{t('ticket.requester')}</dt>
              <dd>
                {ticket.requester.name}
                {ticket.requester.department ? <span className="muted"> · {ticket.requester.department}</span> : null}
              </dd>
              <dt>{t('ticket.assignee')}</dt>
              <dd data-testid="assignee">{ticket.assignee?.name ?? t('ticket.unassigned')}</dd>
              {ticket.category ? (
                <>
                  <dt>{t('ticket.category')}</dt>
                  <dd>{categoryLabel(ticket.category, t)}</dd>
                </>
              ) : null}
              <dt>{t('ticket.created')}</dt>
              <dd>{formatDateTime(ticket.createdAt)}</dd>
              <dt>{t('ticket.updated')}</dt>
              <dd>{formatDateTime(ticket.updatedAt)}</dd>
              <dt>{t('ticket.firstResponse')}</dt>
              <dd>{formatDateTime(ticket.firstResponseAt)}</dd>
              {ticket.resolvedAt ? (
                <>
                  <dt>{t('ticket.resolvedAt')}</dt>
                  <dd>{formatDateTime(ticket.resolvedAt)}</dd>
                </>
              ) : null}
              {ticket.closedAt ? (
                <>
                  <dt>{t('ticket.closedAt')}</dt>
                  <dd>{formatDateTime(ticket.closedAt)}</dd>
                </>
              ) : null}
            </dl>
          </section>

          <section aria-labelledby="history-heading" className="card">
            <h2 id="history-heading">{t('ticket.history')}</h2>
            <ol className="history" aria-label={t('ticket.history')}>
              {history.map((e) => (
                <HistoryItem key={e.id} event={e} />
              ))}
            </ol>
          </section>
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
            await api.changeStatus(ticket.id, dialog.to, note || undefined);
            refresh(t('ticket.statusChanged', { status: t(`status.${dialog.to}`) }));
          }}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <TicketFormDialog ticket={ticket} etag={etag} onClose={() => setDialog(null)} onSaved={() => refresh(t('myTickets.updated', { number: ticket.number }))} />
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
            navigate('/tickets');
          }}
        />
      ) : null}
    </article>
  );
}

function AssignForm({ ticket, staff, onAssign }: { ticket: Ticket; staff: User[]; onAssign: (id: string | null) => Promise<void> }) {
  const { t } = useI18n();
  const [value, setValue] = useState(ticket.assignee?.id ?? '');
  const options = useMemo(
    () => [...staff].sort((a, b) => `${a.firstNames} ${a.lastNames}`.localeCompare(`${b.firstNames} ${b.lastNames}`)),
    [staff],
  );
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onAssign(value || null);
      }}
    >
      <div className="field">
        <label htmlFor="assignee-picker">{t('ticket.assignTo')}</label>
        <select id="assignee-picker" value={value} onChange={(e) => setValue(e.target.value)}>
          <option value="">{t('ticket.unassigned')}</option>
          {options.map((u) => (
            <option key={u.id} value={u.id}>
              {u.firstNames} {u.lastNames} ({u.email}) · {t(`role.${u.role}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--secondary" disabled={value === (ticket.assignee?.id ?? '')}>
        {t('ticket.assign')}
      </button>
    </form>
  );
}

function PriorityForm({ ticket, onChange }: { ticket: Ticket; onChange: (p: Priority) => Promise<void> }) {
  const { t } = useI18n();
  const [value, setValue] = useState<Priority>(ticket.priority);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onChange(value);
      }}
    >
      <div className="field">
        <label htmlFor="priority-picker">{t('field.priority')}</label>
        <select id="priority-picker" value={value} onChange={(e) => setValue(e.target.value as Priority)}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--secondary" disabled={value === ticket.priority}>
        {t('ticket.changePriority')}
      </button>
    </form>
  );
}

function CommentForm({
  canInternal,
  onSubmit,
}: {
  canInternal: boolean;
  onSubmit: (body: string, internal: boolean, idempotencyKey: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) {
      setErrors({ body: [t('validation.required')] });
      return;
    }
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      await onSubmit(body.trim(), internal, key);
      setBody('');
      setInternal(false);
      setKey(newIdempotencyKey());
    } catch (err) {
      setErrors(isApiError(err) ? err.fieldErrors : {});
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="form comment-form">
      <ErrorAlert error={error} />
      <Field label={t('comment.label')} name="body" errors={errors.body} required>
        {(p) => <textarea {...p} rows={4} maxLength={5000} aria-required="true" value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <div className="actions actions--between">
        {canInternal ? (
          <label className="checkbox">
            <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
            {t('comment.internalToggle')}
          </label>
        ) : (
          <span />
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.working') : t('comment.submit')}
        </button>
      </div>
    </form>
  );
}

function HistoryItem({ event }: { event: HistoryEvent }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const lines = describeEvent(event, i18n);
  return (
    <li className="history__item" data-event-type={event.type}>
      <div>
        <strong>{t(`history.type.${event.type}`)}</strong> <span className="muted">· {event.actor?.name ?? t('history.system')}</span>
      </div>
      <time dateTime={event.at}>{formatDateTime(event.at)}</time>
      {lines.length > 0 ? (
        <ul className="history__changes">
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
