import { useI18n } from '../../i18n';
import type { StatusNote } from '../../lib/statusNote';

/** The resolution, or what the ticket waits for on hold, right under the header where the requester looks first. */
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
      <p className="pre-wrap">{note.note ?? <span className="muted">{t('ticketPage.noNote')}</span>}</p>
      <p className="muted status-note__byline">{byline}</p>
    </section>
  );
}
