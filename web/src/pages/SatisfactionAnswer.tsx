import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../api/problem';
import type { SatisfactionRating } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n';
import { SATISFACTION_COMMENT_MAX } from './ticket/SatisfactionCard';

/** What a satisfaction link's token says, read (not verified: the server does that) to show the number and the rating. */
export function readSatisfactionToken(token: string): { number: string; rating: SatisfactionRating } | null {
  try {
    const payload = token.split('.')[0].replace(/-/g, '+').replace(/_/g, '/');
    const data = JSON.parse(atob(payload)) as { n?: number; a?: string };
    if (typeof data.n !== 'number' || (data.a !== 'good' && data.a !== 'bad')) return null;
    return { number: `TCK-${String(data.n).padStart(6, '0')}`, rating: data.a };
  } catch {
    return null;
  }
}

/**
 * The page a resolved e-mail's "good / bad" link opens (`/satisfaccion?token=…`). Unlike the resolution link it acts on
 * arrival, so the e-mail's one click is the rating; then it offers a comment, sent with the same link once.
 */
export function SatisfactionAnswer() {
  const { t } = useI18n();
  const { api } = useAuth();
  const token = useSearchParams()[0].get('token') ?? '';
  const link = readSatisfactionToken(token);
  const [recorded, setRecorded] = useState(false);
  const [commented, setCommented] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The rating is sent once per page, even where effects run twice.
  const sent = useRef(false);
  const code = isApiError(error) ? error.problem.code : undefined;

  useEffect(() => {
    if (!link || sent.current) return;
    sent.current = true;
    api
      .answerSatisfaction(token)
      .then((answer) => {
        setRecorded(true);
        setCommented(answer.commented);
      })
      .catch(setError);
  }, [api, token, link]);

  const sendComment = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.answerSatisfaction(token, comment.trim());
      setCommented(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page narrow" aria-labelledby="satisfaction-heading">
      <h1 id="satisfaction-heading">{link ? t('satisfaction.pageTitle', { number: link.number }) : t('satisfaction.title')}</h1>
      {!link || code === 'invalid_link' ? (
        <p role="alert" className="alert alert--error">{t('satisfaction.invalid')}</p>
      ) : code === 'link_already_used' ? (
        <p role="alert" className="alert alert--error">
          {t('satisfaction.used')} <Link to="/tickets">{t('resolution.openTickets')}</Link>
        </p>
      ) : !recorded ? (
        error ? <ErrorAlert error={error} /> : <p role="status">{t('common.working')}</p>
      ) : (
        <>
          <p role="status" className="alert alert--success">
            {t(link.rating === 'good' ? 'satisfaction.thanksGood' : 'satisfaction.thanksBad', { number: link.number })}
          </p>
          {commented ? (
            <p role="status">{t('satisfaction.commentSaved')}</p>
          ) : (
            <form onSubmit={(e) => { e.preventDefault(); void sendComment(); }} className="form card">
              <div className="field">
                <label htmlFor="satisfaction-comment">{t('satisfaction.comment')}</label>
                <textarea id="satisfaction-comment" rows={4} maxLength={SATISFACTION_COMMENT_MAX} value={comment} onChange={(e) => setComment(e.target.value)} />
              </div>
              <ErrorAlert error={error} />
              <button type="submit" className="button button--primary" disabled={busy || comment.trim() === ''}>
                {busy ? t('common.working') : t('satisfaction.sendComment')}
              </button>
            </form>
          )}
        </>
      )}
    </section>
  );
}
