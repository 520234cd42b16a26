import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordField } from '../components/Field';
import { useI18n } from '../i18n';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/**
 * The page an e-mailed link opens (`/reset-password?token=…`): a forgotten password or an invitation. The link works
 * once; saving ends every session of the account, so the person signs in afresh.
 */
export function ResetPassword() {
  const { t } = useI18n();
  useDocumentTitle(t('reset.title'));
  const { api, user, logout } = useAuth();
  const navigate = useNavigate();
  const token = useSearchParams()[0].get('token') ?? '';
  const [values, setValues] = useState({ newPassword: '' });
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<typeof values>(['newPassword']);
  const invalidLink = isApiError(error) && error.problem.code === 'invalid_password_link';

  const save = async () => {
    await api.resetPassword({ token, newPassword: values.newPassword });
    // Every session of that account has just ended; whoever was signed in here starts again too.
    if (user) await logout();
    navigate('/login', { replace: true, state: { passwordReset: true } });
  };

  return (
    <section className="page narrow" aria-labelledby="reset-heading">
      <h1 id="reset-heading">{t('reset.title')}</h1>
      <p className="muted">{t('reset.lead')}</p>
      {!token ? (
        <p role="alert" className="alert alert--error">
          {t('reset.noToken')} <Link to="/forgot-password">{t('reset.askAgain')}</Link>
        </p>
      ) : null}
      {invalidLink ? (
        <div role="alert" className="alert alert--error">
          <p>
            {t('reset.invalidLink')} <Link to="/forgot-password">{t('reset.askAgain')}</Link>
          </p>
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
      <form ref={formRef} onSubmit={(e) => void submit(e, values, save)} noValidate className="form card">
        <PasswordField
          label={t('reset.newPassword')}
          name="newPassword"
          errors={fieldErrors.newPassword}
          kind="new"
          value={values.newPassword}
          onChange={(newPassword) => setValues({ newPassword })}
        />
        <button type="submit" className="button button--primary" disabled={busy || !token}>
          {busy ? t('common.working') : t('reset.submit')}
        </button>
      </form>
    </section>
  );
}
