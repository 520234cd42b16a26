/**
 * `GET /stats` is specified by content, not by field names (DESIGN §3), so the dashboard reads it
 * through this one adapter: each figure is looked up under the names a server is likely to use,
 * and counts may come as a map (`{open: 3}`) or a list (`[{status: "open", count: 3}]`).
 */
export interface Count {
  key: string;
  label?: string;
  count: number;
}

export interface DashboardStats {
  byStatus: Count[];
  byPriority: Count[];
  openPerAssignee: Count[];
  createdPerDay: { date: string; count: number }[];
  slaMet: number | null;
  slaBreached: number | null;
  slaCompliancePercent: number | null;
  meanMinutesToFirstResponse: number | null;
  meanMinutesToResolution: number | null;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function pick(source: Json, names: string[]): unknown {
  for (const name of names) {
    if (name.includes('.')) {
      const [head, ...rest] = name.split('.');
      const inner = source[head];
      if (isObject(inner)) {
        const value = pick(inner, [rest.join('.')]);
        if (value !== undefined) return value;
      }
    } else if (source[name] !== undefined && source[name] !== null) {
      return source[name];
    }
  }
  return undefined;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function toCounts(value: unknown, keyNames: string[]): Count[] {
  if (Array.isArray(value)) {
    return value.filter(isObject).map((item) => {
      const key = String(pick(item, keyNames) ?? '');
      const label = pick(item, ['name', 'assigneeName', 'label']);
      return {
        key,
        label: typeof label === 'string' ? label : undefined,
        count: num(pick(item, ['count', 'total', 'value', 'open'])) ?? 0,
      };
    });
  }
  if (isObject(value)) {
    return Object.entries(value).map(([key, count]) => ({ key, count: num(count) ?? 0 }));
  }
  return [];
}

export function normaliseStats(raw: unknown): DashboardStats {
  const s = isObject(raw) ? raw : {};
  const perDay = pick(s, ['createdPerDay', 'ticketsCreatedPerDay', 'createdByDay', 'perDay']);
  const createdPerDay = toCounts(perDay, ['date', 'day']).map((c) => ({ date: c.key.slice(0, 10), count: c.count }));
  createdPerDay.sort((a, b) => a.date.localeCompare(b.date));

  const met = num(pick(s, ['sla.met', 'slaMet', 'sla.metCount']));
  const breached = num(pick(s, ['sla.breached', 'slaBreached', 'sla.breachedCount']));
  let compliance = num(pick(s, ['sla.compliancePercent', 'sla.compliance', 'slaCompliancePercent', 'slaCompliance']));
  if (compliance === null && met !== null && breached !== null && met + breached > 0) {
    compliance = (met / (met + breached)) * 100;
  }

  return {
    byStatus: toCounts(pick(s, ['byStatus', 'countsByStatus', 'status']), ['status', 'key']),
    byPriority: toCounts(pick(s, ['byPriority', 'countsByPriority', 'priority']), ['priority', 'key']),
    openPerAssignee: toCounts(pick(s, ['openPerAssignee', 'openByAssignee', 'byAssignee']), [
      'assigneeName',
      'name',
      'assigneeId',
      'key',
    ]),
    createdPerDay,
    slaMet: met,
    slaBreached: breached,
    slaCompliancePercent: compliance,
    meanMinutesToFirstResponse: num(
      pick(s, ['meanMinutesToFirstResponse', 'meanFirstResponseMinutes', 'avgMinutesToFirstResponse', 'firstResponse.meanMinutes']),
    ),
    meanMinutesToResolution: num(
      pick(s, ['meanMinutesToResolution', 'meanResolutionMinutes', 'avgMinutesToResolution', 'resolution.meanMinutes']),
    ),
  };
}
