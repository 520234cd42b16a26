import { useEffect, useState } from 'react';

/** How often shown times are re-read: a countdown in minutes moves within this much of the real time. */
export const NOW_TICK_MS = 15_000;

const listeners = new Set<(now: number) => void>();
let timer: number | undefined;

/**
 * The current time, re-read every {@link NOW_TICK_MS} while a component shows it, so SLA countdowns tick without a
 * reload. One interval serves every subscriber; it stops when the last one unmounts.
 */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    listeners.add(setNow);
    if (timer === undefined) timer = window.setInterval(() => listeners.forEach((l) => l(Date.now())), NOW_TICK_MS);
    return () => {
      listeners.delete(setNow);
      if (listeners.size === 0 && timer !== undefined) {
        window.clearInterval(timer);
        timer = undefined;
      }
    };
  }, []);
  return now;
}
