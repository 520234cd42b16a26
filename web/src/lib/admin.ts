import {
  ASSIGNMENT_MODES,
  AUDIT_TARGET_TYPES,
  WEEKDAYS,
  type AssignmentMode,
  type AuditQuery,
  type CalendarDay,
  type SlaTargets,
  type TimeRange,
  type Weekday,
} from '../api/admin';
import { isApiError } from '../api/problem';
import { PRIORITIES, ROLES, type Priority, type Role } from '../api/types';
import { fieldCodeWords } from './errorMessages';
import { localDayEnd, localDayStart } from './filters';
import type { I18n } from '../i18n';

/**
 * A stable id from a name, as the API's slugs are written: `Redes y VPN` → `redes-y-vpn`. Categories take up to 50
 * characters; SLA policies and calendars up to 40, starting with a letter (`letterFirst`).
 */
export function slugify(name: string, max = 50, letterFirst = false): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (letterFirst ? slug.replace(/^[^a-z]+/, '') : slug).slice(0, max).replace(/-+$/, '');
}

/** Minutes (fractions allowed) as the two boxes of a target's cell: whole hours and the minutes left over. */
export function splitMinutes(total: number): { hours: string; minutes: string } {
  const safe = Number.isFinite(total) && total > 0 ? total : 0;
  const hours = Math.floor(safe / 60);
  // Two decimals at most: a target of 0.5 minutes stays 0.5, float noise does not show.
  const minutes = Math.round((safe - hours * 60) * 100) / 100;
  return { hours: String(hours), minutes: String(minutes) };
}

/**
 * The minutes two boxes say, or NaN when hours are not a whole non-negative number or minutes not a non-negative
 * number (fractions allowed, with a point or a comma; an empty box is 0). The API judges the range; the form only
 * refuses what is not a number at all.
 */
export function joinMinutes(hours: string, minutes: string): number {
  const read = (text: string, pattern: RegExp) => {
    const value = text.trim().replace(',', '.');
    return value === '' ? 0 : pattern.test(value) ? Number(value) : Number.NaN;
  };
  return read(hours, /^\d+$/) * 60 + read(minutes, /^\d+(\.\d+)?$/);
}

/** "8 h 30 min", "45 min", "3 h", "0,5 min" (numbers in the reader's way when `formatNumber` is given). */
export function formatMinutes(total: number, t: I18n['t'], formatNumber: (n: number) => string = String): string {
  const { hours, minutes } = splitMinutes(total);
  const words = { hours: formatNumber(Number(hours)), minutes: formatNumber(Number(minutes)) };
  if (hours === '0') return t('admin.minutes', words);
  return minutes === '0' ? t('admin.hours', words) : t('admin.hoursMinutes', words);
}

type Duration = { hours: string; minutes: string };
export type TargetCells = Record<Priority, { firstResponse: Duration; resolution: Duration; twentyFourSeven: boolean }>;

export function targetCells(targets: SlaTargets): TargetCells {
  return Object.fromEntries(
    PRIORITIES.map((p) => [
      p,
      {
        firstResponse: splitMinutes(targets[p].firstResponseMinutes),
        resolution: splitMinutes(targets[p].resolutionMinutes),
        twentyFourSeven: targets[p].twentyFourSeven ?? false,
      },
    ]),
  ) as TargetCells;
}

export function cellsToTargets(cells: TargetCells): SlaTargets {
  return Object.fromEntries(
    PRIORITIES.map((p) => [
      p,
      {
        firstResponseMinutes: joinMinutes(cells[p].firstResponse.hours, cells[p].firstResponse.minutes),
        resolutionMinutes: joinMinutes(cells[p].resolution.hours, cells[p].resolution.minutes),
        twentyFourSeven: cells[p].twentyFourSeven,
      },
    ]),
  ) as SlaTargets;
}

/** A new policy's starting point when there is no default to copy: the seed's targets (hours 1/4, 4/24, 8/72, 24/120). */
export const DEFAULT_TARGETS: SlaTargets = {
  critical: { firstResponseMinutes: 60, resolutionMinutes: 240, twentyFourSeven: false },
  high: { firstResponseMinutes: 240, resolutionMinutes: 1440, twentyFourSeven: false },
  medium: { firstResponseMinutes: 480, resolutionMinutes: 4320, twentyFourSeven: false },
  low: { firstResponseMinutes: 1440, resolutionMinutes: 7200, twentyFourSeven: false },
};

