import { useMemo, useState, type ReactElement, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PRIORITIES, STATUSES, type Priority, type TicketStatus } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { useI18n } from '../i18n';
import { everyDay } from '../lib/days';
import { localDayEnd, localDayStart } from '../lib/filters';
import { useLoad } from '../lib/useLoad';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { LoadFailed, Skeleton } from '../components/Loading';

const STATUS_COLORS: Record<TicketStatus, string> = {
  open: '#1d4ed8',
  in_progress: '#7c3aed',
  on_hold: '#b45309',
  resolved: '#047857',
  closed: '#4b5563',
};
const PRIORITY_COLORS: Record<Priority, string> = { low: '#4b5563', medium: '#1d4ed8', high: '#b45309', critical: '#b91c1c' };

function isoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export default function Dashboard() {
  const { t, formatNumber, formatDate } = useI18n();
  useDocumentTitle(t('dashboard.title'));
  const { api } = useAuth();
  const [range, setRange] = useState(() => {
    const to = new Date();
    const from = new Date(to.getTime() - 29 * 86_400_000);
    return { from: isoDate(from), to: isoDate(to) };
  });

  const stats = useLoad(
    () => api.stats(range.from ? localDayStart(range.from) : undefined, range.to ? localDayEnd(range.to) : undefined),
    [range.from, range.to],
  );

  const data = stats.data;
  const byStatus = useMemo(() => STATUSES.map((s) => ({ key: s, name: t(`status.${s}`), count: data?.byStatus[s] ?? 0 })), [data, t]);
  const byPriority = useMemo(() => PRIORITIES.map((p) => ({ key: p, name: t(`priority.${p}`), count: data?.byPriority[p] ?? 0 })), [data, t]);
  const perAssignee = useMemo(
    () => (data?.openByAssignee ?? []).map((a) => ({ key: a.assigneeId ?? 'none', name: a.name ?? t('ticket.unassigned'), count: a.open })),
    [data, t],
  );
  const perDay = useMemo(
    () => (data ? everyDay(data.from, data.to, data.createdPerDay) : []).map((d) => ({ key: d.day, name: formatDate(d.day), count: d.count })),
    [data, formatDate],
  );
  const anyPerDay = perDay.some((d) => d.count > 0);

  const minutes = (value: number | null) => (value === null ? '—' : formatDurationMinutes(value, formatNumber));

  return (
    <section className="page">
      <div className="page__header">
        <h1>{t('dashboard.title')}</h1>
      </div>
      <form className="filters" aria-label={t('dashboard.range')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="stats-from">{t('filters.from')}</label>
          <input id="stats-from" type="date" value={range.from} max={range.to} onChange={(e) => setRange({ ...range, from: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="stats-to">{t('filters.to')}</label>
          <input id="stats-to" type="date" value={range.to} min={range.from} onChange={(e) => setRange({ ...range, to: e.target.value })} />
        </div>
      </form>
      {data ? <ErrorAlert error={stats.error} /> : <LoadFailed error={stats.error} onRetry={stats.reload} />}
      {stats.loading && !data ? <Skeleton rows={4} variant="block" /> : null}
      {data ? (
        <>
          <ul className="kpis" aria-label={t('dashboard.kpis')}>
            <Kpi label={t('dashboard.compliance')} value={data.sla.compliancePercent === null ? '—' : `${formatNumber(data.sla.compliancePercent, 1)} %`} />
            <Kpi label={t('dashboard.slaMet')} value={formatNumber(data.sla.met)} />
            <Kpi label={t('dashboard.slaBreached')} value={formatNumber(data.sla.breached)} />
            <Kpi label={t('dashboard.meanFirstResponse')} value={minutes(data.meanMinutesToFirstResponse)} />
            <Kpi label={t('dashboard.meanResolution')} value={minutes(data.meanMinutesToResolution)} />
          </ul>
          <div className="charts">
            <Chart title={t('dashboard.byStatus')} rows={byStatus}>
              <BarChart accessibilityLayer={false} data={byStatus} layout="vertical" margin={{ left: 8, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="name" width={110} interval={0} />
                <Tooltip />
                <Bar isAnimationActive={false} dataKey="count" name={t('dashboard.tickets')}>
                  {byStatus.map((c) => (
                    <Cell key={c.key} fill={STATUS_COLORS[c.key]} />
                  ))}
                </Bar>
              </BarChart>
            </Chart>
            <Chart title={t('dashboard.byPriority')} rows={byPriority}>
              <BarChart accessibilityLayer={false} data={byPriority} layout="vertical" margin={{ left: 8, right: 16 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="name" width={110} interval={0} />
                <Tooltip />
                <Bar isAnimationActive={false} dataKey="count" name={t('dashboard.tickets')}>
                  {byPriority.map((c) => (
                    <Cell key={c.key} fill={PRIORITY_COLORS[c.key]} />
                  ))}
                </Bar>
              </BarChart>
            </Chart>
            <Chart title={t('dashboard.perAssignee')} rows={perAssignee}>
              <BarChart accessibilityLayer={false} data={perAssignee} layout="vertical" margin={{ left: 24 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" allowDecimals={false} />
                <YAxis type="category" dataKey="name" width={120} interval={0} />
                <Tooltip />
                <Bar isAnimationActive={false} dataKey="count" name={t('dashboard.openTickets')} fill="#7c3aed" />
              </BarChart>
            </Chart>
            <Chart title={t('dashboard.perDay')} rows={anyPerDay ? perDay : []}>
              {/* Bars, one per day: a day without tickets is a visible zero, not a line drawn across it. */}
              <BarChart accessibilityLayer={false} data={perDay} margin={{ right: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" minTickGap={16} />
                <YAxis allowDecimals={false} width={32} />
                <Tooltip />
                <Bar isAnimationActive={false} dataKey="count" name={t('dashboard.tickets')} fill="#1d4ed8" minPointSize={0} />
              </BarChart>
            </Chart>
          </div>
        </>
      ) : null}
    </section>
  );
}

function formatDurationMinutes(total: number, formatNumber: (n: number, d?: number) => string): string {
  if (total < 60) return `${formatNumber(total, 0)} min`;
  if (total < 1440) return `${formatNumber(total / 60, 1)} h`;
  return `${formatNumber(total / 1440, 1)} d`;
}

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <li className="card kpi">
      <span className="kpi__label">{label}</span>
      <span className="kpi__value">{value}</span>
    </li>
  );
}

/** A chart plus the same figures as a table, for screen readers and for anyone who prefers numbers. */
function Chart({ title, rows, children }: { title: string; rows: { key: string; name: string; count: number }[]; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <figure className="card chart">
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      {rows.length === 0 ? (
        <p className="muted">{t('dashboard.noData')}</p>
      ) : (
        <>
          {/* Hidden from assistive technology in favour of the data table below, so the chart takes no focus either. */}
          <div className="chart__canvas" aria-hidden="true">
            <ResponsiveContainer width="100%" height={240}>
              {children as ReactElement}
            </ResponsiveContainer>
          </div>
          <details>
            <summary>{t('dashboard.showData')}</summary>
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.item')}</th>
                  <th scope="col">{t('dashboard.tickets')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.name}</th>
                    <td>{r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </figure>
  );
}
