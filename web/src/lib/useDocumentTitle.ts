import { useEffect } from 'react';

const PRODUCT = 'Tickets';

/** Names the browser tab after the page ("TCK-000010 · título · Tickets"); undefined while the page has no name yet. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${PRODUCT}` : PRODUCT;
    return () => {
      document.title = PRODUCT;
    };
  }, [title]);
}
