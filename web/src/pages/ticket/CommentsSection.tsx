import type { Comment, Ticket } from '../../api/types';
import { useI18n } from '../../i18n';
import { CommentForm } from './CommentForm';

/** The conversation, oldest first; internal notes marked; the form where the caller may write. */
export function CommentsSection({
  ticket,
  comments,
  onComment,
}: {
  ticket: Ticket;
  comments: Comment[];
  onComment: (body: string, internal: boolean, idempotencyKey: string) => Promise<void>;
}) {
  const { t, formatDateTime } = useI18n();
  return (
    <section aria-labelledby="comments-heading" className="card">
      <h2 id="comments-heading">
        {t('ticket.comments')} <span className="muted">({comments.length})</span>
      </h2>
      {comments.length === 0 ? <p className="muted">{t('ticket.noComments')}</p> : null}
      <ol className="comments" aria-label={t('ticket.comments')}>
        {comments.map((c) => (
          <li key={c.id} className={`comment${c.internal ? ' comment--internal' : ''}`}>
            <div className="comment__meta">
              <strong>{c.author.name}</strong>
              {c.author.role !== 'user' ? <span className="badge badge--role">{t(`role.${c.author.role}`)}</span> : null}
              {c.internal ? <span className="badge badge--internal">{t('comment.internal')}</span> : null}
              <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
            </div>
            <p className="pre-wrap">{c.body}</p>
          </li>
        ))}
      </ol>
      {ticket.actions.comment ? <CommentForm canInternal={ticket.actions.internalNote} onSubmit={onComment} /> : null}
    </section>
  );
}
