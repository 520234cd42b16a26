import { useId, useState } from 'react';
import type { SatisfactionRating, Ticket } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n';

/** The longest comment the server takes with a rating. */
export const SATISFACTION_COMMENT_MAX = 2000;

interface Props {
  ticket: Ticket;
  /** The requester rates the current resolution (POST satisfaction); rejects with the server's problem. */
  onRate: (rating: SatisfactionRating, comment: string | undefined) => Promise<void>;
}

/**
 * Satisfaction on the ticket page. The requester of a resolved ticket (or one closed after its resolution) not yet rated
 * is asked — good or bad, and a comment if they like — exactly when the server offers it (`actions.rate`); once rated,
 * the requester and staff see the rating and its comment. Nothing otherwise.
 */
export function SatisfactionCard({ ticket, onRate }: Props) {
  const { t } = useI18n();
  const [rating, setRating] = useState<SatisfactionRating | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const headingId = useId();
  const commentId = useId();

  if (ticket.actions.rate) {
    const send = async () => {
      if (!rating) return;
      setBusy(true);
      setError(null);
      try {
        await onRate(rating, comment.trim() || undefined);
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
    };
    return (
      <section className="card satisfaction" aria-labelledby={headingId} data-testid="satisfaction-ask">
        <h2 id={headingId}>{t('satisfaction.ask')}</h2>
        <form onSubmit={(e) => { e.preventDefault(); void send(); }} className="form">
          <div role="radiogroup" aria-label={t('satisfaction.ask')} className="satisfaction__choices">
            {(['good', 'bad'] as const).map((choice) => (
              <button
                key={choice}
                type="button"
                role="radio"
                aria-checked={rating === choice}
                className={`button ${rating === choice ? 'button--primary' : ''}`}
                onClick={() => setRating(choice)}
              >
                {t(`satisfaction.${choice}`)}
              </button>
            ))}
          </div>
          <div className="field">
            <label htmlFor={commentId}>{t('satisfaction.comment')}</label>
            <textarea id={commentId} rows={3} maxLength={SATISFACTION_COMMENT_MAX} value={comment} onChange={(e) => setComment(e.target.value)} />
          </div>
          <ErrorAlert error={error} />
          <button type="submit" className="button button--primary" disabled={busy || !rating}>
            {busy ? t('common.working') : t('satisfaction.send')}
          </button>
        </form>
      </section>
    );
  }

  const rated = ticket.satisfaction;
  if (!rated) return null;
  return (
    <section className="card satisfaction" aria-labelledby={headingId} data-testid="satisfaction-rated">
      <h2 id={headingId}>{t('satisfaction.title')}</h2>
      <p>
        <strong className={`satisfaction__rating satisfaction__rating--${rated.rating}`}>{t(`satisfaction.${rated.rating}`)}</strong>
      </p>
      {rated.comment ? <p className="pre-wrap">{rated.comment}</p> : null}
    </section>
  );
}
