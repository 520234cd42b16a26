import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FieldErrors } from '../api/problem';
import { useI18n, type I18n } from '../i18n';
import { fieldMessages } from './errorMessages';
import { focusFirstInvalid, hasErrors, requiredErrors } from './forms';

/**
 * The life of every form here: check the required fields (and `check`'s rules, such as the DNI's letter), send, and on a problem show the server's field errors
 * (worded from their codes in the reader's language) next to their fields with focus on the first one. `busy` covers the request; `error` is the last failure.
 */
export function useFormSubmission<T extends object>(
  required: readonly (keyof T & string)[],
  check?: (values: T, t: I18n['t']) => FieldErrors,
) {
  const { t } = useI18n();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // Focus moves once the errors are on screen: after the render that marks the fields, not on a guessed frame.
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0) focusFirstInvalid(formRef.current);
  }, [focusRequest]);

  async function submit(event: FormEvent, values: T, send: () => Promise<void>) {
    event.preventDefault();
    const errors = { ...check?.(values, t), ...requiredErrors(values, required, t('validation.required')) };
    setFieldErrors(errors);
    setError(null);
    if (hasErrors(errors)) return setFocusRequest((n) => n + 1);
    setBusy(true);
    try {
      await send();
    } catch (err) {
      setFieldErrors(fieldMessages(t, err));
      setError(err);
      setFocusRequest((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  return { formRef, fieldErrors, error, busy, submit };
}
