import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The page's query string as state. `update` edits the address as it is *now*, not as it was when the
 * caller last rendered: a debounced search that fires just after a tab click keeps the tab the click chose
 * (react-router's own functional update starts from the rendered value, so the later writer would undo the earlier).
 */
export function useUrlParams(): [URLSearchParams, (edit: (params: URLSearchParams) => void) => void] {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (edit: (params: URLSearchParams) => void) => {
      const next = new URLSearchParams(window.location.search);
      edit(next);
      setParams(next, { replace: true });
    },
    [setParams],
  );
  return [params, update];
}