/** One day of the week grid: its name and its ranges (none: closed). */
export interface WeekDay {
  day: Weekday;
  ranges: TimeRange[];
}

/** The seven days in order, each with the ranges the calendar has for it (none: closed that day). */
export function fullWeek(week: readonly CalendarDay[]): WeekDay[] {
  return WEEKDAYS.map((day) => ({ day, ranges: week.find((d) => d.day === day)?.ranges.map((r) => ({ ...r })) ?? [] }));
}

/** Monday to Friday, 08:00–15:00: a new calendar's starting point. */
export function officeWeek(): WeekDay[] {
  return WEEKDAYS.map((day) => ({ day, ranges: day === 'saturday' || day === 'sunday' ? [] : [{ from: '08:00', to: '15:00' }] }));
}

/** The browser's IANA time zones, for the calendar's picker (empty where the browser cannot list them). */
export function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

/**
 * Each bad field's problems keyed by its whole path, as the nested forms name their controls
 * (`targets.critical.firstResponseMinutes`, `week.0.ranges.1.from`, `holidays.2.date`): the flat field errors keep
 * only the last segment, which the SLA table and the week grid have many of.
 */
export function pathMessages(t: I18n['t'], error: unknown): Record<string, string[]> {
  if (!isApiError(error)) return {};
  const messages = byPath(error.problem.errors);
  const codes = byPath(error.problem.errorCodes);
  const result: Record<string, string[]> = {};
  for (const path of new Set([...Object.keys(messages), ...Object.keys(codes)])) {
    const named = codes[path] ?? [];
    result[path] = [...new Set((named.length > 0 ? named : ['invalid']).map((code) => fieldCodeWords(t, code)))];
  }
  return result;
}

function byPath(raw: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (!raw || typeof raw !== 'object') return result;
  for (const [key, value] of Object.entries(raw)) {
    (result[errorPath(key)] ??= []).push(...(Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string'));
  }
  return result;
}

/** `$.week[0].Ranges[1].from` → `week.0.ranges.1.from`. */
export function errorPath(raw: string): string {
  return raw
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[.$/]+/)
    .filter((s) => s !== '' && s !== 'body')
    .map((s) => s.charAt(0).toLowerCase() + s.slice(1))
    .join('.');
}

/** The audit's filters, as the URL of the audit page keeps them. */
export interface AuditFilters {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  /** Local calendar dates, `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
}

const AUDIT_KEYS = ['actor', 'action', 'targetType', 'targetId', 'from', 'to'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function auditFiltersFromParams(params: URLSearchParams): AuditFilters {
  const get = (key: string) => (params.get(key) ?? '').trim();
  const targetType = get('targetType');
  return {
    actor: get('actor'),
    action: get('action'),
    targetType: (AUDIT_TARGET_TYPES as readonly string[]).includes(targetType) ? targetType : '',
    targetId: get('targetId'),
    from: DATE.test(get('from')) ? get('from') : '',
    to: DATE.test(get('to')) ? get('to') : '',
  };
}

export function auditFiltersToParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of AUDIT_KEYS) if (filters[key].trim()) params.set(key, filters[key].trim());
  return params;
}

/** The API's query for the filters: dates become the instants of the local days' start and end. */
export function auditQuery(filters: AuditFilters, limit = 50): AuditQuery {
  const query: AuditQuery = { limit };
  if (filters.actor) query.actor = filters.actor;
  if (filters.action) query.action = [filters.action];
  if (filters.targetType) query.targetType = [filters.targetType as (typeof AUDIT_TARGET_TYPES)[number]];
  if (filters.targetId) query.targetId = filters.targetId;
  if (filters.from) query.from = localDayStart(filters.from);
  if (filters.to) query.to = localDayEnd(filters.to);
  return query;
}

/** One changed field of an audit entry. */
export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * What an audit entry changed, field by field: every field of the `after` on a create, of the `before` on a delete,
 * and only the fields that differ on a change. A value that is not an object is one change named by the empty field.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(before) && !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: '', before, after }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => f !== 'etag');
  return fields
    .filter((f) => JSON.stringify(b[f]) !== JSON.stringify(a[f]))
    .map((field) => ({ field, before: isRecord(before) ? b[field] : undefined, after: isRecord(after) ? a[field] : undefined }));
}

