// Administration's shapes and routes: teams, categories, SLA policies, business calendars and the audit log, plus
// what they add to tickets (the team, the team filter, moving a ticket to another team).
//
// These types are written by hand and mirror the API until `schema.d.ts` is regenerated with these routes
// (`bash scripts/api-types.sh`); then each becomes `components['schemas'][...]` and this file keeps only the calls.
// Every call of these routes lives here, so that switch is one small edit.
import type { ApiClient } from './client';
import type { QueryValue } from './query';
import type { Page, Priority, Ticket, TicketListItem } from './types';

export type AssignmentMode = 'manual' | 'roundRobin' | 'leastLoaded';
export const ASSIGNMENT_MODES: readonly AssignmentMode[] = ['manual', 'roundRobin', 'leastLoaded'];

export interface Team {
  id: string;
  name: string;
  description?: string | null;
  assignment: AssignmentMode;
  memberIds: string[];
  active: boolean;
  etag: string;
}

/** What a create or an edit sends: the team without its server-kept fields. */
export type TeamInput = Omit<Team, 'id' | 'etag'>;

/** A ticket's team as tickets carry it. */
export interface TeamRef {
  id: string;
  name: string;
}

export interface Category {
  id: string;
  name: string;
  nameEn?: string | null;
  description?: string | null;
  teamId?: string | null;
  slaPolicyId?: string | null;
  active: boolean;
  order: number;
}

export type CategoryInput = Omit<Category, 'id'>;

export interface SlaTarget {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

export type SlaTargets = Record<Priority, SlaTarget>;

export interface SlaPolicy {
  id: string;
  name: string;
  version: number;
  targets: SlaTargets;
  /** Null: round the clock (24×7). */
  calendarId?: string | null;
  /** The share of a target after which the clock is "at risk" (0–1). */
  warningAt: number;
  etag: string;
}

export type SlaPolicyInput = Pick<SlaPolicy, 'name' | 'targets' | 'calendarId' | 'warningAt'>;

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface TimeRange {
  from: string;
  to: string;
}

export interface CalendarDay {
  day: Weekday;
  ranges: TimeRange[];
}

export interface Holiday {
  /** `YYYY-MM-DD`. */
  date: string;
  name: string;
  /** Every year on the same day and month. */
  yearly: boolean;
}

export interface BusinessCalendar {
  id: string;
  name: string;
  /** IANA time zone, e.g. `Europe/Madrid`. */
  timeZone: string;
  week: CalendarDay[];
  holidays: Holiday[];
  etag: string;
}

export type CalendarInput = Omit<BusinessCalendar, 'id' | 'etag'>;

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; name: string };
  /** `<targetType>.<verb>`, e.g. `user.role_changed`, `team.created`. */
  action: string;
  target: { type: string; id: string; name: string };
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string | null;
}

/** The management changes the audit log records, as the API names them (`<targetType>.<verb>`). */
export const AUDIT_ACTIONS = [
  'user.invited',
  'user.created',
  'user.role_changed',
  'user.activated',
  'user.deactivated',
  'user.profile_changed',
  'team.created',
  'team.changed',
  'team.deleted',
  'category.created',
  'category.changed',
  'slaPolicy.created',
  'slaPolicy.changed',
  'slaPolicy.applied',
  'calendar.created',
  'calendar.changed',
] as const;

/** The audit's target types, as the API names them. */
export const AUDIT_TARGET_TYPES = ['user', 'team', 'category', 'slaPolicy', 'calendar'] as const;

/**
 * The ticket list's team filter: its query parameter and the value meaning "the caller's teams". The one place
 * to change if the API spells them otherwise.
 */
export const TEAM_FILTER = { param: 'teamId', mine: 'mine' } as const;

/** The list query's team part: team ids or `mine`, sent comma-separated. */
export type TeamFilterQuery = { [K in typeof TEAM_FILTER.param]?: readonly string[] };

