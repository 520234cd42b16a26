import { useId, type ReactElement } from 'react';
import { useI18n } from '../i18n';

export interface FieldControlProps {
  id: string;
  name: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: string;
  name: string;
  errors?: string[] | undefined;
  hint?: string;
  required?: boolean;
  children: (props: FieldControlProps) => ReactElement;
}

/** A labelled control with its hint and its errors, linked for screen readers. */
export function Field({ label, name, errors, hint, required, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errorId ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true" className="required"> *</span> : null}
      </label>
      {children({ id, name, 'aria-invalid': errorId ? true : undefined, 'aria-describedby': describedBy })}
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <p id={errorId} className="field__error" data-field-error={name}>
          {errors!.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

interface PasswordFieldProps {
  label: string;
  name: string;
  errors?: string[] | undefined;
  /** The account's password as it is (signing in, confirming a change), or a new one, shown with the password rules. */
  kind: 'current' | 'new';
  value: string;
  onChange: (value: string) => void;
}

/** A required password input, filled in by password managers as the current or the new password. */
export function PasswordField({ label, name, errors, kind, value, onChange }: PasswordFieldProps) {
  const { t } = useI18n();
  return (
    <Field label={label} name={name} errors={errors} hint={kind === 'new' ? t('field.password.hint') : undefined} required>
      {(p) => (
        <input
          {...p}
          type="password"
          autoComplete={kind === 'new' ? 'new-password' : 'current-password'}
          aria-required="true"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
