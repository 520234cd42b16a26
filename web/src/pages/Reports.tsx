import { useMemo, useState } from 'react';
import type { ReportFilters, ReportSummary } from '../api/reports';
import { PRIORITIES } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { LoadFailed, Skeleton } from '../components/Loading';
import { useI18n } from '../i18n';
import { exportFileName } from '../lib/ticketExport';
import { barPercents, formatMinutes, formatRate, reportFiltersFrom, writeReportFilters } from '../lib/reports';
import { categoryName, useCategories } from '../lib/useCategories';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useLoad } from '../lib/useLoad';
import { useUrlParams } from '../lib/useUrlParams';

type Compliance = { key: string; name: string; met: number; breached: number; rate: number | null };

/**
 * How the team is doing, for staff: first response and resolution in business time (median and 90th percentile), SLA
 * compliance by priority, team and assignee, open work by age, created against resolved per day, and the reopen rate.
 * The filters live in the address, so a report can be shared as a link; the same report downloads as CSV.
 */
export function Reports() {
  const { t, lang, formatNumber, formatDate } = useI18n();
  useDocumentTitle(t('reports.title'));
  const { api } = useAuth();
  const [params, update] = useUrlParams();
  const filters = useMemo(() => reportFiltersFrom(params), [params]);
  const categories = useCategories();
  const teams = useLoad(() => api.admin.teams(), [api]);
  const report = useLoad(() => api.reports.summary(filters), [api, filters.from, filters.to, filters.teamId, filters.category]);
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  const set = (change: Partial<ReportFilters>) => update((p) => writeReportFilters(p, { ...filters, ...change }));

  async function download() {
    setDownloading(true);
    setDownloadError(null);
    try {
      const response = await api.reports.csv(filters);
      const url = URL.createObjectURL(response.data);
      const link = document.createElement('a');
      link.href = url;
      link.download = exportFileName(response.headers.get('Content-Disposition'));
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (err) {
      setDownloadError(err);
    } finally {
      setDownloading(false);
    }
  }

  const data = report.data;
  return (
    <section className="page">
      <div className="page__header">
        <h1>{t('reports.title')}</h1>
        <button type="button" className="button button--secondary button--small" onClick={() => void download()} disabled={downloading} aria-busy={downloading}>
          {downloading ? t('export.busy') : t('reports.csv')}
        </button>
      </div>
      <ErrorAlert error={downloadError} />
      <form className="filters" aria-label={t('reports.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="report-from">{t('filters.from')}</label>
          <input id="report-from" type="date" value={filters.from ?? data?.from ?? ''} onChange={(e) => set({ from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="report-to">{t('filters.to')}</label>
          <input id="report-to" type="date" value={filters.to ?? data?.to ?? ''} onChange={(e) => set({ to: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="report-team">{t('reports.team')}</label>
          <select id="report-team" value={filters.teamId ?? ''} onChange={(e) => set({ teamId: e.target.value })}>
            <option value="">{t('reports.allTeams')}</option>
            {(teams.data ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-category">{t('reports.category')}</label>
          <select id="report-category" value={filters.category ?? ''} onChange={(e) => set({ category: e.target.value })}>
            <option value="">{t('reports.allCategories')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {categoryName(c, lang)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {data ? <ErrorAlert error={report.error} /> : <LoadFailed error={report.error} onRetry={report.reload} />}
      {report.loading && !data ? <Skeleton rows={4} variant="block" /> : null}
      {data ? <ReportBody data={data} formatNumber={formatNumber} formatDate={formatDate} /> : null}
    </section>
  );
}

function ReportBody({
  data,
  formatNumber,
  formatDate,
}: {
  data: ReportSummary;
  formatNumber: (n: number, digits?: number) => string;
  formatDate: (value: string) => string;
}) {
  const { t } = useI18n();
  const minutes = (v: number | null | undefined) => formatMinutes(v, formatNumber);
  const c = data.slaCompliance;
  const byPriority: Compliance[] = PRIORITIES.flatMap((p) => {
    const row = c.byPriority.find((r) => r.priority === p);
    return row ? [{ key: p, name: t(`priority.${p}`), met: row.met, breached: row.breached, rate: row.rate }] : [];
  });
  const byTeam: Compliance[] = c.byTeam.map((r) => ({ key: r.teamId ?? 'none', name: r.name ?? t('reports.noTeam'), met: r.met, breached: r.breached, rate: r.rate }));
  const sat = data.satisfaction;
  const satisfactionByTeam: Compliance[] = sat.byTeam.map((r) => ({ key: r.id ?? 'none', name: r.name ?? t('reports.noTeam'), met: r.good, breached: r.bad, rate: r.score }));
  const satisfactionByAssignee: Compliance[] = sat.byAssignee.map((r) => ({
    key: r.id ?? 'none',
    name: r.name ?? t('ticket.unassigned'),
    met: r.good,
    breached: r.bad,
    rate: r.score,
  }));
  const satisfactionColumns = { met: t('reports.good'), breached: t('reports.bad'), rate: t('reports.score') };
  const byAssignee: Compliance[] = c.byAssignee.map((r) => ({
    key: r.assigneeId ?? 'none',
    name: r.name ?? t('ticket.unassigned'),
    met: r.met,
    breached: r.breached,
    rate: r.rate,
  }));

  return (
    <>
      <ul className="kpis" aria-label={t('reports.kpis')}>
        <Kpi label={t('reports.firstResponseMedian')} value={minutes(data.firstResponse.medianMinutes)} />
        <Kpi label={t('reports.firstResponseP90')} value={minutes(data.firstResponse.p90Minutes)} />
        <Kpi label={t('reports.resolutionMedian')} value={minutes(data.resolution.medianMinutes)} />
        <Kpi label={t('reports.resolutionP90')} value={minutes(data.resolution.p90Minutes)} />
        <Kpi label={t('reports.compliance')} value={formatRate(c.overall.rate, formatNumber)} />
        <Kpi label={t('reports.reopenRate')} value={formatRate(data.reopenRate.rate, formatNumber)} />
        <Kpi
          label={t('reports.satisfaction')}
          value={formatRate(sat.score, formatNumber)}
          detail={t('reports.ratings', { good: formatNumber(sat.good), bad: formatNumber(sat.bad) })}
        />
      </ul>
      <p className="muted">{t('reports.businessTimeNote', { zone: data.timeZone })}</p>
      <div className="charts">
        <ComplianceTable title={t('reports.byPriority')} rows={byPriority} />
        <ComplianceTable title={t('reports.byTeam')} rows={byTeam} />
        <ComplianceTable title={t('reports.byAssignee')} rows={byAssignee} />
        <Backlog bands={data.backlogByAge} />
        <ComplianceTable title={t('reports.satisfactionByTeam')} rows={satisfactionByTeam} columns={satisfactionColumns} />
        <ComplianceTable title={t('reports.satisfactionByAssignee')} rows={satisfactionByAssignee} columns={satisfactionColumns} />
      </div>
      <CreatedVsResolved days={data.createdVsResolved} formatDate={formatDate} />
    </>
  );
}

function Kpi({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <li className="card kpi">
      <span className="kpi__label">{label}</span>
      <span className="kpi__value">{value}</span>
      {detail ? <span className="kpi__detail">{detail}</span> : null}
    </li>
  );
}

/**
 * Compliance (or satisfaction: good, bad, score) as a table whose rate cells carry a bar: the numbers are the content,
 * the bar only shows them.
 */
function ComplianceTable({ title, rows, columns }: { title: string; rows: Compliance[]; columns?: { met: string; breached: string; rate: string } }) {
  const { t, formatNumber } = useI18n();
  const heads = columns ?? { met: t('reports.met'), breached: t('reports.breached'), rate: t('reports.rate') };
  return (
    <figure className="card chart" tabIndex={0}>
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      {rows.length === 0 ? (
        <p className="muted">{t('reports.noData')}</p>
      ) : (
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('reports.item')}</th>
              <th scope="col">{heads.met}</th>
              <th scope="col">{heads.breached}</th>
              <th scope="col">{heads.rate}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.name}</th>
                <td>{formatNumber(r.met)}</td>
                <td>{formatNumber(r.breached)}</td>
                <td className="report-rate">
                  <span className="report-bar" aria-hidden="true">
                    <span className="report-bar__fill" style={{ width: `${(r.rate ?? 0) * 100}%` }} />
                  </span>
                  {formatRate(r.rate, formatNumber)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}

function Backlog({ bands }: { bands: ReportSummary['backlogByAge'] }) {
  const { t, formatNumber } = useI18n();
  const widths = barPercents(bands.map((b) => b.count));
  return (
    <figure className="card chart" tabIndex={0}>
      <figcaption>
        <h2>{t('reports.backlog')}</h2>
      </figcaption>
      <table className="table table--compact">
        <thead>
          <tr>
            <th scope="col">{t('reports.age')}</th>
            <th scope="col">{t('reports.openTickets')}</th>
          </tr>
        </thead>
        <tbody>
          {bands.map((b, i) => (
            <tr key={b.band}>
              <th scope="row">{t(`reports.band.${b.band}` as Parameters<typeof t>[0])}</th>
              <td>
                <span className="report-bar" aria-hidden="true">
                  <span className="report-bar__fill report-bar__fill--backlog" style={{ width: `${widths[i]}%` }} />
                </span>
                {formatNumber(b.count)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Created and resolved per day as paired SVG bars; the figures themselves are in the table below it. */
function CreatedVsResolved({ days, formatDate }: { days: ReportSummary['createdVsResolved']; formatDate: (value: string) => string }) {
  const { t } = useI18n();
  const heights = barPercents(days.flatMap((d) => [d.created, d.resolved]));
  const slot = 12;
  const width = Math.max(days.length * slot, slot);
  return (
    <figure className="card chart report-trend">
      <figcaption>
        <h2>{t('reports.createdVsResolved')}</h2>
      </figcaption>
      <svg className="report-trend__chart" viewBox={`0 0 ${width} 100`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
        {days.map((d, i) => (
          <g key={d.date}>
            <rect className="report-trend__created" x={i * slot + 1} y={100 - heights[i * 2]} width={slot / 2 - 1} height={heights[i * 2]} />
            <rect className="report-trend__resolved" x={i * slot + slot / 2} y={100 - heights[i * 2 + 1]} width={slot / 2 - 1} height={heights[i * 2 + 1]} />
          </g>
        ))}
      </svg>
      <p className="report-trend__legend">
        <span className="report-trend__key report-trend__key--created" aria-hidden="true" /> {t('reports.created')}{' '}
        <span className="report-trend__key report-trend__key--resolved" aria-hidden="true" /> {t('reports.resolved')}
      </p>
      <details>
        <summary>{t('reports.showData')}</summary>
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('reports.date')}</th>
              <th scope="col">{t('reports.created')}</th>
              <th scope="col">{t('reports.resolved')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{formatDate(d.date)}</th>
                <td>{d.created}</td>
                <td>{d.resolved}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
