import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/problem';
import type { Ticket, TicketStatus } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ConflictNotice, readStaleWrite, type StaleWrite } from '../../components/ConflictNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { useI18n } from '../../i18n';
import { isDestructive, transitionAction } from '../../lib/transitions';
import { useCategoryLabel } from '../../lib/useCategories';

/**
 * A status move that needs words (a resolution note, a reopen reason, a required note) or a second thought
 * (cancelling, closing). Reversible moves without a note never open it. A move refused because the ticket changed
 * meanwhile (412) keeps the dialog and the typed note, says what changed, and may go on top of the fresh ticket
 * when the status itself was not what changed.
 */
export function StatusDialog({
  ticket,
  etag,
  to,
  requiresNote,
  onClose,
  onDone,
}: {
  ticket: Ticket;
  etag: string | undefined;
  to: TicketStatus;
  requiresNote: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { api } = useAuth();
  const categoryWords = useCategoryLabel();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string[]>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState<StaleWrite | null>(null);
  const danger = isDestructive(ticket.status, to) || to === 'closed';

  async function move(tag: string | undefined) {
    if (requiresNote && !note.trim()) {
      setNoteError([t('validation.required')]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.changeStatus(ticket.id, to, note.trim() || undefined, tag);
      onDone();
    } catch (err) {
      if (isApiError(err) && err.status === 412) setStale(await readStaleWrite(api, ticket, ['status'], t, categoryWords));
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // After a conflict the caller has seen what changed: a second press goes on the fresh ticket.
    void move(stale ? stale.etag : etag);
  };

  const reopens = (ticket.status === 'resolved' || ticket.status === 'closed') && to !== 'closed';
  const label =
    to === 'resolved'
      ? t('ticket.resolutionNote')
      : reopens
        ? t(requiresNote ? 'statusDialog.reopenReason' : 'statusDialog.reopenReasonOptional')
        : requiresNote
          ? t('ticket.note')
          : t('ticket.noteOptional');
  return (
    <Modal title={`${t(transitionAction(ticket.status, to))} · ${ticket.number}`} onClose={onClose}>
      <form onSubmit={submit} noValidate className="form">
        {danger ? <p>{t('ticket.statusConfirm', { from: t(`status.${ticket.status}`), to: t(`status.${to}`) })}</p> : null}
        <ErrorAlert error={error} />
        {stale ? <ConflictNotice stale={stale} busy={busy} onApply={() => void move(stale.etag)} /> : null}
        <Field label={label} name="note" errors={noteError} required={requiresNote}>
          {(p) => <textarea {...p} rows={4} aria-required={requiresNote} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <div className="actions actions--end">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={`button ${danger ? 'button--danger' : 'button--primary'}`} disabled={busy}>
            {busy ? t('common.working') : t('common.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
