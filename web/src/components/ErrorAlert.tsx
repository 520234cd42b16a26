import { isApiError } from '../api/problem';
import { useI18n, type I18n } from '../i18n';

/** A translated sentence for a failed call; the trace id helps support find the server log. */
export function describeError(t: I18n['t'], error: unknown): string {
  if (!isApiError(error)) return t('error.generic');
  switch (error.status) {
    case 0:
      return t('error.network');
    case 400:
      return t('error.validation');
    case 401:
      return t('error.unauthorized');
    case 403:
      return t('error.forbidden');
    case 404:
      return t('error.notFound');
    case 409:
      return t('error.conflict');
    case 412:
      return t('error.stale');
    case 429:
      return error.retryAfter !== null ? t('error.tooManyRetry', { seconds: error.retryAfter }) : t('error.tooMany');
    default:
      return t('error.generic');
  }
}

export function ErrorAlert({ error, message }: { error: unknown; message?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  // The trace id only helps support with server faults; for a 4xx the message says it all.
  const traceId = isApiError(error) && error.status >= 500 ? error.problem.traceId : undefined;
  const detail = isApiError(error) && error.status === 409 ? error.problem.detail : undefined;
  return (
    <div role="alert" className="alert alert--error">
      <p>{message ?? describeError(t, error)}</p>
      {detail ? <p className="alert__detail">{detail}</p> : null}
      {traceId ? <p className="alert__trace">{t('error.traceId', { traceId })}</p> : null}
    </div>
  );
}
