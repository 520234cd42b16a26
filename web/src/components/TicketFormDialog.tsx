import { useState } from 'react';
import { PRIORITIES, type Priority, type Ticket } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { useFormSubmission } from '../lib/useFormSubmission';
import { newIdempotencyKey } from '../lib/useLoad';
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

export function TicketFormDialog({ ticket, etag, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [values, setValues] = useState({
    title: ticket?.title ?? '',
    description: ticket?.description ?? '',
    priority: (ticket?.priority ?? 'medium') as Priority,
  });
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<typeof values>(['title', 'description']);
  // One key per dialog: a double submit or a retry after a lost answer creates one ticket.
  const [idempotencyKey] = useState(newIdempotencyKey);

  const save = async () => {
    const body = { title: values.title.trim(), description: values.description.trim(), priority: values.priority };
    onSaved(ticket ? await api.updateTicket(ticket.id, body, etag) : await api.createTicket(body, idempotencyKey));
  };

  return (
    <Modal title={ticket ? t('ticketForm.editTitle', { number: ticket.number }) : t('ticketForm.newTitle')} onClose={onClose}>
      <form ref={formRef} onSubmit={(e) => void submit(e, values, save)} noValidate className="form">
        <ErrorAlert error={error} />
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
        <DialogActions busy={busy} submitLabel={ticket ? t('ticketForm.save') : t('ticketForm.create')} onCancel={onClose} />
      </form>
    </Modal>
  );
}
