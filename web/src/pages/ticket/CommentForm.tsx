import { useState, type FormEvent } from 'react';
import type { FieldErrors } from '../../api/problem';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import { fieldMessages } from '../../lib/errorMessages';
import { newIdempotencyKey } from '../../lib/useLoad';

/** A public comment, or (staff) an internal note; one idempotency key per comment, so a retry posts it once. */
export function CommentForm({
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
      setErrors(fieldMessages(t, err));
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
