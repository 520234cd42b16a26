import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

/** How often a live view (the queue, its tab counts, "Mis tickets") asks whether anything changed while it is visible. */
export const LIVE_REFRESH_MS = 20_000;

/** An answer to a conditional GET: the new data and its ETag, or "unchanged since that ETag" (a 304). */
export type Conditional<T> = { notModified: true } | { notModified?: false; data: T; etag?: string };

export interface LiveState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

export interface LivePollOptions<T> {
  /** Loads the data; `etag` is the one of the data shown (absent on the first load), for `If-None-Match`. */
  load: (etag: string | undefined) => Promise<Conditional<T>>;
  /** Told only when something visible changed: new data, a failure, the end of the first load. Never on a 304. */
  onChange: (state: LiveState<T>) => void;
  intervalMs: number;
  /** A hidden tab does not poll on the timer (it catches up when it is shown again). */
  isVisible?: () => boolean;
}

/**
 * Keeps one piece of server data fresh cheaply: a first load, then a conditional GET on a timer and whenever `poll()`
 * is called (focus, a signal). A 304 keeps the data and tells nobody, so nothing re-renders; a failed poll keeps what
 * is shown and says so through `error`; one request at a time (a poll asked for meanwhile runs right after); nothing is
 * told after `stop()`. Framework-free, so its timing is tested with fake timers; `useLiveQuery` binds it to React.
 */
export class LivePoll<T> {
  private state: LiveState<T> = { data: undefined, error: null, loading: true };
  private etag: string | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private stopped = false;

  constructor(private readonly options: LivePollOptions<T>) {}

  start(): void {
    void this.poll();
    const visible = this.options.isVisible ?? (() => true);
    this.timer = setInterval(() => {
      if (visible()) void this.poll();
    }, this.options.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
  }

  get current(): LiveState<T> {
    return this.state;
  }

  /** Asks now; if a request is under way, one more follows it (what changed meanwhile is not missed). */
  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.once().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.poll();
      }
    });
    return this.running;
  }

  private async once(): Promise<void> {
    // Trying again after a failed first load: the skeleton comes back while it asks.
    if (this.state.data === undefined && this.state.error !== null) this.set({ data: undefined, error: null, loading: true });
    let answer: Conditional<T>;
    try {
      answer = await this.options.load(this.state.data === undefined ? undefined : this.etag);
    } catch (error) {
      if (!this.stopped) this.set({ ...this.state, error, loading: false });
      return;
    }
    if (this.stopped) return;
    if (answer.notModified) {
      // Unchanged: nothing to draw, unless a failure was shown or the first load has just ended.
      if (this.state.error !== null || this.state.loading) this.set({ ...this.state, error: null, loading: false });
      return;
    }
    this.etag = answer.etag;
    this.set({ data: answer.data, error: null, loading: false });
  }

  private set(state: LiveState<T>): void {
    this.state = state;
    this.options.onChange(state);
  }
}

const WORK_ARRIVED = 'tickets:work-arrived';

/** Says that new work may have arrived (the bell's unread count rose): live lists ask the server at once. */
export function announceWorkArrived(): void {
  window.dispatchEvent(new Event(WORK_ARRIVED));
}

export interface Live<T> extends LiveState<T> {
  /** Ask now (after one's own change, or "Reintentar"). */
  refresh: () => void;
}

/**
 * Server data that refreshes itself: loaded when `deps` change (the shown data is dropped, a skeleton shows), then
 * re-asked every `intervalMs` while the page is visible, when the window regains focus or becomes visible, and when
 * new work arrives — each time with `If-None-Match`, so an unchanged answer costs a 304 and no re-render.
 */
export function useLiveQuery<T>(load: (etag: string | undefined) => Promise<Conditional<T>>, deps: DependencyList, intervalMs = LIVE_REFRESH_MS): Live<T> {
  const [state, setState] = useState<LiveState<T>>({ data: undefined, error: null, loading: true });
  const poller = useRef<LivePoll<T> | null>(null);
  const latest = useRef(load);
  latest.current = load;

  useEffect(() => {
    setState({ data: undefined, error: null, loading: true });
    const poll = new LivePoll<T>({
      load: (etag) => latest.current(etag),
      onChange: setState,
      intervalMs,
      isVisible: () => document.visibilityState === 'visible',
    });
    poller.current = poll;
    poll.start();
    const now = () => void poll.poll();
    const whenVisible = () => {
      if (document.visibilityState === 'visible') now();
    };
    window.addEventListener('focus', now);
    window.addEventListener(WORK_ARRIVED, now);
    document.addEventListener('visibilitychange', whenVisible);
    return () => {
      poll.stop();
      window.removeEventListener('focus', now);
      window.removeEventListener(WORK_ARRIVED, now);
      document.removeEventListener('visibilitychange', whenVisible);
    };
  }, [...deps, intervalMs]);

  const refresh = useCallback(() => void poller.current?.poll(), []);
  return { ...state, refresh };
}
