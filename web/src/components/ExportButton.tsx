import { useState } from 'react';
import type { TicketQuery } from '../api/tickets';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { exportFileName, exportPath } from '../lib/ticketExport';
import { ErrorAlert } from './ErrorAlert';

/**
 * Downloads the tickets the list shows (every page, its filters and sort) as CSV. A plain link would not carry the
 * bearer token: the file is fetched with it and saved through an object URL. Staff only, like the route.
 */
export function ExportButton({ query }: { query: TicketQuery }) {
  const { t } = useI18n();
  const { api, isStaff } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!isStaff) return null;

  async function download() {
    setBusy(true);
    setError(null);
    try {
      const response = await api.client.request<Blob>('GET', exportPath(query), {
        asBlob: true,
        headers: { Accept: 'text/csv, application/problem+json' },
      });
      const url = URL.createObjectURL(response.data);
      const link = document.createElement('a');
      link.href = url;
      link.download = exportFileName(response.headers.get('Content-Disposition'));
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file once the click is handled.
      window.setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="button button--secondary button--small" onClick={() => void download()} disabled={busy} aria-busy={busy}>
        {busy ? t('export.busy') : t('export.csv')}
      </button>
      <ErrorAlert error={error} />
    </>
  );
}
