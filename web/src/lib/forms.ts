import type { FieldErrors } from '../api/problem';

/**
 * Client-side checks are "required" and the few rules the web shares with the server (the DNI's letter:
 * `nationalId.ts`); every other rule (formats, lengths, uniqueness) is the server's, whose problem+json field errors
 * the forms show next to each field.
 */
export function requiredErrors<T extends object>(values: T, required: readonly (keyof T & string)[], message: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const key of required) {
    const value = values[key];
    if (typeof value !== 'string' || value.trim() === '') errors[key] = [message];
  }
  return errors;
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}

/** Moves focus to the first invalid control so keyboard and screen-reader users land on it. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
