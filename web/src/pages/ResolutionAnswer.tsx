import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../api/problem';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n';

/** What the link's token says, read (not verified: the server does that) to show the number and the answer before acting. */
function readToken(token: string): { number: string; answer: 'confirm' | 'reopen' } | null {
  try {
    const payload = token.split('.')[0].replace(/-/g, '+').replace(/_/g, '/');
    const data = JSON.parse(atob(payload)) as { n?: number; a?: string };
    if (typeof data.n !== 'number' || (data.a !== 'confirm' && data.a !== 'reopen')) return null;
    return { number: `TCK-${String(data.n).padStart(6, '0')}`, answer: data.a };
  } catch {
    return null;
  }
}

/**
 * The page a resolved e-mail's "¿Resuelto? Sí / No, reabrir" link opens (`/resolucion?token=…`). It never acts on
 * load (mail scanners open links): one button sends the answer, once.
 */
export function ResolutionAnswer() {
  const { t } = useI18n();
  const { api } = useAuth();
  const token = useSearchParams()[0].get('token') ?? '';
  const link = readToken(token);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ ticketNumber: string; status: string } | null>(null);
  const code = isApiError(error) ? error.problem.code : undefined;

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await api.answerResolution(token, note.trim() || undefined));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page narrow" aria-labelledby="resolution-heading">
      <h1 id="resolution-heading">{link ? t('resolution.title', { number: link.number }) : t('resolution.titleUnknown')}</h1>
      {!link ? (
        <p role="alert" className="alert alert--error">{t('resolution.invalid')}</p>
      ) : done ? (
        <p role="status" className="alert alert--success">
          {t(done.status === 'closed' ? 'resolution.confirmed' : 'resolution.reopened', { number: done.ticketNumber })}
        </p>
      ) : code === 'link_already_used' ? (
        <p role="alert" className="alert alert--error">
          {t('resolution.used')} <Link to="/tickets">{t('resolution.openTickets')}</Link>
        </p>
      ) : code === 'invalid_link' ? (
        <p role="alert" className="alert alert--error">{t('resolution.invalid')}</p>
      ) : (
        <form onSubmit={(e) => { e.preventDefault(); void send(); }} className="form card resolution-answer">
          <p>{t(link.answer === 'confirm' ? 'resolution.confirmLead' : 'resolution.reopenLead')}</p>
          {link.answer === 'reopen' ? (
            <div className="field">
              <label htmlFor="resolution-note">{t('resolution.reason')}</label>
              <textarea id="resolution-note" rows={4} maxLength={10000} value={note} onChange={(e) => setNote(e.target.value)} />
            </div>
          ) : null}
          <ErrorAlert error={error} />
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('common.working') : t(link.answer === 'confirm' ? 'resolution.confirm' : 'resolution.reopen')}
          </button>
        </form>
      )}
    </section>
  );
}
