// Shapes of the HTTP contract (DESIGN §2–§3): camelCase JSON, UTC ISO-8601, lowercase enums.

export type Role = 'user' | 'technician' | 'admin';
export const ROLES: readonly Role[] = ['user', 'technician', 'admin'];

export type Priority = 'low' | 'medium' | 'high' | 'critical';
export const PRIORITIES: readonly Priority[] = ['low', 'medium', 'high', 'critical'];

export type TicketStatus = 'open' | 'in_progress' | 'on_hold' | 'resolved' | 'closed';
export const STATUSES: readonly TicketStatus[] = ['open', 'in_progress', 'on_hold', 'resolved', 'closed'];

export interface User {
  id: string;
  email: string;
  dni: string;
  phone: string;
  firstNames: string;
  lastNames: string;
  department: string;
  role: Role;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export interface TokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  user: User;
}

export interface RegisterRequest {
  dni: string;
  phone: string;
  firstNames: string;
  lastNames: string;
  department: string;
  email: string;
  password: string;
}

export interface CreateUserRequest extends RegisterRequest {
  role: Role;
}

export interface UpdateUserRequest {
  role?: Role;
  active?: boolean;
  department?: string;
  phone?: string;
  firstNames?: string;
  lastNames?: string;
}

export interface Sla {
  policy?: string;
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  escalationLevel: number;
  pausedAt?: string | null;
}

export interface Ticket {
  id: string;
  number: string;
  title: string;
  description: string;
  priority: Priority;
  category?: string | null;
  status: TicketStatus;
  requester: { id: string; name: string; department: string };
  assignee: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  commentCount: number;
  sla: Sla | null;
  etag?: string;
}

/** A ticket as lists return it (GET /tickets): no description; the SLA as its server-computed condition. */
export interface TicketListItem {
  id: string;
  number: string;
  title: string;
  priority: Priority;
  category?: string | null;
  status: TicketStatus;
  requester: { id: string; name: string; department: string };
  assignee: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  commentCount: number;
  sla: { state: string; target: string; dueAt: string; warningAt: string; remainingMinutes: number | null };
  etag?: string;
}

export interface CreateTicketRequest {
  title: string;
  description: string;
  priority?: Priority;
  category?: string;
}

export type UpdateTicketRequest = Partial<CreateTicketRequest>;

export interface Comment {
  id: string;
  ticketId: string;
  author: { id: string; name: string; role: Role };
  body: string;
  internal: boolean;
  createdAt: string;
}

export type HistoryEventType =
  | 'created'
  | 'updated'
  | 'status_changed'
  | 'assigned'
  | 'priority_changed'
  | 'commented'
  | 'sla_started'
  | 'sla_paused'
  | 'sla_resumed'
  | 'sla_met'
  | 'sla_warning'
  | 'sla_breached'
  | 'escalated'
  | 'deleted';

export interface HistoryEvent {
  id: string;
  ticketId: string;
  type: HistoryEventType | string;
  actor: { id: string; name: string } | 'system' | null;
  at: string;
  data?: Record<string, unknown> | null;
}

export interface Transitions {
  current: TicketStatus;
  allowed: { status: TicketStatus; requiresNote: boolean }[];
}

export interface Notification {
  id: string;
  recipientId: string;
  type: string;
  ticketId: string;
  ticketNumber: string;
  title: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

export interface NotificationPage extends Page<Notification> {
  unreadCount: number;
}

/** Problem details, RFC 9457. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  traceId?: string;
  errors?: Record<string, string[] | string>;
  [extension: string]: unknown;
}
