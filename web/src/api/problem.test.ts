import { describe, expect, it } from 'vitest';
import { normaliseFieldName, parseFieldErrors, parseRetryAfter } from './problem';

describe('problem details', () => {
  it.each([
    ['email', 'email'],
    ['Email', 'email'],
    ['$.email', 'email'],
    ['body.FirstNames', 'firstNames'],
    ['request.items[0].title', 'title'],
  ])('field name %s is read as %s', (raw, expected) => {
    expect(normaliseFieldName(raw)).toBe(expected);
  });

  it('merges keys that name the same field and drops empty messages', () => {
    expect(parseFieldErrors({ Email: ['taken'], email: ['invalid', ''], dni: [] })).toEqual({ email: ['taken', 'invalid'] });
  });

  it('tolerates a missing errors member', () => {
    expect(parseFieldErrors(undefined)).toEqual({});
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2024-05-01T10:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Wed, 01 May 2024 10:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
