import type { SlaReport } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatCountdown } from '../../lib/countdown';
import { describeEvent } from '../../lib/history';
import { formatMinutes } from '../../lib/sla';
import { useNow } from '../../lib/useNow';

type Target = SlaReport['firstResponse'];

/**
 * Staff only: the SLA explained from `GET /tickets/{id}/sla` — the policy and its version, the calendar, both
 * targets with their due time, the wall-clock countdown (ticking with the shared clock, from the due time) and the
 * business time the server counted, met or breached, the pauses with their reasons and the clock's own event log.
 * Business minutes are the server's figure as of the last load (only it knows the calendar); the page reloads it
 * whenever the ticket changes.
 */
export function SlaPanel({ report }: { report: SlaReport }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const now = useNow();
  const businessTime = report.calendar.week != null || report.calendar.workingHours != null;

  return (
    <section aria-labelledby="sla-heading" className="card sla-panel" data-testid="sla-panel">
      <h2 id="sla-heading">{t('slaPanel.title')}</h2>
      <p className="muted">
        {t('slaPanel.policy', { name: report.policyName ?? report.policy, version: report.policyVersion })} ·{' '}
        {!businessTime ? t('sla.roundTheClockCalendar') : report.calendar.name === 'business' ? t('slaPanel.businessCalendar') : report.calendar.name}
      </p>
      <dl className="sla-targets">
        {(['firstResponse', 'resolution'] as const).map((key) => (
          <TargetRow
            key={key}
            name={t(key === 'firstResponse' ? 'slaPanel.firstResponse' : 'slaPanel.resolution')}
            target={report[key]}
            now={now}
            running={!report.paused && report.status !== 'resolved' && report.status !== 'closed'}
            businessTime={businessTime}
            testId={`sla-target-${key}`}
          />
        ))}
      </dl>
      {report.paused ? <p className="badge badge--sla-paused">{t('slaPanel.pausedNow')}</p> : null}

      <h3>{t('slaPanel.pauses')}</h3>
      {report.pauses.length === 0 ? (
        <p className="muted">{t('slaPanel.noPauses')}</p>
      ) : (
        <ul className="sla-pauses" data-testid="sla-pauses">
          {report.pauses.map((p) => (
            <li key={p.from}>
              {t(p.to ? 'slaPanel.pause' : 'slaPanel.pauseOpen', { from: formatDateTime(p.from), to: formatDateTime(p.to) })} ·{' '}
              {p.reason === 'on_hold' ? t('status.on_hold') : p.reason}
            </li>
          ))}
        </ul>
      )}

      <details className="sla-log">
        <summary>{t('slaPanel.log', { count: report.events.length })}</summary>
        <ol className="history">
          {report.events.map((e) => (
            <li key={e.id} className="history__item" data-event-type={e.type}>
              <strong>{t(`history.type.${e.type}`)}</strong> <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              <ul className="history__changes">
                {describeEvent(e, i18n).map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}

function TargetRow({
  name,
  target,
  now,
  running,
  businessTime,
  testId,
}: {
  name: string;
  target: Target;
  now: number;
  running: boolean;
  businessTime: boolean;
  testId: string;
}) {
  const { t, formatDateTime } = useI18n();
  const left = Date.parse(target.dueAt) - now;
  const state = target.met ? 'met' : target.breached || (running && left < 0) ? 'breached' : running ? 'running' : 'stopped';
  return (
    <div className={`sla-target sla-target--${state}`} data-testid={testId} data-state={state}>
      <dt>{name}</dt>
      <dd>
        <span className="sla-target__state">{t(`slaPanel.state.${state}`)}</span>
        {' · '}
        {t('slaPanel.due', { date: formatDateTime(target.dueAt) })}
        {target.met && target.metAt ? ` · ${t('slaPanel.metAt', { date: formatDateTime(target.metAt) })}` : null}
        {running && target.metAt === null ? (
          <>
            <br />
            <span className="sla-target__countdown" data-testid="sla-countdown">
              {t(left >= 0 ? 'slaPanel.dueIn' : 'slaPanel.overdueBy', { time: formatCountdown(left) })}
            </span>
            {businessTime && target.remainingMinutes !== null ? (
              <span className="muted">
                {' · '}
                {t(target.remainingMinutes >= 0 ? 'slaPanel.businessLeft' : 'slaPanel.businessOver', {
                  time: formatMinutes(target.remainingMinutes, true),
                })}
              </span>
            ) : null}
          </>
        ) : null}
      </dd>
    </div>
  );
}