export function teamQuery(teamIds: readonly string[]): TeamFilterQuery {
  return teamIds.length > 0 ? { [TEAM_FILTER.param]: teamIds } : {};
}

/** The ticket's team (null: none), as the API adds it to tickets and list items. */
export function ticketTeam(ticket: Ticket | TicketListItem): TeamRef | null {
  return (ticket as { team?: TeamRef | null }).team ?? null;
}

const id = (value: string) => encodeURIComponent(value);
/** If-Match from an entity's `etag` (the API answers it unquoted in bodies, quoted in headers). */
const ifMatch = (etag: string | undefined): Record<string, string> =>
  etag ? { 'If-Match': etag.startsWith('"') || etag.startsWith('W/') ? etag : `"${etag}"` } : {};

/** One function per administration route. */
export function createAdminApi(client: ApiClient) {
  return {
    teams: () => client.json<{ items: Team[] }>('GET', '/teams').then((r) => r.items),
    team: (teamId: string) => client.json<Team>('GET', `/teams/${id(teamId)}`),
    createTeam: (body: TeamInput) => client.json<Team>('POST', '/teams', { body }),
    updateTeam: (teamId: string, body: Partial<TeamInput>, etag: string) =>
      client.json<Team>('PATCH', `/teams/${id(teamId)}`, { body, headers: ifMatch(etag) }),
    deleteTeam: (teamId: string, etag: string) => client.json<void>('DELETE', `/teams/${id(teamId)}`, { headers: ifMatch(etag) }),

    /** Active categories in order; with `all` (admins) the inactive ones too. */
    categories: (all = false) =>
      client.json<{ items: Category[] }>('GET', '/categories', { query: { all: all || undefined } }).then((r) => r.items),
    createCategory: (body: Category) => client.json<Category>('POST', '/categories', { body }),
    updateCategory: (categoryId: string, body: Partial<CategoryInput>) =>
      client.json<Category>('PATCH', `/categories/${id(categoryId)}`, { body }),

    slaPolicies: () => client.json<{ items: SlaPolicy[] }>('GET', '/sla-policies').then((r) => r.items),
    slaPolicy: (policyId: string) => client.json<SlaPolicy>('GET', `/sla-policies/${id(policyId)}`),
    createSlaPolicy: (body: SlaPolicyInput & { id?: string }) => client.json<SlaPolicy>('POST', '/sla-policies', { body }),
    /** A new version of the policy; running tickets keep theirs until it is applied. */
    updateSlaPolicy: (policyId: string, body: SlaPolicyInput, etag: string) =>
      client.json<SlaPolicy>('PUT', `/sla-policies/${id(policyId)}`, { body, headers: ifMatch(etag) }),
    /** Re-plans open tickets' running clocks on the newest version, in the background (202). */
    applySlaPolicy: (policyId: string) => client.json<unknown>('POST', `/sla-policies/${id(policyId)}/apply`),

    calendars: () => client.json<{ items: BusinessCalendar[] }>('GET', '/calendars').then((r) => r.items),
    calendar: (calendarId: string) => client.json<BusinessCalendar>('GET', `/calendars/${id(calendarId)}`),
    createCalendar: (body: CalendarInput & { id?: string }) => client.json<BusinessCalendar>('POST', '/calendars', { body }),
    updateCalendar: (calendarId: string, body: CalendarInput, etag: string) =>
      client.json<BusinessCalendar>('PUT', `/calendars/${id(calendarId)}`, { body, headers: ifMatch(etag) }),

    audit: (query: AuditQuery) =>
      client.json<Page<AuditEntry>>('GET', '/admin/audit', { query: query as Record<string, QueryValue> }),

    /** Staff move a ticket to another team (its history says `team_changed`); If-Match is the ticket's ETag. */
    moveTicketToTeam: (ticketId: string, teamId: string, etag?: string) =>
      client.json<Ticket>('PATCH', `/tickets/${id(ticketId)}`, { body: { teamId }, headers: etag ? { 'If-Match': etag } : {} }),
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
