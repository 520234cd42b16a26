import { describe, expect, it } from 'vitest';
import { checkNationalId, dniFieldErrors, normalizeNationalId } from './nationalId';

describe('the DNI/NIE rule (the same as the server)', () => {
  it.each(['12345678Z', '00000000T', '87654321X'])('accepts the DNI %s with its letter', (dni) => {
    expect(checkNationalId(dni)).toBe('ok');
  });

  it.each(['X1234567L', 'Y1234567X', 'Z1234567R'])('accepts the NIE %s (X/Y/Z as 0/1/2)', (nie) => {
    expect(checkNationalId(nie)).toBe('ok');
  });

  it.each(['12345678A', 'X1234567Z', 'z1234567l'])('finds the wrong letter in %s', (id) => {
    expect(checkNationalId(id)).toBe('letter');
  });

  it.each(['12345', '10000001', '123456789012345'])('still accepts the digits-only id %s', (id) => {
    expect(checkNationalId(id)).toBe('ok');
  });

  it.each(['', '1234', '1234567890123456', 'A1234567L', 'X123456L', '123456789Z', '12345678Ñ', '１２３４５'])(
    'refuses the shape of %j',
    (id) => {
      expect(checkNationalId(id)).toBe('shape');
    },
  );

  it.each([
    ['12345678-z', '12345678Z'],
    [' x 1234567 l ', 'X1234567L'],
    ['12.345.678-Z', '12345678Z'],
  ])('ignores separators and case in %j', (typed, stored) => {
    expect(checkNationalId(typed)).toBe('ok');
    expect(normalizeNationalId(typed)).toBe(stored);
  });

  it('words the field error from the problem, leaving an empty field to the required check', () => {
    const t = (key: string) => key;
    expect(dniFieldErrors({ dni: '12345678A' }, t as never)).toEqual({ dni: ['fieldError.dni_letter'] });
    expect(dniFieldErrors({ dni: 'abc' }, t as never)).toEqual({ dni: ['fieldError.invalid_dni'] });
    expect(dniFieldErrors({ dni: ' ' }, t as never)).toEqual({});
    expect(dniFieldErrors({ dni: 'x-1234567-l' }, t as never)).toEqual({});
  });
});
