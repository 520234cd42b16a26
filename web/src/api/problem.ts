import type { Problem } from './types';

export type FieldErrors = Record<string, string[]>;

/**
 * Normalises the `errors` member of a problem into `{ fieldName: [messages] }` keyed the way the
 * forms name their fields. Servers spell keys as `email`, `Email`, `$.email` or `body.firstNames`;
 * all become the camelCase last segment.
 */
export function parseFieldErrors(errors: Problem['errors'] | null | undefined): FieldErrors {
  const result: FieldErrors = {};
  if (!errors || typeof errors !== 'object') return result;
  for (const [rawKey, value] of Object.entries(errors)) {
    const key = normaliseFieldName(rawKey);
    const messages = (Array.isArray(value) ? value : [value]).filter(
      (m): m is string => typeof m === 'string' && m.length > 0,
    );
    if (messages.length === 0) continue;
    (result[key] ??= []).push(...messages);
  }
  return result;
}

export function normaliseFieldName(raw: string): string {
  const segments = raw.replace(/\[\d+\]/g, '').split(/[.$/]+/).filter(Boolean);
  const last = segments.length > 0 ? segments[segments.length - 1] : raw;
  return last.charAt(0).toLowerCase() + last.slice(1);
}

/** An HTTP failure, carrying the problem details the server sent (or a synthetic one). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly fieldErrors: FieldErrors;
  /** Field name → the server's stable codes for its problems (`errorCodes`), for words in the reader's language. */
  readonly fieldCodes: FieldErrors;
  /** Seconds from `Retry-After`, when the server sent one (429). */
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem, retryAfter: number | null = null) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.fieldErrors = parseFieldErrors(problem.errors);
    this.fieldCodes = parseFieldErrors(problem.errorCodes);
    this.retryAfter = retryAfter;
  }

  /** The problem's stable `code` (validation_failed, already_assigned, duplicate_email, …), if the server sent one. */
  get code(): string | undefined {
    return typeof this.problem.code === 'string' ? this.problem.code : undefined;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}
