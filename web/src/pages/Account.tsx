import { useMemo, useState } from 'react';
import type { UpdateProfileRequest, User } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { Field, PasswordField } from '../components/Field';
import { SuccessNotice } from '../components/SuccessNotice';
import { LANGS, useI18n, type Lang } from '../i18n';
import { browserTimeZone, initialTimeZone, timeZoneChoices } from '../lib/timeZones';
import { deliveryChanges, deliverySettingsOf, isStaff, type DeliverySettings } from '../lib/notificationSettings';
import { useFormSubmission } from '../lib/useFormSubmission';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { DeliveryFields } from './AccountDelivery';

/**
 * `timeZone` on the profile (PATCH /me, shown in the user view; null until chosen). Spelled out here until the generated
 * types carry it; the server's field, not a web invention.
 */
type WithTimeZone<T> = T & { timeZone?: string | null };

interface ProfileForm extends DeliverySettings {
  firstNames: string;
  lastNames: string;
  phone: string;
  department: string;
  language: Lang;
  emailNotifications: boolean;
  timeZone: string;
}

const REQUIRED = ['firstNames', 'lastNames', 'phone', 'department'] as const;
const TEXT_FIELDS = [
  ['firstNames', 'text', 'given-name'],
  ['lastNames', 'text', 'family-name'],
  ['phone', 'tel', 'tel'],
  ['department', 'text', 'organization-title'],
] as const;

/** "My account": the signed-in person's own profile and preferences (PATCH /me). */
export function Account() {
  const { user, updateProfile } = useAuth();
  const { t, setLang } = useI18n();
  useDocumentTitle(t('account.title'));
  const [values, setValues] = useState<ProfileForm>(() => ({
    firstNames: user?.firstNames ?? '',
    lastNames: user?.lastNames ?? '',
    phone: user?.phone ?? '',
    department: user?.department ?? '',
    language: user?.language === 'en' ? 'en' : 'es',
    emailNotifications: user?.emailNotifications ?? true,
    timeZone: initialTimeZone((user as WithTimeZone<User> | null)?.timeZone),
    ...deliverySettingsOf(user),
  }));
  const browserZone = browserTimeZone();
  const zones = useMemo(() => timeZoneChoices(values.timeZone, browserZone), [values.timeZone, browserZone]);
  // A flag, not a sentence: saving may switch the language, and the notice must follow it.
  const [saved, setSaved] = useState(false);
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<ProfileForm>(REQUIRED);
  if (!user) return null;
  const staff = isStaff(user);

  const send = async () => {
    setSaved(false);
    const changes: WithTimeZone<UpdateProfileRequest> = {
      firstNames: values.firstNames.trim(),
      lastNames: values.lastNames.trim(),
      phone: values.phone.trim(),
      department: values.department.trim(),
      language: values.language,
      emailNotifications: values.emailNotifications,
      timeZone: values.timeZone,
      ...deliveryChanges(values, staff),
    };
    const saved = await updateProfile(changes);
    if (saved.language === 'es' || saved.language === 'en') setLang(saved.language);
    setSaved(true);
  };

  return (
    <section className="page page--narrow" aria-labelledby="account-heading">
      <h1 id="account-heading">{t('account.title')}</h1>
      <p className="muted">
        {user.email} · {t(`role.${user.role}`)}
      </p>
      <SuccessNotice message={saved ? t('account.saved') : null} />
      <ErrorAlert error={error} />
      <form ref={formRef} className="card form" noValidate onSubmit={(e) => void submit(e, values, send)}>
        <h2>{t('account.profile')}</h2>
        <div className="grid-2">
          {TEXT_FIELDS.map(([name, type, autoComplete]) => (
            <Field key={name} label={t(`field.${name}`)} name={name} errors={fieldErrors[name]} required>
              {(p) => (
                <input
                  {...p}
                  type={type}
                  autoComplete={autoComplete}
                  aria-required="true"
                  value={values[name]}
                  onChange={(e) => setValues({ ...values, [name]: e.target.value })}
                />
              )}
            </Field>
          ))}
        </div>
        <h2>{t('account.preferences')}</h2>
        <Field label={t('account.language')} name="language" errors={fieldErrors.language}>
          {(p) => (
            <select {...p} value={values.language} onChange={(e) => setValues({ ...values, language: e.target.value as Lang })}>
              {LANGS.map((lang) => (
                <option key={lang} value={lang} lang={lang}>
                  {t(`account.language.${lang}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('account.timeZone')} name="timeZone" errors={fieldErrors.timeZone} hint={t('account.timeZone.hint')}>
          {(p) => (
            <select {...p} value={values.timeZone} onChange={(e) => setValues({ ...values, timeZone: e.target.value })}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone === browserZone ? t('account.timeZone.browser', { zone }) : zone}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              name="emailNotifications"
              aria-describedby="email-notifications-hint"
              checked={values.emailNotifications}
              onChange={(e) => setValues({ ...values, emailNotifications: e.target.checked })}
            />
            {t('account.emailNotifications')}
          </label>
          <p id="email-notifications-hint" className="field__hint">
            {t('account.emailNotifications.hint')}
          </p>
        </div>
        <DeliveryFields
          staff={staff}
          values={values}
          errors={fieldErrors}
          onChange={(changes) => setValues({ ...values, ...changes })}
        />
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('common.working') : t('account.save')}
          </button>
        </div>
      </form>
      <PasswordChange />
    </section>
  );
}

/** POST /me/password: needs the current password; every other session ends, this one is renewed with the new password. */
function PasswordChange() {
  const { t } = useI18n();
  const { changePassword } = useAuth();
  const empty = { currentPassword: '', newPassword: '' };
  const [values, setValues] = useState(empty);
  const [changed, setChanged] = useState(false);
  const { formRef, fieldErrors, error, busy, submit } = useFormSubmission<typeof values>(['currentPassword', 'newPassword']);

  const send = async () => {
    setChanged(false);
    await changePassword(values.currentPassword, values.newPassword);
    setValues(empty);
    setChanged(true);
  };

  return (
    <form
      ref={formRef}
      className="card form"
      noValidate
      aria-labelledby="password-heading"
      onSubmit={(e) => void submit(e, values, send)}
    >
      <h2 id="password-heading">{t('account.password')}</h2>
      <SuccessNotice message={changed ? t('account.passwordChanged') : null} />
      <ErrorAlert error={error} />
      <div className="grid-2">
        <PasswordField
          label={t('account.currentPassword')}
          name="currentPassword"
          errors={fieldErrors.currentPassword}
          kind="current"
          value={values.currentPassword}
          onChange={(currentPassword) => setValues({ ...values, currentPassword })}
        />
        <PasswordField
          label={t('account.newPassword')}
          name="newPassword"
          errors={fieldErrors.newPassword}
          kind="new"
          value={values.newPassword}
          onChange={(newPassword) => setValues({ ...values, newPassword })}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('common.working') : t('account.changePassword')}
        </button>
      </div>
    </form>
  );
}
