import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field } from '../components/Field';
import { useI18n } from '../i18n';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** "Forgot my password": asks for a reset link. The server answers the same whether or not the account exists. */
export function ForgotPassword() {
  const { t } = useI18n();
  useDocumentTitle(t('forgot.title'));
  const { api } = useAuth();
  const [values, setValues] = useState({ email: '' });
  const [sentTo, setSentTo] = useState<string>();
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<typeof values>(['email']);
  const message = isApiError(error) && error.status === 429 ? t('forgot.tooMany') : undefined;

  const send = async () => {
    setSentTo(undefined);
    const email = values.email.trim();
    await api.forgotPassword({ email });
    setSentTo(email);
  };

  return (
    <section className="page narrow" aria-labelledby="forgot-heading">
      <h1 id="forgot-heading">{t('forgot.title')}</h1>
      <p className="muted">{t('forgot.lead')}</p>
      {sentTo ? (
        <p role="status" className="alert alert--success">
          {t('forgot.sent', { email: sentTo })}
        </p>
      ) : null}
      <ErrorAlert error={error} message={message} />
      <form ref={formRef} onSubmit={(e) => void submit(e, values, send)} noValidate className="form card">
        <Field label={t('field.email')} name="email" errors={fieldErrors.email} required>
          {(p) => (
            <input
              {...p}
              type="email"
              autoComplete="username"
              aria-required="true"
              value={values.email}
              onChange={(e) => setValues({ email: e.target.value })}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.working') : t('forgot.submit')}
        </button>
      </form>
      <p>
        <Link to="/login">{t('forgot.backToLogin')}</Link>
      </p>
    </section>
  );
}
