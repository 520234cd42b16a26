import type { FieldErrors } from '../api/problem';
import type { RegistrationForm } from '../api/types';
import { useI18n } from '../i18n';
import { Field } from './Field';

export const EMPTY_REGISTRATION: RegistrationForm = {
  dni: '',
  phone: '',
  firstNames: '',
  lastNames: '',
  department: '',
  email: '',
  password: '',
};

export const REGISTRATION_FIELDS = ['dni', 'phone', 'firstNames', 'lastNames', 'department', 'email', 'password'] as const;

/**
 * The registration fields, shared by self-registration and the admin's "create staff" form (which leaves the password
 * out when it invites the person to choose their own).
 */
export function UserFields({
  values,
  errors,
  onChange,
  withPassword = true,
}: {
  values: RegistrationForm;
  errors: FieldErrors;
  onChange: (values: RegistrationForm) => void;
  withPassword?: boolean;
}) {
  const { t } = useI18n();
  const input = (
    name: keyof RegistrationForm,
    type: string,
    autoComplete: string,
    extra: { inputMode?: 'tel'; hint?: string; autoCapitalize?: string } = {},
  ) => (
    <Field label={t(`field.${name}`)} name={name} errors={errors[name]} hint={extra.hint} required>
      {(p) => (
        <input
          {...p}
          type={type}
          autoComplete={autoComplete}
          inputMode={extra.inputMode}
          autoCapitalize={extra.autoCapitalize}
          aria-required="true"
          value={values[name]}
          onChange={(e) => onChange({ ...values, [name]: e.target.value })}
        />
      )}
    </Field>
  );
  return (
    <div className="grid-2">
      {input('dni', 'text', 'off', { autoCapitalize: 'characters', hint: t('field.dni.hint') })}
      {input('phone', 'tel', 'tel', { inputMode: 'tel', hint: t('field.phone.hint') })}
      {input('firstNames', 'text', 'given-name')}
      {input('lastNames', 'text', 'family-name')}
      {input('department', 'text', 'organization-title')}
      {input('email', 'email', 'email')}
      {withPassword ? input('password', 'password', 'new-password', { hint: t('field.password.hint') }) : null}
    </div>
  );
}
