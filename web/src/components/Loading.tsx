import { isApiError } from '../api/problem';
import { useI18n } from '../i18n';
import { problemMessage } from '../lib/errorMessages';

/**
 * Grey placeholders in the shape of what is coming (table rows, cards, a block of text) while a page loads. Screen
 * readers hear "Cargando…" once; the shapes themselves are hidden from them.
 */
export function Skeleton({ rows = 4, variant = 'rows' }: { rows?: number; variant?: 'rows' | 'cards' | 'block' }) {
  const { t } = useI18n();
  return (
    <div className={`skeleton skeleton--${variant}`} role="status" data-testid="skeleton">
      <span className="visually-hidden">{t('common.loading')}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton__item" aria-hidden="true">
          <span className="skeleton__bar skeleton__bar--short" />
          <span className="skeleton__bar" />
        </div>
      ))}
    </div>
  );
}

/**
 * A load that failed, in the reader's language, with "Reintentar": the one way every page offers to try again after
 * a network error or a server fault (nothing else on the page is lost).
 */
export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const traceId = isApiError(error) && error.status >= 500 ? error.problem.traceId : undefined;
  return (
    <div role="alert" className="alert alert--error load-failed" data-testid="load-failed">
      <p>{problemMessage(t, error)}</p>
      {traceId ? <p className="alert__trace">{t('error.traceId', { traceId })}</p> : null}
      <button type="button" className="button button--secondary button--small" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
