import type { FieldErrors } from '../api/problem';
import { Field } from '../components/Field';
import { useI18n } from '../i18n';
import { DIGEST_HOURS, hourLabel, type DeliverySettings } from '../lib/notificationSettings';

interface DeliveryFieldsProps {
  /** Staff choose instant or digest and the digest hour; requesters only quiet hours (their e-mail is always instant). */
  staff: boolean;
  values: DeliverySettings;
  errors: FieldErrors;
  onChange: (changes: Partial<DeliverySettings>) => void;
}

/** The profile's notification e-mail settings: mode and digest hour (staff), quiet hours (anyone). */
export function DeliveryFields({ staff, values, errors, onChange }: DeliveryFieldsProps) {
  const { t } = useI18n();
  return (
    <fieldset className="field">
      <legend>{t('account.delivery')}</legend>
      {staff ? (
        <>
          <Field label={t('account.notificationMode')} name="notificationMode" errors={errors.notificationMode}>
            {(p) => (
              <select
                {...p}
                value={values.notificationMode}
                onChange={(e) => onChange({ notificationMode: e.target.value as DeliverySettings['notificationMode'] })}
              >
                <option value="instant">{t('account.notificationMode.instant')}</option>
                <option value="digest">{t('account.notificationMode.digest')}</option>
              </select>
            )}
          </Field>
          {values.notificationMode === 'digest' ? (
            <Field
              label={t('account.digestHour')}
              name="digestHour"
              errors={errors.digestHour}
              hint={t('account.digestHour.hint')}
            >
              {(p) => (
                <select {...p} value={values.digestHour} onChange={(e) => onChange({ digestHour: Number(e.target.value) })}>
                  {DIGEST_HOURS.map((hour) => (
                    <option key={hour} value={hour}>
                      {hourLabel(hour)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
        </>
      ) : null}
      <div className="field">
        <label className="checkbox">
          <input
            type="checkbox"
            name="quiet"
            aria-describedby="quiet-hours-hint"
            checked={values.quiet}
            onChange={(e) => onChange({ quiet: e.target.checked })}
          />
          {t('account.quietHours')}
        </label>
        <p id="quiet-hours-hint" className="field__hint">
          {t('account.quietHours.hint')}
        </p>
      </div>
      {values.quiet ? (
        <div className="grid-2">
          <Field
            label={t('account.quietHours.from')}
            name="quietFrom"
            errors={[...(errors['quietHours.from'] ?? []), ...(errors.quietHours ?? [])]}
          >
            {(p) => (
              <input {...p} type="time" value={values.quietFrom} onChange={(e) => onChange({ quietFrom: e.target.value })} />
            )}
          </Field>
          <Field label={t('account.quietHours.to')} name="quietTo" errors={errors['quietHours.to']}>
            {(p) => <input {...p} type="time" value={values.quietTo} onChange={(e) => onChange({ quietTo: e.target.value })} />}
          </Field>
        </div>
      ) : null}
    </fieldset>
  );
}
