import { useCallback, useEffect, useState } from 'react';
import type { Category } from '../api/admin';
import { useAuth } from '../auth/AuthContext';
import { categoryLabel, useI18n, type Lang } from '../i18n';

let cached: Promise<Category[]> | null = null;

/** Forgets the shared list, so the next form reads it again (after an admin changed the categories). */
export function forgetCategories(): void {
  cached = null;
}

/**
 * The active ticket categories (GET /categories), in their order, fetched once per page load and shared by every
 * form; empty until they arrive, or if they cannot be read (the forms then offer no category).
 */
export function useCategories(): Category[] {
  const { api } = useAuth();
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    let current = true;
    cached ??= api.admin.categories().catch((err: unknown) => {
      cached = null;
      throw err;
    });
    cached.then(
      (items) => current && setCategories(items),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api]);
  return categories;
}

/** A category's name in the reader's language: the English name when there is one and the reader reads English. */
export function categoryName(category: Pick<Category, 'name' | 'nameEn'>, lang: Lang): string {
  return lang === 'en' && category.nameEn ? category.nameEn : category.name;
}

/**
 * Words for a ticket's category slug: its configured name in the reader's language, or (for a category no longer
 * active, so not in the list) the slug itself, translated when it is one of the defaults.
 */
export function useCategoryLabel(): (slug: string) => string {
  const categories = useCategories();
  const { t, lang } = useI18n();
  return useCallback(
    (slug: string) => {
      const category = categories.find((c) => c.id === slug);
      return category ? categoryName(category, lang) : categoryLabel(slug, t);
    },
    [categories, lang, t],
  );
}
