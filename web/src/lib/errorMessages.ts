import { isApiError, type FieldErrors } from '../api/problem';
import type { I18n, MessageKey } from '../i18n';

type Translate = I18n['t'];

/**
 * Problem codes the web words itself. The server's `detail` and field messages are English for people reading raw
 * answers; the screen only ever shows these, in the reader's language. A code missing here falls back to the
 * sentence for its HTTP status, never to the server's text.
 */
const PROBLEM_CODES = {
  already_assigned: 'problem.already_assigned',
  concurrent_changes: 'problem.concurrent_changes',
  dependency_unavailable: 'problem.unavailable',
  duplicate_dni: 'problem.duplicate_dni',
  duplicate_email: 'problem.duplicate_email',
  idempotency_key_reused: 'problem.idempotency_key_reused',
  invitation_not_pending: 'problem.invitation_not_pending',
  invalid_credentials: 'problem.invalid_credentials',
  last_active_admin: 'problem.last_active_admin',
  payload_too_large: 'problem.payload_too_large',
  precondition_failed: 'error.stale',
  team_has_open_tickets: 'problem.team_has_open_tickets',
  team_in_use: 'problem.team_in_use',
  duplicate_category: 'problem.duplicate_category',
  sla_policy_exists: 'problem.sla_policy_exists',
  calendar_exists: 'problem.calendar_exists',
  request_in_progress: 'problem.request_in_progress',
  store_busy: 'problem.unavailable',
  ticket_closed: 'problem.ticket_closed',
  transition_not_allowed: 'problem.transition_not_allowed',
} as const satisfies Record<string, MessageKey>;

/** Field error codes (`errorCodes` in a problem) and their words; unknown codes read as `fieldError.invalid`. */
const FIELD_CODES = {
  required: 'fieldError.required',
  too_short: 'fieldError.too_short',
  too_long: 'fieldError.too_long',
  invalid_characters: 'fieldError.invalid_characters',
  invisible_characters: 'fieldError.invisible_characters',
  invalid_email: 'fieldError.invalid_email',
  invalid_dni: 'fieldError.invalid_dni',
  dni_letter: 'fieldError.dni_letter',
  invalid_phone: 'fieldError.invalid_phone',
  not_allowed: 'fieldError.not_allowed',
  not_boolean: 'fieldError.invalid',
  out_of_range: 'fieldError.out_of_range',
  invalid_date: 'fieldError.invalid_date',
  invalid_range: 'fieldError.invalid_range',
  invalid_cursor: 'fieldError.invalid',
  not_staff: 'fieldError.not_staff',
  wrong_password: 'fieldError.wrong_password',
  invalid_json: 'fieldError.invalid',
  invalid_type: 'fieldError.invalid',
  duplicate_email: 'fieldError.duplicate_email',
  duplicate_dni: 'fieldError.duplicate_dni',
  duplicate: 'fieldError.duplicate',
  duplicate_id: 'fieldError.duplicate',
  duplicate_category: 'fieldError.duplicate',
  not_found: 'fieldError.not_found',
  invalid: 'fieldError.invalid',
} as const satisfies Record<string, MessageKey>;

const STATUS_MESSAGES: Record<number, MessageKey> = {
  0: 'error.network',
  400: 'error.validation',
  401: 'error.unauthorized',
  403: 'error.forbidden',
  404: 'error.notFound',
  409: 'error.conflict',
  412: 'error.stale',
  413: 'problem.payload_too_large',
  503: 'problem.unavailable',
};

function lookup<T extends Record<string, MessageKey>>(table: T, code: string | undefined): MessageKey | undefined {
  return code !== undefined && Object.hasOwn(table, code) ? table[code as keyof T] : undefined;
}

/** A failed call in the reader's words: the problem's code when the web knows it, else its HTTP status. */
export function problemMessage(t: Translate, error: unknown): string {
  if (!isApiError(error)) return t('error.generic');
  if (error.status === 429 && error.code === 'rate_limited') {
    // The account's budget of requests or writes per minute, not a password throttle.
    return error.retryAfter !== null ? t('error.rateLimitedRetry', { seconds: error.retryAfter }) : t('error.rateLimited');
  }
  if (error.status === 429) {
    return error.retryAfter !== null ? t('error.tooManyRetry', { seconds: error.retryAfter }) : t('error.tooMany');
  }
  if (error.code === 'already_assigned') {
    const assignee = error.problem.assignee as { name?: unknown } | undefined;
    if (typeof assignee?.name === 'string') return t('problem.already_assigned_to', { name: assignee.name });
  }
  const key = lookup(PROBLEM_CODES, error.code) ?? STATUS_MESSAGES[error.status] ?? 'error.generic';
  return t(key);
}

/**
 * Each bad field's problems in the reader's words, from the server's codes. A field the server named without codes
 * (an older server) still gets a sentence, the generic one: the English message is never shown.
 */
export function fieldMessages(t: Translate, error: unknown): FieldErrors {
  if (!isApiError(error)) return {};
  const result: FieldErrors = {};
  for (const field of new Set([...Object.keys(error.fieldErrors), ...Object.keys(error.fieldCodes)])) {
    const codes = error.fieldCodes[field] ?? [];
    const words = (codes.length > 0 ? codes : ['invalid']).map((code) => fieldCodeWords(t, code));
    result[field] = [...new Set(words)];
  }
  return result;
}

/** One field error code in the reader's words; an unknown code reads as "this value is not valid". */
export function fieldCodeWords(t: Translate, code: string): string {
  return t(lookup(FIELD_CODES, code) ?? 'fieldError.invalid');
}
