import type { Api } from '../api/tickets';
import type { Ticket } from '../api/types';
import { useI18n, type I18n } from '../i18n';
import { conflictOf, type Conflict, type TicketField } from '../lib/conflictMerge';
import { describeChanges } from '../lib/ticketChanges';

/** A write refused with 412, read against the ticket as it is now: what changed, and whether the caller's change may go on top. */
export interface StaleWrite {
  fresh: Ticket;
  etag: string | undefined;
  conflict: Conflict;
  /** What someone else changed, in words, one line per field. */
  changes: string[];
}

/** Reads the fresh ticket after a 412 and compares it field by field with what the dialog showed and what the caller changed. */
export async function readStaleWrite(
  api: Api,
  shown: Ticket,
  mine: readonly TicketField[],
  t: I18n['t'],
  categoryWords?: (slug: string) => string,
): Promise<StaleWrite> {
  const { ticket: fresh, etag } = await api.getTicket(shown.id);
  return { fresh, etag, conflict: conflictOf(shown, fresh, mine), changes: describeChanges(shown, fresh, t, categoryWords) };
}

/**
 * Inside the dialog whose write was refused: the typed text stays where it is; this says, field by field, what
 * someone else changed meanwhile and offers "Aplicar mi cambio encima" when their change and the caller's do not
 * touch the same field. When they do, the caller sees both and decides (saving again replaces theirs).
 */
export function ConflictNotice({ stale, busy, onApply }: { stale: StaleWrite; busy: boolean; onApply: () => void }) {
  const { t } = useI18n();
  const { conflict, changes } = stale;
  return (
    <div className="conflict" role="alert" data-testid="conflict">
      <p>
        <strong>{t('conflict.title')}</strong>
      </p>
      {changes.length > 0 ? (
        <ul className="conflict__changes">
          {changes.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <p>{t('conflict.unknown')}</p>
      )}
      {conflict.canApplyOnTop ? (
        <>
          <p>{t('conflict.safe')}</p>
          <button type="button" className="button button--primary" disabled={busy} onClick={onApply}>
            {t('conflict.applyOnTop')}
          </button>
        </>
      ) : conflict.overlap.length > 0 ? (
        <p>{t('conflict.overlap', { fields: conflict.overlap.map((f) => t(`conflict.field.${f}`)).join(', ') })}</p>
      ) : null}
    </div>
  );
}
