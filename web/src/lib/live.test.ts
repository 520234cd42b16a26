import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LivePoll, type Conditional, type LiveState } from './live';

/** A server that answers from a script: each call takes the next answer (data with an ETag, a 304, or a failure). */
function server<T>(...answers: (Conditional<T> | Error)[]) {
  const sent: (string | undefined)[] = [];
  const load = vi.fn(async (etag: string | undefined) => {
    sent.push(etag);
    const next = answers.length > 1 ? answers.shift()! : answers[0];
    if (next instanceof Error) throw next;
    return next;
  });
  return { load, sent };
}

function watch<T>(load: (etag: string | undefined) => Promise<Conditional<T>>, isVisible = () => true) {
  const changes: LiveState<T>[] = [];
  const poll = new LivePoll<T>({ load, onChange: (s) => changes.push(s), intervalMs: 20_000, isVisible });
  return { poll, changes };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a live view polls with If-None-Match', () => {
  it('loads at once, then asks again every interval with the ETag of what it shows', async () => {
    const { load, sent } = server<string[]>({ data: ['TCK-1'], etag: 'W/"a"' }, { notModified: true });
    const { poll, changes } = watch(load);
    poll.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(changes).toEqual([{ data: ['TCK-1'], error: null, loading: false }]);

    await vi.advanceTimersByTimeAsync(19_999);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([undefined, 'W/"a"']);
    poll.stop();
  });

  it('keeps the data and tells nobody on a 304 (no re-render)', async () => {
    const { load } = server<string[]>({ data: ['TCK-1'], etag: 'W/"a"' }, { notModified: true });
    const { poll, changes } = watch(load);
    poll.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(4);
    expect(changes).toHaveLength(1);
    expect(poll.current.data).toEqual(['TCK-1']);
    poll.stop();
  });

  it('shows new data when the server has it, and sends its new ETag next', async () => {
    const { load, sent } = server<string[]>({ data: ['TCK-1'], etag: 'W/"a"' }, { data: ['TCK-2', 'TCK-1'], etag: 'W/"b"' }, { notModified: true });
    const { poll, changes } = watch(load);
    poll.start();
    await vi.advanceTimersByTimeAsync(40_000);
    expect(changes.map((c) => c.data)).toEqual([['TCK-1'], ['TCK-2', 'TCK-1']]);
    expect(sent).toEqual([undefined, 'W/"a"', 'W/"b"']);
    poll.stop();
  });

  it('polls at once when asked (focus, new work) and runs one more if asked while a request is under way', async () => {
    let release: () => void = () => undefined;
    const load = vi.fn(
      (etag: string | undefined) =>
        new Promise<Conditional<number>>((resolve) => {
          release = () => resolve(etag ? { notModified: true } : { data: 1, etag: 'W/"1"' });
        }),
    );
    const { poll } = watch(load);
    poll.start();
    void poll.poll();
    void poll.poll();
    expect(load).toHaveBeenCalledTimes(1); // never two at once
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2); // the asks made meanwhile became one more
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
    poll.stop();
  });

  it('does not poll on the timer while the tab is hidden', async () => {
    let visible = true;
    const { load } = server<number>({ data: 1, etag: 'W/"1"' }, { notModified: true });
    const { poll } = watch(load, () => visible);
    poll.start();
    await vi.advanceTimersByTimeAsync(0);
    visible = false;
    await vi.advanceTimersByTimeAsync(100_000);
    expect(load).toHaveBeenCalledTimes(1);
    visible = true;
    await vi.advanceTimersByTimeAsync(20_000);
    expect(load).toHaveBeenCalledTimes(2);
    poll.stop();
  });

  it('keeps the data when a poll fails, says so, and clears the failure on the next answer', async () => {
    const offline = new Error('offline');
    const { load } = server<number>({ data: 1, etag: 'W/"1"' }, offline, { notModified: true });
    const { poll, changes } = watch(load);
    poll.start();
    await vi.advanceTimersByTimeAsync(40_000);
    expect(changes).toEqual([
      { data: 1, error: null, loading: false },
      { data: 1, error: offline, loading: false },
      { data: 1, error: null, loading: false },
    ]);
    poll.stop();
  });

  it('shows the skeleton again while retrying a failed first load, without an ETag', async () => {
    const offline = new Error('offline');
    const { load, sent } = server<number>(offline, { data: 7, etag: 'W/"7"' });
    const { poll, changes } = watch(load);
    poll.start();
    await vi.advanceTimersByTimeAsync(0);
    await poll.poll();
    expect(changes).toEqual([
      { data: undefined, error: offline, loading: false },
      { data: undefined, error: null, loading: true },
      { data: 7, error: null, loading: false },
    ]);
    expect(sent).toEqual([undefined, undefined]);
    poll.stop();
  });

  it('tells nothing and stops polling once stopped (a late answer is dropped)', async () => {
    let release: () => void = () => undefined;
    const load = vi.fn(() => new Promise<Conditional<number>>((resolve) => (release = () => resolve({ data: 1 }))));
    const { poll, changes } = watch(load);
    poll.start();
    poll.stop();
    release();
    await vi.advanceTimersByTimeAsync(100_000);
    expect(changes).toEqual([]);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
