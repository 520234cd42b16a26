import type { UploadOptions, UploadView } from '../api/attachments';
import { ApiError } from '../api/problem';
import { admit, MAX_BYTES } from './attachments';

/** One file of a message being written: on its way, uploaded (its id goes with the message) or refused. */
export interface UploadItem {
  key: string;
  /** The name shown: the server's cleaned name once uploaded. */
  name: string;
  type: string;
  size: number;
  status: 'uploading' | 'done' | 'failed';
  /** Bytes of the request sent so far, of `total`. */
  sent: number;
  total: number;
  upload?: UploadView;
  /** Why it failed (an ApiError: 413, 415, 429, 0 for the network); worded where it is shown, in the reader's language. */
  error?: unknown;
}

export interface UploadState {
  items: readonly UploadItem[];
  /** Files left out of the last offer because the message already had `MAX_FILES`. */
  refused: number;
}

export interface UploadPorts {
  upload: (file: File, options: UploadOptions) => Promise<UploadView>;
  remove: (id: string) => Promise<void>;
  newKey?: () => string;
}

let counter = 0;
const nextKey = () => `upload-${++counter}`;

/**
 * The files of one message (a new ticket, a comment): each starts uploading as soon as it is offered (dropped, picked
 * or pasted) and reports its progress; at most `MAX_FILES` are held; one larger than the known limit is refused
 * without being sent (a courtesy: the server decides, and its 413 says the same). Framework-free, so the rules are
 * tested without a browser; `useUploads` gives it to React.
 */
export class UploadQueue {
  private state: UploadState = { items: [], refused: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly newKey: () => string;

  constructor(private readonly ports: UploadPorts) {
    this.newKey = ports.newKey ?? nextKey;
  }

  readonly snapshot = (): UploadState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The ids to send as `attachmentIds`, in the order the files were offered. */
  get ids(): string[] {
    return this.state.items.flatMap((i) => (i.status === 'done' && i.upload ? [i.upload.id] : []));
  }

  /** True while any file is on its way: the message waits for it. */
  get uploading(): boolean {
    return this.state.items.some((i) => i.status === 'uploading');
  }

  add(files: readonly File[]): void {
    if (files.length === 0) return;
    const held = this.state.items.filter((i) => i.status !== 'failed').length;
    const { accepted, refused } = admit(files, held);
    const fresh = accepted.map((file) => ({ file, item: this.itemFor(file) }));
    this.set({ items: [...this.state.items, ...fresh.map((f) => f.item)], refused: refused.length });
    for (const { file, item } of fresh) if (item.status === 'uploading') this.start(item.key, file);
  }

  /** Takes a file off the message: stops its upload, or deletes an uploaded one (nothing references it yet). */
  remove(key: string): void {
    const item = this.state.items.find((i) => i.key === key);
    if (!item) return;
    this.controllers.get(key)?.abort();
    this.controllers.delete(key);
    this.set({ items: this.state.items.filter((i) => i.key !== key), refused: 0 });
    if (item.status === 'done' && item.upload) this.forget(item.upload.id);
  }

  /** After the message was sent: its files belong to it now, and the list starts empty for the next one. */
  clear(): void {
    this.set({ items: [], refused: 0 });
  }

  /** The form closed without sending: stop what is on its way and delete what was uploaded for nothing. */
  dispose(): void {
    for (const controller of this.controllers.values()) controller.abort();
    this.controllers.clear();
    for (const id of this.ids) this.forget(id);
    this.state = { items: [], refused: 0 };
  }

  private itemFor(file: File): UploadItem {
    const base = { key: this.newKey(), name: file.name, type: file.type, size: file.size, sent: 0, total: file.size };
    if (file.size <= MAX_BYTES) return { ...base, status: 'uploading' };
    const error = new ApiError(413, { status: 413, title: 'Payload Too Large', code: 'payload_too_large', maxBytes: MAX_BYTES });
    return { ...base, status: 'failed', error };
  }

  private start(key: string, file: File): void {
    const controller = new AbortController();
    this.controllers.set(key, controller);
    this.ports
      .upload(file, { signal: controller.signal, onProgress: (sent, total) => this.update(key, { sent, total }) })
      .then(
        (upload) => {
          if (controller.signal.aborted) return this.forget(upload.id);
          this.update(key, { status: 'done', upload, name: upload.fileName, sent: this.item(key)?.total ?? file.size });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) this.update(key, { status: 'failed', error });
        },
      )
      .finally(() => {
        if (this.controllers.get(key) === controller) this.controllers.delete(key);
      });
  }

  /** Best effort: an upload nothing references is swept after 24 h anyway, so a failed delete costs nothing. */
  private forget(id: string): void {
    this.ports.remove(id).catch(() => undefined);
  }

  private item(key: string): UploadItem | undefined {
    return this.state.items.find((i) => i.key === key);
  }

  private update(key: string, patch: Partial<UploadItem>): void {
    if (!this.item(key)) return;
    this.set({ ...this.state, items: this.state.items.map((i) => (i.key === key ? { ...i, ...patch } : i)) });
  }

  private set(state: UploadState): void {
    this.state = state;
    this.listeners.forEach((l) => l());
  }
}
