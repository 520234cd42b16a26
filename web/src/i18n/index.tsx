import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en';
import { es, type MessageKey } from './es';
import { interpolate, type Vars } from './interpolate';

export type Lang = 'es' | 'en';
export const LANGS: readonly Lang[] = ['es', 'en'];
export const dictionaries: Record<Lang, Record<MessageKey, string>> = { es, en };
export type { MessageKey };

export type { Vars };

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  return interpolate(dictionaries[lang][key] ?? dictionaries.es[key] ?? key, vars);
}

const STORAGE_KEY = 'tickets.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'es' || saved === 'en') return saved;
  } catch {
    // Storage disabled: fall back to the default.
  }
  return 'es';
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: MessageKey, vars?: Vars) => string;
  locale: string;
  formatDate: (iso: string | null | undefined) => string;
  formatDateTime: (iso: string | null | undefined) => string;
  formatNumber: (value: number, digits?: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

/** `lang` starts the interface in that language instead of the stored choice (tests render both). */
export function I18nProvider({ children, lang: start }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => start ?? initialLang());

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; the choice still holds for this visit.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const locale = lang === 'es' ? 'es-ES' : 'en-GB';
    const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dateTimeFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const fmt = (f: Intl.DateTimeFormat) => (iso: string | null | undefined) => {
      if (!iso) return '—';
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? '—' : f.format(date);
    };
    return {
      lang,
      setLang,
      locale,
      t: (key, vars) => translate(lang, key, vars),
      formatDate: fmt(dateFmt),
      formatDateTime: fmt(dateTimeFmt),
      formatNumber: (n, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

const KNOWN_CATEGORIES = ['hardware', 'software', 'network', 'access', 'other'] as const;

/** The default categories are translated; a category an organisation configured itself is shown as configured. */
export function categoryLabel(category: string, t: (key: MessageKey) => string): string {
  return (KNOWN_CATEGORIES as readonly string[]).includes(category) ? t(`category.${category}` as MessageKey) : category;
}
