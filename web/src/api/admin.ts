// Administration's routes: teams, categories, SLA policies, business calendars and the audit log, plus what they add
// to tickets (moving a ticket to another team). The shapes are the generated ones (schema.d.ts, from the API's
// OpenAPI document); every call of these routes lives here.
import type { ApiClient } from './client';
import type { QueryValue } from './query';
import type { components, operations } from './schema';
import type { Ticket } from './types';

type Schemas = components['schemas'];

/** How new tickets of a team are assigned among its active members (the API types it as a string). */
export type AssignmentMode = 'manual' | 'roundRobin' | 'leastLoaded';
export const ASSIGNMENT_MODES: readonly AssignmentMode[] = ['manual', 'roundRobin', 'leastLoaded'];

export type Team = Schemas['TeamView'];
export type CreateTeamRequest = Schemas['CreateTeamRequest'];
/** PATCH: absent fields stay; `description: ""` clears it. */
export type UpdateTeamRequest = Schemas['UpdateTeamRequest'];
/** A ticket's team as tickets carry it. */
export type TeamRef = Schemas['TicketTeam'];

export type Category = Schemas['CategoryView'];
export type CreateCategoryRequest = Schemas['CreateCategoryRequest'];
/** PATCH: absent fields stay; `""` clears `nameEn`, `description`, `teamId` or `slaPolicyId`. */
export type UpdateCategoryRequest = Schemas['UpdateCategoryRequest'];

export type SlaPolicy = Schemas['SlaPolicyView'];
export type SlaPolicyRequest = Schemas['SlaPolicyRequest'];
/** Per priority: minutes (fractions allowed) to the first response and to resolution, and `twentyFourSeven`. */
export type SlaTargets = Schemas['PolicyTargets'];
export type PriorityTargets = Schemas['PriorityTargets'];

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type BusinessCalendar = Schemas['CalendarView'];
export type CalendarRequest = Schemas['CalendarRequest'];
export type CalendarDay = Schemas['CalendarDay'];
export type TimeRange = Schemas['TimeRange'];
export type Holiday = Schemas['Holiday'];

export type AuditEntry = Schemas['AuditEntry'];
export type AuditPage = Schemas['AuditEntryPage'];
export type AuditQuery = NonNullable<operations['ListAudit']['parameters']['query']> & { cursor?: string | null };

/** The management changes the audit log records, as the API names them (`<targetType>.<verb>`). */
export const AUDIT_ACTIONS = [
  'user.invited',
  'user.created',
  'user.role_changed',
  'user.activated',
  'user.deactivated',
  'user.profile_changed',
  'user.invitation_resent',
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
export const AUDIT_TARGET_TYPES = ['user', 'team', 'category', 'slaPolicy', 'calendar'] as const satisfies readonly NonNullable<
  AuditQuery['targetType']
>[number][];

/** The ticket list's `teamId` value meaning "the teams the caller is a member of". */
export const MY_TEAMS = 'mine';

const id = (value: string) => encodeURIComponent(value);
/** If-Match from an entity's `etag` (the API answers it unquoted in bodies, quoted in headers). */
const ifMatch = (etag: string | null | undefined): Record<string, string> =>
  etag ? { 'If-Match': etag.startsWith('"') || etag.startsWith('W/') ? etag : `"${etag}"` } : {};

/** One function per administration route. */
export function createAdminApi(client: ApiClient) {
  return {
    teams: () => client.json<Schemas['TeamList']>('GET', '/teams').then((r) => r.items),
    team: (teamId: string) => client.json<Team>('GET', `/teams/${id(teamId)}`),
    createTeam: (body: CreateTeamRequest) => client.json<Team>('POST', '/teams', { body }),
    updateTeam: (teamId: string, body: UpdateTeamRequest, etag: string) =>
      client.json<Team>('PATCH', `/teams/${id(teamId)}`, { body, headers: ifMatch(etag) }),
    /** 409 `team_has_open_tickets` or `team_in_use` (a category routes to it). */
    deleteTeam: (teamId: string, etag: string) => client.json<void>('DELETE', `/teams/${id(teamId)}`, { headers: ifMatch(etag) }),

    /** Active categories in order; with `all` (admins) the inactive ones too. */
    categories: (all = false) =>
      client.json<Schemas['CategoryList']>('GET', '/categories', { query: { all: all || undefined } }).then((r) => r.items),
    category: (categoryId: string) => client.json<Category>('GET', `/categories/${id(categoryId)}`),
    /** 409 `duplicate_category` naming `id` when the id is taken. */
    createCategory: (body: CreateCategoryRequest) => client.json<Category>('POST', '/categories', { body }),
    updateCategory: (categoryId: string, body: UpdateCategoryRequest, etag: string) =>
      client.json<Category>('PATCH', `/categories/${id(categoryId)}`, { body, headers: ifMatch(etag) }),

    slaPolicies: () => client.json<Schemas['SlaPolicyList']>('GET', '/sla-policies').then((r) => r.items),
    /** The newest version, or a kept one. */
    slaPolicy: (policyId: string, version?: number) =>
      client.json<SlaPolicy>('GET', `/sla-policies/${id(policyId)}`, { query: { version } }),
    /** 409 `sla_policy_exists` when the id is taken. */
    createSlaPolicy: (body: SlaPolicyRequest) => client.json<SlaPolicy>('POST', '/sla-policies', { body }),
    /** The whole policy again, stored as its next version; running tickets keep theirs until it is applied. */
    updateSlaPolicy: (policyId: string, body: SlaPolicyRequest, etag: string | null) =>
      client.json<SlaPolicy>('PUT', `/sla-policies/${id(policyId)}`, { body, headers: ifMatch(etag) }),
    /** Re-plans open tickets' running clocks on the newest version, in the background (202). */
    applySlaPolicy: (policyId: string) =>
      client.json<Schemas['SlaReplanAccepted']>('POST', `/sla-policies/${id(policyId)}/apply`),

    calendars: () => client.json<Schemas['CalendarList']>('GET', '/calendars').then((r) => r.items),
    calendar: (calendarId: string) => client.json<BusinessCalendar>('GET', `/calendars/${id(calendarId)}`),
    /** 409 `calendar_exists` when the id is taken. */
    createCalendar: (body: CalendarRequest) => client.json<BusinessCalendar>('POST', '/calendars', { body }),
    updateCalendar: (calendarId: string, body: CalendarRequest, etag: string) =>
      client.json<BusinessCalendar>('PUT', `/calendars/${id(calendarId)}`, { body, headers: ifMatch(etag) }),
    /** Adds the holidays of an iCalendar file (each VEVENT's date and summary; RRULE:FREQ=YEARLY: yearly). */
    importHolidays: (calendarId: string, ics: string, etag: string) =>
      client.json<BusinessCalendar>('POST', `/calendars/${id(calendarId)}/holidays/import`, {
        text: { body: ics, type: 'text/calendar' },
        headers: ifMatch(etag),
      }),

    audit: (query: AuditQuery) =>
      client.json<AuditPage>('GET', '/audit', { query: query as Record<string, QueryValue> }),

    /** Staff move a ticket to another team, or out of any (null); history says `team_changed`. If-Match: the ticket's ETag. */
    moveTicketToTeam: (ticketId: string, teamId: string | null, etag?: string) =>
      client.json<Ticket>('PUT', `/tickets/${id(ticketId)}/team`, { body: { teamId }, headers: etag ? { 'If-Match': etag } : {} }),
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
