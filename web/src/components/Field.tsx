import { useId, type ReactElement } from 'react';

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
