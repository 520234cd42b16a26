import { createAdminApi } from './admin';
import { createAttachmentsApi } from './attachments';
import type { ApiClient } from './client';
import { createInboundApi } from './inbound';
import { createMacrosApi } from './macros';
import { createReportsApi } from './reports';
import type { QueryValue } from './query';
import type { components } from './schema';
import type {
  BulkRequest,
  BulkResults,
  Comment,
  CreateTicketRequest,
  CreateUserRequest,
  HistoryEvent,
  NotificationListQuery,
  NotificationPage,
  Page,
  RegisterRequest,
  RequesterContact,
  SatisfactionRating,
  SlaReport,
  Ticket,
  TicketListItem,
  TicketListQuery,
  TicketStats,
  TicketStatus,
  Transitions,
  UpdateProfileRequest,
  UpdateTicketRequest,
  UpdateUserRequest,
  User,
  UserListQuery,
} from './types';

type UserResponse = components['schemas']['UserResponse'];
type RegistrationAccepted = components['schemas']['RegistrationAccepted'];
type PasswordChangeRequest = components['schemas']['PasswordChangeRequest'];
type ForgotPasswordRequest = components['schemas']['ForgotPasswordRequest'];
type ResetPasswordRequest = components['schemas']['ResetPasswordRequest'];

/** A list parameter takes one value or several (sent comma-separated); a cursor may be null on the first page. */
type Parameters<Q> = { [K in Exclude<keyof Q, 'cursor'>]?: NonNullable<Q[K]> extends readonly (infer I)[] ? I | readonly I[] : Q[K] } & { cursor?: string | null };

/** GET /tickets filters, as the API's document declares them. */
export type TicketQuery = Parameters<TicketListQuery>;

export type UserQuery = Parameters<UserListQuery>;

export type NotificationQuery = Parameters<NotificationListQuery>;

const id = (value: string) => encodeURIComponent(value);

