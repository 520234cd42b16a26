import { useEffect, useState } from 'react';
import { useAuth } from '../auth/AuthContext';

let cached: Promise<string[]> | null = null;

/**
 * The configured ticket categories (GET /categories), fetched once per page load and shared by every form; empty
 * until they arrive, or if they cannot be read (the forms then offer no category, as before there was a list).
 */
export function useCategories(): string[] {
  const { api } = useAuth();
  const [categories, setCategories] = useState<string[]>([]);
  useEffect(() => {
    let current = true;
    cached ??= api.categories().catch((err: unknown) => {
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
