import { Link } from 'react-router';
import { INBOUND_OUTCOMES, INBOUND_REFUSALS, type InboundMailView, type InboundStatusView, type MailboxStatusView } from '../../api/inbound';
import { useAuth } from '../../auth/AuthContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadFailed, Skeleton } from '../../components/Loading';
import { useI18n } from '../../i18n';
import { useLoad } from '../../lib/useLoad';

/** "Correo entrante" (admins): how the e-mail channel is doing — its two doors, the poison queue, the last day, recent mail. */
export function Inbound() {
  const { api } = useAuth();
  const status = useLoad(() => api.inbound.status(), [api]);
  return <InboundPanel status={status.data} error={status.error} loading={status.loading} onRefresh={status.reload} />;
}

/** The page as it reads `status`: a skeleton first, "Reintentar" when the first read fails, the figures once they came. */
export function InboundPanel({
  status,
  error,
  loading,
  onRefresh,
}: {
  status: InboundStatusView | undefined;
  error: unknown;
  loading: boolean;
  onRefresh: () => void;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="inbound-heading" className="settings__section inbound">
      <div className="actions actions--between">
        <h2 id="inbound-heading">{t('inbound.title')}</h2>
        <button type="button" className="button button--secondary button--small" disabled={loading} aria-busy={loading} onClick={onRefresh}>
          {loading && status ? t('common.loading') : t('inbound.refresh')}
        </button>
      </div>
      <p className="muted">{t('inbound.lead')}</p>
      {/* A refresh that fails keeps the figures read before and says so above them. */}
      {status ? <ErrorAlert error={error} /> : <LoadFailed error={error} onRetry={onRefresh} />}
      {loading && !status ? <Skeleton rows={4} variant="cards" /> : null}
      {status ? <InboundStatus status={status} /> : null}
    </section>
  );
}

function InboundStatus({ status }: { status: InboundStatusView }) {
  const { t } = useI18n();
  return (
    <>
      <div className="grid-2 inbound__cards">
        <MailboxCard configured={status.mailboxConfigured} mailbox={status.mailbox} />
        <section aria-labelledby="inbound-webhook" className="card" data-testid="inbound-webhook">
          <h3 id="inbound-webhook">{t('inbound.webhook')}</h3>
          <p>
            <Configured value={status.webhookConfigured} />
          </p>
          <p className="muted small">{t(status.webhookConfigured ? 'inbound.webhookOn' : 'inbound.webhookOff')}</p>
        </section>
        <section aria-labelledby="inbound-senders" className="card" data-testid="inbound-senders">
          <h3 id="inbound-senders">{t('inbound.senders')}</h3>
          <dl className="details">
            <dt>{t('inbound.supportAddress')}</dt>
            <dd data-testid="inbound-support-address">{status.supportAddress ?? t('inbound.notConfigured')}</dd>
            <dt>{t('inbound.unknownSenders')}</dt>
            <dd data-testid="inbound-unknown-senders">{t(`inbound.unknownSenders.${status.unknownSenders}`)}</dd>
          </dl>
          <p className="muted small">{t(`inbound.unknownSendersHint.${status.unknownSenders}`)}</p>
        </section>
        <PoisonCard poisoned={status.poisoned} />
      </div>
      <LastDay figures={status.lastDay} />
      <Recent messages={status.recent} />
    </>
  );
}

function Configured({ value }: { value: boolean }) {
  const { t } = useI18n();
  return <span className={`badge ${value ? 'badge--active' : 'badge--inactive'}`}>{t(value ? 'inbound.configured' : 'inbound.notConfigured')}</span>;
}

function MailboxCard({ configured, mailbox }: { configured: boolean; mailbox: MailboxStatusView | null }) {
  const { t, formatDateTime, formatNumber } = useI18n();
  return (
    <section aria-labelledby="inbound-mailbox" className="card" data-testid="inbound-mailbox">
      <h3 id="inbound-mailbox">{t('inbound.mailbox')}</h3>
      <p>
        <Configured value={configured} />
      </p>
      {!configured ? <p className="muted small">{t('inbound.mailboxOff')}</p> : null}
      {configured && !mailbox ? <p className="muted small">{t('inbound.neverPolled')}</p> : null}
      {mailbox ? (
        <dl className="details">
          <dt>{t('inbound.host')}</dt>
          <dd data-testid="inbound-host">{mailbox.host}</dd>
          <dt>{t('inbound.folder')}</dt>
          <dd>{mailbox.folder}</dd>
          <dt>{t('inbound.lastPoll')}</dt>
          <dd>
            <When at={mailbox.lastPollAt} />
          </dd>
          <dt>{t('inbound.lastSuccess')}</dt>
          <dd>
            <When at={mailbox.lastSuccessAt} />
          </dd>
          <dt>{t('inbound.lastError')}</dt>
          <dd data-testid="inbound-last-error">
            {mailbox.lastError ? (
              <>
                <span className="inbound__error">{mailbox.lastError}</span>
                {mailbox.lastErrorAt ? (
                  <span className="muted">
                    {' · '}
                    <time dateTime={mailbox.lastErrorAt}>{formatDateTime(mailbox.lastErrorAt)}</time>
                  </span>
                ) : null}
              </>
            ) : (
              t('inbound.noError')
            )}
          </dd>
          <dt>{t('inbound.queued')}</dt>
          <dd data-testid="inbound-queued">{formatNumber(mailbox.queued)}</dd>
        </dl>
      ) : null}
    </section>
  );
}

