import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field, PasswordField } from '../components/Field';
import { useI18n } from '../i18n';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useDocumentTitle } from '../lib/useDocumentTitle';

interface LoginState {
  from?: string;
  registeredEmail?: string;
  /** Arrived from /reset-password after choosing a password. */
  passwordReset?: boolean;
}

export function Login() {
  const { t } = useI18n();
  useDocumentTitle(t('login.title'));
  const { login, expired } = useAuth();
  const navigate = useNavigate();
  const state = (useLocation().state ?? {}) as LoginState;
  const [values, setValues] = useState({ email: state.registeredEmail ?? '', password: '' });
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<typeof values>(['email', 'password']);
  // Wrong e-mail or password gets one plain sentence, whatever the server's wording.
  const message = isApiError(error) && error.status === 401 ? t('login.invalid') : undefined;

  const signIn = async () => {
    const user = await login(values.email.trim(), values.password);
    // Staff start from their work queue, everyone else from their own requests.
    const home = user.role === 'user' ? '/tickets' : '/queue';
    navigate(state.from ?? home, { replace: true });
  };


  return (
    <section className="page narrow">
      <h1>{t('login.title')}</h1>
      {state.registeredEmail ? (
        <p role="status" className="alert alert--success">
          {t('register.done')}
        </p>
      ) : null}
      {state.passwordReset ? (
        <p role="status" className="alert alert--success">
          {t('reset.done')}
        </p>
      ) : null}
      {expired && !state.registeredEmail && !state.passwordReset ? (
        <p role="status" className="alert alert--info">
          {t('login.expired')}
        </p>
      ) : null}
      <ErrorAlert error={error} message={message} />
      <form ref={formRef} onSubmit={(e) => void submit(e, values, signIn)} noValidate className="form card">
        <Field label={t('field.email')} name="email" errors={fieldErrors.email} required>
          {(p) => (
            <input
              {...p}
              type="email"
              autoComplete="username"
              aria-required="true"
              value={values.email}
              onChange={(e) => setValues({ ...values, email: e.target.value })}
            />
          )}
        </Field>
        <PasswordField
          label={t('field.password')}
          name="password"
          errors={fieldErrors.password}
          kind="current"
          value={values.password}
          onChange={(password) => setValues({ ...values, password })}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.working') : t('login.submit')}
        </button>
      </form>
      <p>
        <Link to="/forgot-password">{t('login.forgot')}</Link>
      </p>
      <p>
        {t('login.noAccount')} <Link to="/register">{t('login.registerLink')}</Link>
      </p>
    </section>
  );
}
