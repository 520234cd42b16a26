import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n';
import { ErrorAlert } from './ErrorAlert';
import { Field } from './Field';
import { Modal } from './Modal';

interface Props {
  title: string;
  message?: string;
  confirmLabel: string;
  danger?: boolean;
  /** Asks for a note; `required` refuses to confirm without one. */
  note?: { label: string; required: boolean };
  onConfirm: (note: string) => Promise<void>;
  onClose: () => void;
}

export function ConfirmDialog({ title, message, confirmLabel, danger, note, onConfirm, onClose }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [noteError, setNoteError] = useState<string[]>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (note?.required && !text.trim()) {
      setNoteError([t('validation.required')]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onConfirm(text.trim());
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Modal title={title} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate className="form">
        {message ? <p>{message}</p> : null}
        <ErrorAlert error={error} />
        {note ? (
          <Field label={note.label} name="note" errors={noteError} required={note.required}>
            {(p) => (
              <textarea
                {...p}
                rows={4}
                aria-required={note.required}
                value={text}
                onChange={(e) => setText(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <div className="actions actions--end">
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={`button ${danger ? 'button--danger' : 'button--primary'}`} disabled={busy}>
            {busy ? t('common.working') : confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
