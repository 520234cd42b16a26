import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/**
 * The page a registration e-mail's link opens (`/register/confirm?token=…`). The account is made when the person presses
 * the button, not when the page loads: a mail scanner that opens links must not use up the one-time link.
 */
export function RegisterConfirm() {
  const { t } = useI18n();
  useDocumentTitle(t('confirm.title'));
  const { confirmRegistration } = useAuth();
  const navigate = useNavigate();
  const token = useSearchParams()[0].get('token') ?? '';
  const { formRef, error, busy, submit } = useFormSubmission<Record<string, never>>([]);
  const invalidLink = isApiError(error) && error.problem.code === 'invalid_registration_link';

  const confirm = async () => {
    await confirmRegistration(token);
    navigate('/tickets', { replace: true });
  };

  return (
    <section className="page narrow" aria-labelledby="confirm-heading">
      <h1 id="confirm-heading">{t('confirm.title')}</h1>
      <p className="muted">{t('confirm.lead')}</p>
      {!token ? (
        <p role="alert" className="alert alert--error">
          {t('confirm.noToken')}
        </p>
      ) : null}
      {invalidLink ? (
        <div role="alert" className="alert alert--error">
          <p>
            {t('confirm.invalidLink')} <Link to="/register">{t('confirm.registerAgain')}</Link>
          </p>
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
      <form ref={formRef} onSubmit={(e) => void submit(e, {}, confirm)} noValidate className="form card">
        <button type="submit" className="button button--primary" disabled={busy || !token}>
          {busy ? t('common.working') : t('confirm.submit')}
        </button>
      </form>
    </section>
  );
}
