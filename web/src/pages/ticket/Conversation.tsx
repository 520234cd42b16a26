import { useMemo, useState } from 'react';
import type { Comment, HistoryEvent, Ticket } from '../../api/types';
import { AttachmentList } from '../../components/Attachments';
import { useI18n } from '../../i18n';
import { describeEvent } from '../../lib/history';
import { renderMarkdown } from '../../lib/markdown';
import { buildTimeline, type StatusMove, type TimelineEntry } from '../../lib/timeline';
import { useCategoryLabel } from '../../lib/useCategories';
import type { Macro } from '../../api/macros';
import { Composer, type MentionSource, type SendComment } from './Composer';

/**
 * The ticket's ONE conversation, oldest first: what people wrote (comments, resolution notes, reopen reasons, hold
 * notes) as messages, everything else as small markers between them, and the composer at the end. A requester reads
 * only what concerns them; staff may show every event, the SLA clock's included.
 */
export function Conversation({
  ticket,
  comments,
  history,
  isStaff,
  onSend,
  onApplyMacro,
  mentions,
}: {
  ticket: Ticket;
  comments: readonly Comment[];
  history: readonly HistoryEvent[];
  isStaff: boolean;
  onSend: SendComment;
  /** Staff: applies a canned response to the ticket (one change by the server). */
  onApplyMacro?: (macro: Macro) => Promise<void>;
  /** Staff: `@name` completion in the composer. */
  mentions?: MentionSource;
}) {
  const { t } = useI18n();
  const [allEvents, setAllEvents] = useState(false);
  const timeline = useMemo(() => buildTimeline(comments, history, { staff: isStaff, allEvents }), [comments, history, isStaff, allEvents]);
  const messages = timeline.filter((e) => e.kind !== 'event').length;

  return (
    <section aria-labelledby="conversation-heading" className="card conversation">
      <div className="conversation__head">
        <h2 id="conversation-heading">
          {t('conversation.title')} <span className="muted">({messages})</span>
        </h2>
        {isStaff ? (
          <label className="checkbox conversation__toggle">
            <input type="checkbox" checked={allEvents} onChange={(e) => setAllEvents(e.target.checked)} />
            {t('conversation.allEvents')}
          </label>
        ) : null}
      </div>
      {messages === 0 ? <p className="muted">{t('ticket.noComments')}</p> : null}
      <ol className="timeline" aria-label={t('conversation.title')}>
        {timeline.map((entry) => (
          <TimelineItem key={`${entry.kind}-${entry.id}`} entry={entry} isStaff={isStaff} />
        ))}
      </ol>
      {ticket.actions.comment ? <Composer actions={ticket.actions} onSend={onSend} onApplyMacro={onApplyMacro} mentions={mentions} /> : null}
    </section>
  );
}

function TimelineItem({ entry, isStaff }: { entry: TimelineEntry; isStaff: boolean }) {
  const { t, formatDateTime } = useI18n();
  if (entry.kind === 'comment') {
    const c = entry.comment;
    return (
      <li className={`message${c.internal ? ' message--internal' : ''}`} data-testid="message" data-internal={c.internal}>
        <div className="message__meta">
          <strong>{c.author.name}</strong>
          {c.author.role !== 'user' ? <span className="badge badge--role">{t(`role.${c.author.role}`)}</span> : null}
          {c.internal ? <span className="badge badge--internal">{t('comment.internal')}</span> : null}
          {c.channel === 'email' ? <EmailMark /> : null}
          {c.mergedFrom ? (
            <span className="badge badge--channel" data-testid="merged-from">
              {t('merge.copiedFrom', { number: c.mergedFrom.number })}
            </span>
          ) : null}
          <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
        </div>
        <MessageBody text={c.body} />
        {c.mentions?.length ? (
          <p className="message__mentions muted" data-testid="mentions">
            {t('comment.mentioned', { names: c.mentions.map((p) => p.name).join(', ') })}
          </p>
        ) : null}
        <AttachmentList attachments={c.attachments ?? []} label={t('attachments.title')} />
        {entry.move ? <MoveLine move={entry.move} /> : null}
      </li>
    );
  }
  if (entry.kind === 'note') {
    const { event } = entry;
    const label =
      event.data.to === 'resolved'
        ? 'conversation.resolutionNote'
        : event.data.to === 'on_hold'
          ? 'conversation.holdNote'
          : event.data.from === 'resolved' || event.data.from === 'closed'
            ? 'conversation.reopenReason'
            : 'conversation.statusNote';
    return (
      <li className={`message message--note message--${event.data.to}`} data-testid="message" data-note={event.data.to}>
        <div className="message__meta">
          <strong>{event.actor?.name ?? t('history.system')}</strong>
          <span className="badge badge--note">{t(label)}</span>
          <time dateTime={event.at}>{formatDateTime(event.at)}</time>
        </div>
        <MessageBody text={entry.note} />
        <MoveLine move={event.data} />
      </li>
    );
  }
  return <Marker event={entry.event} isStaff={isStaff} />;
}

/** A small envelope and "por correo": the message came in as an e-mail reply, not through the web. */
export function EmailMark() {
  const { t } = useI18n();
  return (
    <span className="badge badge--channel" data-testid="channel-email" title={t('channel.emailTitle')}>
      <EnvelopeIcon />
      {t('channel.email')}
    </span>
  );
}

function EnvelopeIcon() {
  return (
    <svg aria-hidden="true" focusable="false" className="icon" width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3 7 9 6 9-6" />
    </svg>
  );
}

/** The comment's text as the safe Markdown subset (raw HTML is shown as text; links open in a new tab). */
function MessageBody({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className="message__body markdown" dangerouslySetInnerHTML={{ __html: html }} />;
}

function MoveLine({ move }: { move: StatusMove }) {
  const { t } = useI18n();
  return (
    <p className="message__move muted" data-testid="message-move">
      {t('conversation.moved', { before: t(`status.${move.from}`), after: t(`status.${move.to}`) })}
    </p>
  );
}

/** Anything else that happened, one small line: who, what, when. */
function Marker({ event, isStaff }: { event: HistoryEvent; isStaff: boolean }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const categoryWords = useCategoryLabel();
  // A requester is told who handles the ticket, never why the system chose them nor which team it went to.
  const told = !isStaff && event.type === 'created' ? { ...event, data: { ...event.data, team: null } } : event;
  const channel = event.type === 'created' ? event.data.channel : null;
  const lines = describeEvent(told, i18n, categoryWords).slice(0, isStaff || event.type !== 'assigned' ? undefined : 1);
  return (
    <li className="marker" data-testid="marker" data-event-type={event.type} data-channel={channel ?? undefined}>
      <span className="marker__what">
        {channel === 'email' ? <EnvelopeIcon /> : null}
        <strong>{t(`history.type.${event.type}`)}</strong>
        {lines.length > 0 ? ` · ${lines.join(' · ')}` : null}
      </span>{' '}
      <span className="muted marker__who">
        {event.actor?.name ?? t('history.system')} · <time dateTime={event.at}>{formatDateTime(event.at)}</time>
      </span>
    </li>
  );
}
