import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { RegistrationForm } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { EMPTY_REGISTRATION, REGISTRATION_FIELDS, UserFields } from '../components/UserFields';
import { useI18n } from '../i18n';
import { useFormSubmission } from '../lib/useFormSubmission';

export function Register() {
  const { t } = useI18n();
  const { api } = useAuth();
  const navigate = useNavigate();
  const [values, setValues] = useState<RegistrationForm>(EMPTY_REGISTRATION);
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<RegistrationForm>(REGISTRATION_FIELDS);

  const register = async () => {
    const trimmed = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, k === 'password' ? v : v.trim()]),
    ) as unknown as RegistrationForm;
    await api.register(trimmed);
    navigate('/login', { state: { registeredEmail: trimmed.email } });
  };

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
