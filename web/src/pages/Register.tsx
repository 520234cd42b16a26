import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { RegistrationForm } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { EMPTY_REGISTRATION, REGISTRATION_FIELDS, UserFields } from '../components/UserFields';
import { useI18n } from '../i18n';
import { dniFieldErrors } from '../lib/nationalId';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/**
 * Sign-up. Where the API verifies e-mail addresses (its default) every well-formed request is answered alike and the
 * account exists once the mailed link is opened (`/register/confirm`, which signs the person in): the page then says to
 * check the inbox. Without verification the account exists at once and the person is signed in straight away.
 */
export function Register() {
  const { t, lang } = useI18n();
  useDocumentTitle(t('register.title'));
  const { api, login } = useAuth();
  const navigate = useNavigate();
  const [values, setValues] = useState<RegistrationForm>(EMPTY_REGISTRATION);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<RegistrationForm>(REGISTRATION_FIELDS, dniFieldErrors);

  const register = async () => {
    const trimmed = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, k === 'password' ? v : v.trim()]),
    ) as unknown as RegistrationForm;
    // The confirmation e-mail, and later ones, are written in the language the person is reading now.
    const outcome = await api.register({ ...trimmed, language: lang });
    if ('verificationSent' in outcome) return setSentTo(trimmed.email);
    // Where the API does not verify addresses the account exists now: sign in with what was just typed. Should that
    // fail (a throttled sign-in), the login page takes over with the e-mail filled in.
    try {
      await login(trimmed.email, trimmed.password);
      navigate('/tickets', { replace: true });
    } catch {
      navigate('/login', { state: { registeredEmail: trimmed.email } });
    }
  };

  if (sentTo !== null) {
    return (
      <section className="page narrow" aria-labelledby="register-sent-heading">
        <h1 id="register-sent-heading">{t('register.sentTitle')}</h1>
        <p role="status" className="alert alert--success">
          {t('register.sent', { email: sentTo })}
        </p>
        <p>
          <Link to="/login">{t('register.loginLink')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="page narrow-wide">
      <h1>{t('register.title')}</h1>
      <p className="muted">{t('register.lead')}</p>
      <ErrorAlert error={error} />
      <form ref={formRef} onSubmit={(e) => void submit(e, values, register)} noValidate className="form card">
        <UserFields values={values} errors={fieldErrors} onChange={setValues} />
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.working') : t('register.submit')}
        </button>
      </form>
      <p>
        {t('register.haveAccount')} <Link to="/login">{t('register.loginLink')}</Link>
      </p>
    </section>
  );
}
