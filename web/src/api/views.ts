// Saved views of the ticket list (GET/POST /views, PATCH/DELETE /views/{id}), in the shapes of the API's OpenAPI document.
import type { ApiClient } from './client';
import type { components } from './schema';

type Schemas = components['schemas'];

/** A named query of the ticket list: personal (its owner's alone) or shared (every staff member's; admins change it). */
export type SavedView = Schemas['SavedView'];
export type CreateSavedViewRequest = Schemas['CreateSavedViewRequest'];
export type UpdateSavedViewRequest = Schemas['UpdateSavedViewRequest'];

const id = (value: string) => encodeURIComponent(value);

export function createViewsApi(client: ApiClient) {
  return {
    /** The shared views and the caller's own, by name. */
    list: () => client.json<Schemas['SavedViewList']>('GET', '/views').then((r) => r.items),
    create: (body: CreateSavedViewRequest) => client.json<SavedView>('POST', '/views', { body }),
    update: (viewId: string, body: UpdateSavedViewRequest) => client.json<SavedView>('PATCH', `/views/${id(viewId)}`, { body }),
    remove: (viewId: string) => client.json<void>('DELETE', `/views/${id(viewId)}`),
  };
}
