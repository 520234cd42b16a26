import { describe, expect, it } from 'vitest';
import { addTags, isValidTag, normalizeTag, TAGS_PER_TICKET } from './tags';

describe('normalizeTag', () => {
  it('folds case and accents, trims and collapses spaces as the server stores tags', () => {
    expect(normalizeTag('  Impresión   Sala 2 ')).toBe('impresion sala 2');
    expect(normalizeTag('VPN')).toBe('vpn');
  });
});

describe('isValidTag', () => {
  it('accepts letters, digits, spaces, dashes, underscores and dots up to 40 characters', () => {
    expect(isValidTag('v1.2_red-wifi ñ')).toBe(true);
    expect(isValidTag('x'.repeat(40))).toBe(true);
  });

  it('refuses empty, too long, commas and other symbols', () => {
    expect(isValidTag('')).toBe(false);
    expect(isValidTag('x'.repeat(41))).toBe(false);
    expect(isValidTag('a,b')).toBe(false);
    expect(isValidTag('urgente!')).toBe(false);
  });
});

describe('addTags', () => {
  it('adds each comma-separated tag once, normalised', () => {
    expect(addTags(['vpn'], 'VPN, Red ,red')).toEqual({ tags: ['vpn', 'red'], invalid: [], full: false });
  });

  it('names what cannot be a tag and stops at the limit', () => {
    const many = Array.from({ length: TAGS_PER_TICKET }, (_, i) => `t${i}`);
    expect(addTags([], 'ok, ¡mal!').invalid).toEqual(['¡mal!']);
    expect(addTags(many, 'otra')).toEqual({ tags: many, invalid: [], full: true });
  });
});