function When({ at }: { at: string | null }) {
  const { t, formatDateTime } = useI18n();
  return at ? <time dateTime={at}>{formatDateTime(at)}</time> : <>{t('inbound.never')}</>;
}

/** Messages that failed every attempt sit in the poison queue: nobody will read them unless an admin looks. */
function PoisonCard({ poisoned }: { poisoned: number | null }) {
  const { t, formatNumber } = useI18n();
  const some = poisoned !== null && poisoned > 0;
  return (
    <section aria-labelledby="inbound-poison" className={`card${some ? ' card--danger inbound__poison--some' : ''}`} data-testid="inbound-poison" data-count={poisoned ?? undefined}>
      <h3 id="inbound-poison">{t('inbound.poison')}</h3>
      <p className="inbound__figure">{poisoned === null ? t('inbound.poisonUnknown') : formatNumber(poisoned)}</p>
      <p className="small">
        {t(some ? 'inbound.poisonSome' : 'inbound.poisonNone')} {t('inbound.poisonDocs')} <code>docs/email.md</code>.
      </p>
    </section>
  );
}

/** The last 24 hours: what mail became, and why what opened nothing was refused (only the reasons that happened). */
function LastDay({ figures }: { figures: Record<string, number> }) {
  const { t, formatNumber } = useI18n();
  const reasons = INBOUND_REFUSALS.filter((r) => (figures[r] ?? 0) > 0);
  return (
    <section aria-labelledby="inbound-last-day" className="card" data-testid="inbound-last-day">
      <h3 id="inbound-last-day">{t('inbound.lastDay')}</h3>
      <ul className="kpis">
        {INBOUND_OUTCOMES.map((outcome) => (
          <li key={outcome} className="kpi" data-outcome={outcome}>
            <span className="kpi__label">{t(`inbound.outcome.${outcome}`)}</span>
            <span className="kpi__value">{formatNumber(figures[outcome] ?? 0)}</span>
          </li>
        ))}
      </ul>
      {reasons.length > 0 ? (
        <>
          <h4>{t('inbound.refusedWhy')}</h4>
          <dl className="details">
            {reasons.map((reason) => (
              <div key={reason} className="details__row" data-reason={reason}>
                <dt>{t(`inbound.reason.${reason}`)}</dt>
                <dd>{formatNumber(figures[reason])}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}

function Recent({ messages }: { messages: readonly InboundMailView[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <section aria-labelledby="inbound-recent" className="inbound__recent">
      <h3 id="inbound-recent">{t('inbound.recent')}</h3>
      {messages.length === 0 ? (
        <p className="empty">{t('inbound.recentEmpty')}</p>
      ) : (
        // Focusable so keyboard users can scroll the wide table sideways on a narrow screen.
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="inbound-recent">
          <table className="table table--inbound">
            <caption className="visually-hidden">{t('inbound.recent')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('inbound.receivedAt')}</th>
                <th scope="col">{t('inbound.from')}</th>
                <th scope="col">{t('inbound.subject')}</th>
                <th scope="col">{t('inbound.door')}</th>
                <th scope="col">{t('inbound.outcome')}</th>
                <th scope="col">{t('inbound.reason')}</th>
                <th scope="col">{t('inbound.ticket')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => {
                const ticket = m.ticketNumber ?? m.ticketId;
                return (
                  <tr key={m.id} data-testid="inbound-message" data-outcome={m.outcome} data-reason={m.reason ?? undefined}>
                    <td className="nowrap">
                      <time dateTime={m.receivedAt}>{formatDateTime(m.receivedAt)}</time>
                    </td>
                    <td className="inbound__from">{m.from || '—'}</td>
                    <th scope="row">{m.subject || t('inbound.noSubject')}</th>
                    <td>{t(`inbound.door.${m.door}`)}</td>
                    <td>
                      <span className={`badge badge--outcome-${m.outcome}`}>{t(`inbound.outcome.${m.outcome}`)}</span>
                    </td>
                    <td>{m.reason ? t(`inbound.reason.${m.reason}`) : '—'}</td>
                    <td className="nowrap">{ticket ? <Link to={`/tickets/${encodeURIComponent(ticket)}`}>{ticket}</Link> : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
