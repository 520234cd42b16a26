import { isApiError } from '../api/problem';
import { useI18n } from '../i18n';
import { problemMessage } from '../lib/errorMessages';

/** A failed call in the reader's language (lib/errorMessages words the server's codes), never the server's English. */
export function ErrorAlert({ error, message }: { error: unknown; message?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  // The trace id only helps support with server faults; for a 4xx the message says it all.
  const traceId = isApiError(error) && error.status >= 500 ? error.problem.traceId : undefined;
  return (
    <div role="alert" className="alert alert--error">
      <p>{message ?? problemMessage(t, error)}</p>
      {traceId ? <p className="alert__trace">{t('error.traceId', { traceId })}</p> : null}
    </div>
  );
}
