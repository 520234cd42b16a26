import { useState } from 'react';
import { PRIORITIES, type Priority, type Ticket } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { isApiError } from '../api/problem';
import { editOnTop, editedFields } from '../lib/conflictMerge';
import { categoryName, useCategories, useCategoryLabel } from '../lib/useCategories';
import { useFormSubmission } from '../lib/useFormSubmission';
import { newIdempotencyKey } from '../lib/useLoad';
import { AttachmentPicker, useUploads } from './AttachmentPicker';
import { ConflictNotice, readStaleWrite, type StaleWrite } from './ConflictNotice';
import { DialogActions } from './DialogActions';
import { ErrorAlert } from './ErrorAlert';
import { Field } from './Field';
import { Modal } from './Modal';

interface Props {
  /** The ticket to edit; omitted to create one. */
  ticket?: Ticket;
  etag?: string;
  onClose: () => void;
  onSaved: (ticket: Ticket) => void;
}

/**
 * Creates a ticket, or edits one. An edit refused because someone else changed the ticket first (412) keeps the
 * dialog open with everything typed, says field by field what changed, and saves only the caller's own fields on top
 * of the fresh ticket ("Aplicar mi cambio encima"), so nothing of theirs is lost unless both changed the same field.
 * A new ticket may bring files (dropped, picked or a pasted screenshot), uploaded at once; it is sent once they are up.
 */
export function TicketFormDialog({ ticket, etag, onClose, onSaved }: Props) {
  const { t, lang } = useI18n();
  const { api } = useAuth();
  const categories = useCategories();
  const [values, setValues] = useState({
    title: ticket?.title ?? '',
    description: ticket?.description ?? '',
    priority: (ticket?.priority ?? 'medium') as Priority,
    category: ticket?.category ?? '',
  });
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<typeof values>(['title', 'description']);
  // One key per dialog: a double submit or a retry after a lost answer creates one ticket.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const categoryWords = useCategoryLabel();
  const [stale, setStale] = useState<StaleWrite | null>(null);
  const [applying, setApplying] = useState(false);
  const [applyError, setApplyError] = useState<unknown>(null);
  const uploads = useUploads();

  /** Writes the caller's own changes on the ticket as the server has it now; a further 412 is read again. */
  const writeOnTop = async (shown: Ticket, tag: string | undefined) => {
    const mine = editedFields(shown, values);
    try {
      onSaved(await api.updateTicket(shown.id, editOnTop(values, mine), tag));
    } catch (err) {
      if (!(isApiError(err) && err.status === 412)) throw err;
      setStale(await readStaleWrite(api, shown, mine, t, categoryWords));
    }
  };

  const apply = async () => {
    if (!stale || !ticket) return;
    setApplying(true);
    setApplyError(null);
    try {
      // The comparison for what is "mine" stays the ticket this dialog opened on.
      const mine = editedFields(ticket, values);
      onSaved(await api.updateTicket(ticket.id, editOnTop(values, mine), stale.etag));
    } catch (err) {
      if (isApiError(err) && err.status === 412) setStale(await readStaleWrite(api, ticket, editedFields(ticket, values), t, categoryWords));
      else setApplyError(err);
    } finally {
      setApplying(false);
    }
  };

  const save = async () => {
    const body = { title: values.title.trim(), description: values.description.trim(), priority: values.priority };
    if (!ticket) {
      if (uploads.queue.uploading) return;
      const attachmentIds = uploads.queue.ids;
      const created = await api.createTicket(
        { ...body, ...(values.category ? { category: values.category } : {}), ...(attachmentIds.length ? { attachmentIds } : {}) },
        idempotencyKey,
      );
      // The files belong to the ticket now: closing the dialog must not delete them as unsent.
      uploads.queue.clear();
      onSaved(created);
      return;
    }
    // After a conflict the caller has seen what changed: saving again puts only their own fields on the fresh ticket.
    if (stale) return writeOnTop(ticket, stale.etag);
    try {
      // An empty category clears it; unchanged, it is not sent.
      const category = values.category !== (ticket.category ?? '') ? { category: values.category } : {};
      onSaved(await api.updateTicket(ticket.id, { ...body, ...category }, etag));
    } catch (err) {
      if (!(isApiError(err) && err.status === 412)) throw err;
      setStale(await readStaleWrite(api, ticket, editedFields(ticket, values), t, categoryWords));
    }
  };

  return (
    <Modal title={ticket ? t('ticketForm.editTitle', { number: ticket.number }) : t('ticketForm.newTitle')} onClose={onClose}>
      <form ref={formRef} onSubmit={(e) => void submit(e, values, save)} noValidate className="form" {...(ticket ? {} : uploads.targetProps)}>
        <ErrorAlert error={error ?? applyError} />
        {stale ? <ConflictNotice stale={stale} busy={applying} onApply={() => void apply()} /> : null}
        <Field label={t('field.title')} name="title" errors={fieldErrors.title} required>
          {(p) => (
            <input
              {...p}
              type="text"
              aria-required="true"
              maxLength={200}
              value={values.title}
              onChange={(e) => setValues({ ...values, title: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('field.description')} name="description" errors={fieldErrors.description} required>
          {(p) => (
            <textarea
              {...p}
              rows={6}
              aria-required="true"
              maxLength={10000}
              value={values.description}
              onChange={(e) => setValues({ ...values, description: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('field.priority')} name="priority" errors={fieldErrors.priority}>
          {(p) => (
            <select {...p} value={values.priority} onChange={(e) => setValues({ ...values, priority: e.target.value as Priority })}>
              {PRIORITIES.map((priority) => (
                <option key={priority} value={priority}>
                  {t(`priority.${priority}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {categories.length > 0 ? (
          <Field label={t('field.category')} name="category" errors={fieldErrors.category}>
            {(p) => (
              <select {...p} value={values.category} onChange={(e) => setValues({ ...values, category: e.target.value })}>
                <option value="">{t('field.categoryNone')}</option>
                {categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {categoryName(c, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {ticket ? null : <AttachmentPicker uploads={uploads} />}
        <DialogActions
          busy={busy}
          disabled={uploads.queue.uploading}
          submitLabel={ticket ? t('ticketForm.save') : t('ticketForm.create')}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
