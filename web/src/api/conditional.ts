import type { ApiClient } from './client';
import { isApiError } from './problem';
import type { QueryValue } from './query';
import type { Conditional } from '../lib/live';

/**
 * A GET with `If-None-Match`: the data and its `ETag`, or `{ notModified: true }` when the server answers 304
 * (nothing changed since that ETag). A 304 is not a failure: the caller keeps what it shows.
 */
export async function getIfChanged<T>(client: ApiClient, path: string, query: Record<string, QueryValue>, ifNoneMatch?: string): Promise<Conditional<T>> {
  try {
    const response = await client.request<T>('GET', path, { query, headers: ifNoneMatch ? { 'If-None-Match': ifNoneMatch } : {} });
    return { notModified: false, data: response.data, etag: response.headers.get('ETag') ?? undefined };
  } catch (error) {
    if (isApiError(error) && error.status === 304) return { notModified: true };
    throw error;
  }
}
