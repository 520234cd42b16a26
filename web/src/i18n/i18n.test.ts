import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';
import { interpolate } from './interpolate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const esKeys = Object.keys(es).sort();
  const enKeys = Object.keys(en).sort();

  it('English has exactly the Spanish keys', () => {
    expect(enKeys.filter((k) => !(k in es))).toEqual([]);
    expect(esKeys.filter((k) => !(k in en))).toEqual([]);
  });

  it.each(['es', 'en'] as const)('no %s message is empty', (lang) => {
    const dict: Record<string, string> = lang === 'es' ? es : en;
    expect(Object.entries(dict).filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('both languages use the same placeholders in each message', () => {
    const mismatched = esKeys.filter(
      (k) => placeholders((es as Record<string, string>)[k]).join() !== placeholders((en as Record<string, string>)[k]).join(),
    );
    expect(mismatched).toEqual([]);
  });

  it('every key used in the source exists', async () => {
    const sources = import.meta.glob('../**/*.tsx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      // Literal keys only: t('a.b') or t("a.b"); template keys are checked by the compiler.
      for (const m of text.matchAll(/\bt\(\s*['"]([\w.]+)['"]/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !(k in es))).toEqual([]);
  });
});

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Ticket {number} by {name}', { number: 'TCK-000001' })).toBe('Ticket TCK-000001 by {name}');
  });
});
