import { describe, expect, it } from 'vitest';
import type { UploadOptions, UploadView } from '../api/attachments';
import { ApiError } from '../api/problem';
import { MAX_BYTES, MAX_FILES } from './attachments';
import { UploadQueue } from './uploads';

/** A fake server whose uploads finish when the test says so. */
function fakeServer() {
  const started: { file: File; options: UploadOptions; resolve: (v: UploadView) => void; reject: (e: unknown) => void }[] = [];
  const removed: string[] = [];
  let n = 0;
  const queue = new UploadQueue({
    upload: (file, options) =>
      new Promise<UploadView>((resolve, reject) => {
        started.push({ file, options, resolve, reject });
        options.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      }),
    remove: async (id) => {
      removed.push(id);
    },
    newKey: () => `k${++n}`,
  });
  const finish = async (i: number, id = `att-${i}`) => {
    const { file, resolve } = started[i];
    resolve({ id, fileName: file.name, contentType: file.type, size: file.size, sha256: 'ab' });
    await Promise.resolve();
    await Promise.resolve();
  };
  return { queue, started, removed, finish };
}

const png = (name = 'captura.png', size = 4) => new File([new Uint8Array(size)], name, { type: 'image/png' });
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('the files of a message', () => {
  it('upload at once, report their progress, and hold the message until every one is up', async () => {
    const { queue, started, finish } = fakeServer();
    queue.add([png('a.png'), png('b.png')]);
    expect(started).toHaveLength(2);
    expect(queue.uploading).toBe(true);

    started[0].options.onProgress?.(2, 4);
    expect(queue.snapshot().items[0]).toMatchObject({ status: 'uploading', sent: 2, total: 4 });

    await finish(0);
    expect(queue.uploading).toBe(true);
    await finish(1);
    expect(queue.uploading).toBe(false);
    expect(queue.ids).toEqual(['att-0', 'att-1']);
  });

  it('keep each failure on its own file, and only the uploaded ones go with the message', async () => {
    const { queue, started, finish } = fakeServer();
    queue.add([png('ok.png'), png('page.html')]);
    await finish(0);
    started[1].reject(new ApiError(415, { status: 415 }));
    await flush();
    expect(queue.snapshot().items.map((i) => i.status)).toEqual(['done', 'failed']);
    expect((queue.snapshot().items[1].error as ApiError).status).toBe(415);
    expect(queue.ids).toEqual(['att-0']);
  });

  it('refuse a file over the known limit without sending it', () => {
    const { queue, started } = fakeServer();
    queue.add([png('big.png', MAX_BYTES + 1)]);
    expect(started).toHaveLength(0);
    const [item] = queue.snapshot().items;
    expect(item.status).toBe('failed');
    expect((item.error as ApiError).status).toBe(413);
  });

  it('are at most ten: the rest are left out and counted', () => {
    const { queue, started } = fakeServer();
    queue.add(Array.from({ length: MAX_FILES - 1 }, (_, i) => png(`${i}.png`)));
    queue.add([png('x.png'), png('y.png'), png('z.png')]);
    expect(started).toHaveLength(MAX_FILES);
    expect(queue.snapshot().refused).toBe(2);
  });

  it('taken off: an upload on its way stops, an uploaded one is deleted on the server', async () => {
    const { queue, started, removed, finish } = fakeServer();
    queue.add([png('a.png'), png('b.png')]);
    await finish(0);
    queue.remove('k1');
    queue.remove('k2');
    await flush();
    expect(started[1].options.signal?.aborted).toBe(true);
    expect(removed).toEqual(['att-0']);
    expect(queue.snapshot().items).toEqual([]);
  });

  it('after the message is sent the list is empty and its files stay with it; a form closed unsent deletes its uploads', async () => {
    const sent = fakeServer();
    sent.queue.add([png()]);
    await sent.finish(0);
    sent.queue.clear();
    sent.queue.dispose();
    expect(sent.queue.snapshot().items).toEqual([]);
    expect(sent.removed).toEqual([]);

    const closed = fakeServer();
    closed.queue.add([png('a.png'), png('b.png')]);
    await closed.finish(0);
    closed.queue.dispose();
    await flush();
    expect(closed.removed).toEqual(['att-0']);
    expect(closed.started[1].options.signal?.aborted).toBe(true);
  });
});
