import { useI18n } from '../../i18n';
import type { StatusNote } from '../../lib/statusNote';

/**
 * Where the ticket stands, right under the header where the requester looks first: resolved (or on hold) by whom
 * and when. The words themselves (the resolution note, what the hold waits for) are a message in the conversation,
 * shown once, there.
 */
export function StatusNoteCard({ note }: { note: StatusNote }) {
  const { t, formatDateTime } = useI18n();
  const resolution = note.kind === 'resolution';
  const byline = t(resolution ? 'ticketPage.resolvedBy' : 'ticketPage.heldBy', {
    name: note.by ?? t('history.system'),
    date: formatDateTime(note.at),
  });
  return (
    <section
      aria-labelledby="status-note-heading"
      className={`card status-note status-note--${note.kind}`}
      data-testid={resolution ? 'resolution-note' : 'hold-note'}
    >
      <h2 id="status-note-heading">{t(resolution ? 'ticketPage.resolution' : 'ticketPage.hold')}</h2>
      <p className="muted status-note__byline">
        {byline}
        {note.note ? (
          <>
            {' · '}
            <a href="#conversation-heading">{t('statusNote.readInConversation')}</a>
          </>
        ) : (
          <> · {t('ticketPage.noNote')}</>
        )}
      </p>
    </section>
  );
}
