import type { ApiClient } from './client';
import { ApiError, parseRetryAfter } from './problem';
import type { components } from './schema';
import type { Problem } from './types';

/** `POST /attachments` → 201: the upload, the caller's own until a ticket or comment names it in `attachmentIds`. */
export type UploadView = components['schemas']['UploadView'];

/** `GET /attachments/{id}/link`: a read-only address of the bytes, valid until `expiresAt` (minutes). */
export type AttachmentLink = components['schemas']['AttachmentLink'];

/** What an upload in flight reports: bytes sent of the request's total. */
export type OnProgress = (sent: number, total: number) => void;

/** How an upload makes its request (tests give a fake). */
export type MakeRequest = () => XMLHttpRequest;

export interface UploadOptions {
  onProgress?: OnProgress;
  signal?: AbortSignal;
  makeRequest?: MakeRequest;
  now?: () => number;
}

const id = (value: string) => encodeURIComponent(value);

/**
 * Sends one file as `POST /attachments` (multipart, one `file` part). XMLHttpRequest, not fetch, because only it
 * reports the body's progress; the bearer token is the one the API client would send, renewed once on a 401 like
 * every other call. Fails with an ApiError carrying the problem (413 too large, 415 not accepted, 429 with its
 * Retry-After, 0 for the network) or an AbortError when `signal` aborts.
 */
export async function uploadAttachment(client: ApiClient, file: File, options: UploadOptions = {}): Promise<UploadView> {
  const token = await client.bearer();
  try {
    return await send(client, file, token, options);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401 && token)) throw error;
    if (!(await client.refresh(token))) throw error;
    return send(client, file, await client.bearer(), options);
  }
}

function send(client: ApiClient, file: File, token: string | undefined, options: UploadOptions): Promise<UploadView> {
  const { onProgress, signal, makeRequest = () => new XMLHttpRequest(), now = Date.now } = options;
  return new Promise<UploadView>((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('Upload cancelled', 'AbortError'));
    const xhr = makeRequest();
    xhr.open('POST', client.url('/attachments'));
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    };
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object') return resolve(body as UploadView);
      const problem: Problem = { status: xhr.status, title: xhr.statusText || `HTTP ${xhr.status}` };
      const extra = body && typeof body === 'object' ? (body as Problem) : {};
      reject(new ApiError(xhr.status, { ...problem, ...extra }, parseRetryAfter(xhr.getResponseHeader('Retry-After'), now())));
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'Network error', detail: `upload of ${file.name} failed` }));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy's HTML error page: the status says enough.
    return undefined;
  }
}

/** The routes of attachments other than the upload itself. */
export function createAttachmentsApi(client: ApiClient) {
  return {
    upload: (file: File, options?: UploadOptions) => uploadAttachment(client, file, options),
    /** Removes one's own upload that nothing references yet (204); anything else is 404. */
    remove: (attachmentId: string) => client.json<void>('DELETE', `/attachments/${id(attachmentId)}`),
    /** A short-lived read-only address of the bytes: an `<img>` or a link cannot send the bearer token. */
    link: (attachmentId: string) => client.json<AttachmentLink>('GET', `/attachments/${id(attachmentId)}/link`),
  };
}

export type AttachmentsApi = ReturnType<typeof createAttachmentsApi>;