/** One typed function per route of the API (its OpenAPI document: /api/openapi.json). */
export function createApi(client: ApiClient) {
  return {
    client,
    /** The account at once (verification off), or `verificationSent`: a link went to the address, whoever has it. */
    register: (body: RegisterRequest) =>
      client
        .json<UserResponse | RegistrationAccepted>('POST', '/auth/register', { body, auth: false })
        .then((r): { user: User } | { verificationSent: true } => ('user' in r ? { user: r.user } : { verificationSent: true })),
    me: () => client.json<UserResponse>('GET', '/me').then((r) => r.user),
    updateMe: (body: UpdateProfileRequest) => client.json<UserResponse>('PATCH', '/me', { body }).then((r) => r.user),
    changePassword: (body: PasswordChangeRequest) => client.json<void>('POST', '/me/password', { body }),
    forgotPassword: (body: ForgotPasswordRequest) => client.json<void>('POST', '/auth/password/forgot', { body, auth: false }),
    resetPassword: (body: ResetPasswordRequest) => client.json<void>('POST', '/auth/password/reset', { body, auth: false }),

    listUsers: (query: UserQuery) => client.json<Page<User>>('GET', '/users', { query: query as Record<string, QueryValue> }),
    createUser: (body: CreateUserRequest) => client.json<User>('POST', '/users', { body }),
    updateUser: (userId: string, body: UpdateUserRequest) => client.json<User>('PATCH', `/users/${id(userId)}`, { body }),
    /** A fresh set-password link for an account whose invitation is pending; the earlier links stop working. */
    resendInvitation: (userId: string) => client.json<User>('POST', `/users/${id(userId)}/invitation`),

    listTickets: (query: TicketQuery) =>
      client.json<Page<TicketListItem>>('GET', '/tickets', { query: query as Record<string, QueryValue> }),
    getTicket: async (ticketId: string) => {
      const response = await client.request<Ticket>('GET', `/tickets/${id(ticketId)}`);
      return { ticket: response.data, etag: response.headers.get('ETag') ?? undefined };
    },
    /** The list again only if it changed since `ifNoneMatch` (the ETag of the last answer): polling the queue and tab counts. */
    pollTickets: (query: TicketQuery, ifNoneMatch?: string) =>
      client.conditional<Page<TicketListItem>>('/tickets', { query: query as Record<string, QueryValue>, ifNoneMatch }),
    /** The ticket again only if it changed since `ifNoneMatch` (its ETag, the one `If-Match` uses too). */
    pollTicket: (ticketId: string, ifNoneMatch?: string) => client.conditional<Ticket>(`/tickets/${id(ticketId)}`, { ifNoneMatch }),
    /** The SLA clock explained: policy and version, both targets, pauses and the SLA events. */
    ticketSla: (ticketId: string) => client.json<SlaReport>('GET', `/tickets/${id(ticketId)}/sla`),
    createTicket: (body: CreateTicketRequest, idempotencyKey: string) =>
      client.json<Ticket>('POST', '/tickets', { body, headers: { 'Idempotency-Key': idempotencyKey } }),
    updateTicket: (ticketId: string, body: UpdateTicketRequest, etag?: string) =>
      client.json<Ticket>('PATCH', `/tickets/${id(ticketId)}`, {
        body,
        headers: etag ? { 'If-Match': etag } : {},
      }),
    deleteTicket: (ticketId: string) => client.json<void>('DELETE', `/tickets/${id(ticketId)}`),
    assign: (ticketId: string, assigneeId: string | null) =>
      client.json<Ticket>('PUT', `/tickets/${id(ticketId)}/assignee`, { body: { assigneeId } }),
    changeStatus: (ticketId: string, status: TicketStatus, note?: string, etag?: string) =>
      client.json<Ticket>('PUT', `/tickets/${id(ticketId)}/status`, {
        body: note ? { status, note } : { status },
        headers: etag ? { 'If-Match': etag } : {},
      }),
    /** One action on many tickets (staff): each ticket's own answer comes back in `results`, in the order sent. */
    bulkTickets: (body: BulkRequest) => client.json<BulkResults>('POST', '/tickets/bulk', { body }),
    /** Staff replace the ticket's tags (normalised by the server as `normalizeTag` does); history says `tags_changed`. */
    setTags: (ticketId: string, tags: readonly string[], etag?: string) =>
      client.json<Ticket>('PUT', `/tickets/${id(ticketId)}/tags`, { body: { tags: [...tags] }, headers: etag ? { 'If-Match': etag } : {} }),
    /** Staff link the ticket to another (by id or TCK- number); the other ticket shows the inverse link. */
    linkTicket: (ticketId: string, other: string, type: 'related' | 'duplicate_of' | 'parent_of') =>
      client.json<Ticket>('POST', `/tickets/${id(ticketId)}/links`, { body: { ticketId: other, type } }),
    /** Staff remove the link between the ticket and another, from both. */
    unlinkTicket: (ticketId: string, otherId: string) => client.json<Ticket>('DELETE', `/tickets/${id(ticketId)}/links/${id(otherId)}`),
    /** Staff merge the ticket into another (by id or TCK- number); answers the merged (now closed) ticket. */
    mergeTicket: (ticketId: string, intoId: string) => client.json<Ticket>('POST', `/tickets/${id(ticketId)}/merge`, { body: { intoId } }),
    /** The requester or staff replace who is copied on the ticket (active accounts, not the requester; at most 20). */
    setCcs: (ticketId: string, ccIds: readonly string[], etag?: string) =>
      client.json<Ticket>('PUT', `/tickets/${id(ticketId)}/ccs`, { body: { ccIds: [...ccIds] }, headers: etag ? { 'If-Match': etag } : {} }),
    /** Staff follow (or stop following) a ticket: told of its comments, notes and status changes. Idempotent. */
    follow: (ticketId: string, following: boolean) =>
      client.json<Ticket>(following ? 'PUT' : 'DELETE', `/tickets/${id(ticketId)}/followers/me`),
    /** The active account with exactly this e-mail (for the CC picker); a 404 when there is none. */
    lookUpPerson: (email: string) => client.json<components['schemas']['TicketPerson']>('GET', '/people/lookup', { query: { email } }),
    /** Tag completion (staff): the most used tags starting with `q`, with how many tickets carry each. */
    tags: (q: string) => client.json<components['schemas']['TagCompletion']>('GET', '/tags', { query: { q } }).then((r) => r.items),
    /** Completion for mentions (staff): active technicians and admins whose names start with `q`. */
    staff: (q: string) => client.json<components['schemas']['StaffCompletion']>('GET', '/staff', { query: { q } }).then((r) => r.items),
    transitions: (ticketId: string) => client.json<Transitions>('GET', `/tickets/${id(ticketId)}/transitions`),
    comments: (ticketId: string, cursor?: string | null) =>
      client.json<Page<Comment>>('GET', `/tickets/${id(ticketId)}/comments`, { query: { limit: 100, cursor } }),
    /**
     * A reply or an internal note. With `status` the comment also moves the ticket in the same change ("Enviar y
     * resolver", "Enviar y poner en espera"): a public reply is the move's note. With `etag` (If-Match) a ticket changed
     * since answers 412 and nothing is stored. `attachmentIds` are the caller's uploads the comment brings.
     */
    addComment: (
      ticketId: string,
      body: string,
      internal: boolean,
      idempotencyKey: string,
      options: { status?: TicketStatus; etag?: string; attachmentIds?: readonly string[]; mentions?: readonly string[] } = {},
    ) =>
      client.json<Comment>('POST', `/tickets/${id(ticketId)}/comments`, {
        body: {
          body,
          internal,
          ...(options.status ? { status: options.status } : {}),
          ...(options.attachmentIds?.length ? { attachmentIds: [...options.attachmentIds] } : {}),
          ...(options.mentions?.length ? { mentions: [...options.mentions] } : {}),
        },
        headers: { 'Idempotency-Key': idempotencyKey, ...(options.etag ? { 'If-Match': options.etag } : {}) },
      }),
    history: (ticketId: string, cursor?: string | null) =>
      client.json<Page<HistoryEvent>>('GET', `/tickets/${id(ticketId)}/history`, { query: { limit: 100, cursor } }),
    /** Staff only: how to reach the requester. */
    requesterContact: (ticketId: string) => client.json<RequesterContact>('GET', `/tickets/${id(ticketId)}/requester`),

    notifications: (query: NotificationQuery = {}) =>
      client.json<NotificationPage>('GET', '/notifications', { query: query as Record<string, QueryValue> }),
    /** The bell's page again only if it changed since `ifNoneMatch`. */
    pollNotifications: (query: NotificationQuery = {}, ifNoneMatch?: string) =>
      client.conditional<NotificationPage>('/notifications', { query: query as Record<string, QueryValue>, ifNoneMatch }),
    markRead: (notificationId: string) => client.json<void>('POST', `/notifications/${id(notificationId)}/read`),
    markAllRead: () => client.json<void>('POST', '/notifications/read-all'),

    /** A resolved e-mail's link answered (anonymous: the token is the credential); 409 link_already_used once spent. */
    /** The requester rates the ticket's current resolution (once; a reopening and a new resolution ask again). */
    rate: (ticketId: string, rating: SatisfactionRating, comment?: string) =>
      client.json<Ticket>('POST', `/tickets/${id(ticketId)}/satisfaction`, { body: comment ? { rating, comment } : { rating } }),
    /** A resolved e-mail's satisfaction link: records its rating; the same token with a comment adds the comment, once. */
    answerSatisfaction: (token: string, comment?: string) =>
      client.json<components['schemas']['SatisfactionAnswerView']>('POST', '/satisfaction-answers', {
        body: comment ? { token, comment } : { token },
        auth: false,
      }),
    answerResolution: (token: string, note?: string) =>
      client.json<components['schemas']['ResolutionAnswerView']>('POST', '/resolution-answers', {
        body: note ? { token, note } : { token },
        auth: false,
      }),

    stats: (from?: string, to?: string) => client.json<TicketStats>('GET', '/stats', { query: { from, to } }),

    /** Teams, categories, SLA policies, calendars, the audit log and moving tickets between teams (api/admin.ts). */
    admin: createAdminApi(client),
    /** Uploads, their removal before use, and short-lived links to the bytes (api/attachments.ts). */
    attachments: createAttachmentsApi(client),
    /** The e-mail channel's state, for admins (api/inbound.ts). */
    inbound: createInboundApi(client),
    /** Canned responses for staff and applying one to a ticket (api/macros.ts). */
    macros: createMacrosApi(client),
    /** Business-time reports for staff, and their CSV (api/reports.ts). */
    reports: createReportsApi(client),
  };
}

export type Api = ReturnType<typeof createApi>;

/** Reads every page of a list endpoint (small lists only: comments, history, staff). */
export async function readAll<T>(load: (cursor: string | null) => Promise<Page<T>>, maxPages = 20): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const result: Page<T> = await load(cursor);
    items.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return items;
}
