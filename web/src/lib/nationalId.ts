import type { FieldErrors } from '../api/problem';
import type { I18n } from '../i18n';

/**
 * The Spanish identity numbers an account's `dni` takes — the same rule as the server's (`NationalId` in
 * Tickets.Shared/Common): a DNI (`12345678Z`), a NIE (`X1234567L`: X/Y/Z stand for 0/1/2, then the DNI rule), or 5 to 15
 * digits as older accounts have. The letter is `TRWAGMYFPDXBNJZSQVHLCKE`[number mod 23]. Spaces, hyphens and dots are
 * ignored and letters upper-cased.
 */
export const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** `ok`, `shape` (neither a DNI, a NIE nor 5–15 digits) or `letter` (the control letter does not match). */
export type NationalIdCheck = 'ok' | 'shape' | 'letter';

/** Upper case, without spaces, hyphens and dots: the form the server stores. */
export function normalizeNationalId(value: string): string {
  return value.replace(/[\s.-]/g, '').toUpperCase();
}

export function checkNationalId(value: string): NationalIdCheck {
  const id = normalizeNationalId(value);
  if (/^[0-9]{5,15}$/.test(id)) return 'ok';
  const match = /^([0-9XYZ])([0-9]{7})([A-Z])$/.exec(id);
  if (!match) return 'shape';
  const first = 'XYZ'.indexOf(match[1]);
  const number = Number((first >= 0 ? String(first) : match[1]) + match[2]);
  return DNI_LETTERS[number % 23] === match[3] ? 'ok' : 'letter';
}

/**
 * The `dni` field's error in the reader's words, for forms that have one (registration, an admin's new account); an
 * empty field is left to the required check.
 */
export function dniFieldErrors(values: { dni: string }, t: I18n['t']): FieldErrors {
  if (values.dni.trim() === '') return {};
  switch (checkNationalId(values.dni)) {
    case 'shape':
      return { dni: [t('fieldError.invalid_dni')] };
    case 'letter':
      return { dni: [t('fieldError.dni_letter')] };
    default:
      return {};
  }
}
