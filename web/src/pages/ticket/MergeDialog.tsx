import { useState, type FormEvent } from 'react';
import type { Ticket } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { useI18n } from '../../i18n';

/**
 * Staff merge the ticket into another, named by its number: said plainly what happens (closed as merged, its people
 * copied in there, its public messages copied there) and asked once more. A refusal (a closed target, an unknown
 * number) keeps the dialog and says why.
 */
export function MergeDialog({ ticket, onClose, onDone }: { ticket: Ticket; onClose: () => void; onDone: (merged: Ticket) => void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [into, setInto] = useState('');
  const [intoError, setIntoError] = useState<string[]>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!into.trim()) {
      setIntoError([t('validation.required')]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onDone(await api.mergeTicket(ticket.id, into.trim()));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal title={t('merge.title', { number: ticket.number })} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate className="form" data-testid="merge-dialog">
        <p>{t('merge.explain')}</p>
        <ErrorAlert error={error} />
        <Field label={t('merge.into')} name="merge-into" errors={intoError} required>
          {(p) => <input {...p} value={into} placeholder="TCK-000123" onChange={(e) => setInto(e.target.value)} />}
        </Field>
        <div className="actions actions--end">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button--danger" disabled={busy}>
            {busy ? t('common.working') : t('merge.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
