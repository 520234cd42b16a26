// The API's shapes, from the types generated out of its OpenAPI document (schema.d.ts; regenerate with
// `bash scripts/api-types.sh`). Here are only the names the app uses and a generic Page matching the document's
// pages.
import type { components, operations } from './schema';

type Schemas = components['schemas'];

export type Role = Schemas['Role'];
export type Priority = Schemas['Priority'];
export type TicketStatus = Schemas['TicketStatus'];

/** Every value of a union, in display order; the compiler checks none is missing or extra. */
function allOf<T extends string>() {
  return <const V extends readonly T[]>(values: V & ([T] extends [V[number]] ? unknown : 'a value is missing')) => values;
}

export const ROLES = allOf<Role>()(['user', 'technician', 'admin']);
export const PRIORITIES = allOf<Priority>()(['low', 'medium', 'high', 'critical']);
export const STATUSES = allOf<TicketStatus>()(['open', 'in_progress', 'on_hold', 'resolved', 'closed']);

export type User = Schemas['UserView'];
export type TokenResponse = Schemas['TokenResponse'];
export type RegisterRequest = Schemas['RegisterRequest'];
export type CreateUserRequest = Schemas['CreateUserRequest'];
export type UpdateUserRequest = Schemas['UpdateUserRequest'];
export type UpdateProfileRequest = Schemas['UpdateProfileRequest'];

/** A registration form's values, every field as text (the API names whatever is missing or invalid). */
export type RegistrationForm = { [K in keyof Omit<RegisterRequest, 'language'>]-?: string };
export type CreateUserForm = RegistrationForm & { role: Role };

export type Ticket = Schemas['TicketView'];
export type TicketListItem = Schemas['TicketListItem'];
export type TicketActions = Schemas['TicketActions'];
export type SatisfactionRating = Schemas['SatisfactionRating'];
export type Sla = Schemas['TicketSlaView'];
export type SlaReport = Schemas['SlaReport'];
export type SlaCondition = Schemas['SlaCondition'];
export type CreateTicketRequest = Schemas['CreateTicketRequest'];
export type UpdateTicketRequest = Schemas['UpdateTicketRequest'];
export type Transitions = Schemas['TransitionsView'];
export type BulkRequest = Schemas['BulkRequest'];
export type BulkResult = Schemas['BulkResult'];
export type BulkResults = Schemas['BulkResults'];
export type Comment = Schemas['Comment'];
export type HistoryEvent = Schemas['TicketEvent'];
export type HistoryEventType = Schemas['TicketEventType'];
export type TicketStats = Schemas['TicketStats'];
export type RequesterContact = Schemas['RequesterContact'];
export type CategoryList = Schemas['CategoryList'];
/** A file on a ticket or one of its comments (its bytes behind `GET /attachments/{id}/link`). */
export type Attachment = Schemas['Attachment'];
/** A file as history names it. */
export type AttachedFile = Schemas['AttachedFile'];

/** The page every list answers with. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number | null;
}

/** Problem details, RFC 9457, as the API writes them; the client also fills in a synthetic one for network failures. */
export type Problem = Partial<Schemas['ProblemBody']> & { [extension: string]: unknown };

/** The query string of GET /tickets, as the document describes it. */
export type TicketListQuery = NonNullable<operations['ListTickets']['parameters']['query']>;
export type UserListQuery = NonNullable<operations['ListUsers']['parameters']['query']>;

export type Notification = Schemas['Notification'];
export type NotificationType = Schemas['NotificationType'];
export type NotificationPage = Schemas['NotificationPage'];
export type NotificationListQuery = NonNullable<operations['ListNotifications']['parameters']['query']>;