/** A field's value in words: yes/no, lists joined, objects as compact JSON, nothing as a dash. */
export function auditValue(value: unknown, t: I18n['t']): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Names for the ids an audit entry holds (people, teams, policies, calendars); unknown ids stay as they are. */
export interface AuditLookups {
  person?: (id: string) => string | undefined;
  team?: (id: string) => string | undefined;
  policy?: (id: string) => string | undefined;
  calendar?: (id: string) => string | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One field's value of an audit entry in the reader's words: modes, roles and weekdays translated, ids named, SLA
 * targets, a week and holidays written out; anything else as `auditValue` says it.
 */
export function auditFieldValue(field: string, value: unknown, i18n: Pick<I18n, 't' | 'formatNumber'>, lookups: AuditLookups = {}): string {
  const { t, formatNumber } = i18n;
  if (value === null || value === undefined || value === '') return '—';
  const name = (lookup: ((id: string) => string | undefined) | undefined, id: unknown) =>
    typeof id === 'string' ? (lookup?.(id) ?? id) : auditValue(id, t);
  switch (field) {
    case 'assignment':
      return typeof value === 'string' && (ASSIGNMENT_MODES as readonly string[]).includes(value) ? t(`teams.mode.${value as AssignmentMode}`) : auditValue(value, t);
    case 'role':
      return typeof value === 'string' && (ROLES as readonly string[]).includes(value) ? t(`role.${value as Role}`) : auditValue(value, t);
    case 'memberIds':
      return Array.isArray(value) && value.length > 0 ? value.map((id) => name(lookups.person, id)).join(', ') : '—';
    case 'teamId':
      return name(lookups.team, value);
    case 'slaPolicyId':
      return name(lookups.policy, value);
    case 'calendarId':
      return name(lookups.calendar, value);
    case 'reason':
      return value === 'calendar_changed' ? t('audit.reason.calendar_changed') : auditValue(value, t);
    case 'warningAt':
      return typeof value === 'number' ? `${formatNumber(Math.round(value * 10000) / 100)} %` : auditValue(value, t);
    case 'targets':
      if (!isObject(value)) break;
      return [...PRIORITIES]
        .reverse()
        .filter((p) => isObject(value[p]))
        .map((p) => {
          const target = value[p] as Record<string, unknown>;
          const minutes = (v: unknown) => (typeof v === 'number' ? formatMinutes(v, t, formatNumber) : '—');
          const clock = target.twentyFourSeven === true ? ` (${t('slaPolicies.twentyFourSeven')})` : '';
          return `${t(`priority.${p}`)}: ${minutes(target.firstResponseMinutes)} / ${minutes(target.resolutionMinutes)}${clock}`;
        })
        .join('; ');
    case 'week':
      if (!Array.isArray(value)) break;
      return value
        .filter(isObject)
        .map((d) => {
          const day = typeof d.day === 'string' && (WEEKDAYS as readonly string[]).includes(d.day) ? t(`weekday.${d.day as Weekday}`) : String(d.day);
          const ranges = Array.isArray(d.ranges) ? d.ranges.filter(isObject).map((r) => `${String(r.from)}–${String(r.to)}`) : [];
          return `${day} ${ranges.length > 0 ? ranges.join(', ') : t('calendars.closed')}`;
        })
        .join('; ');
    case 'holidays':
      if (!Array.isArray(value)) break;
      return value.length === 0
        ? '—'
        : value
            .filter(isObject)
            .map((h) => `${String(h.date)} ${String(h.name ?? '')}${h.yearly === true ? ` (${t('calendars.yearly')})` : ''}`.trim())
            .join('; ');
  }
  return auditValue(value, t);
}
