/**
 * Wall-clock time to (or past) a due time, to the second under an hour and to the minute beyond, so a near
 * countdown visibly moves on every tick of the shared clock: `12 min 05 s`, `3 h 05 min`, `2 d 3 h 05 min`. The sign
 * is dropped (the caller says "in" or "ago"). Units read the same in es and en.
 */
export function formatCountdown(ms: number): string {
  const seconds = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (seconds < 3600) return minutes > 0 ? `${minutes} min ${pad(seconds % 60)} s` : `${seconds % 60} s`;
  if (days > 0) return `${days} d ${hours} h ${pad(minutes)} min`;
  return `${hours} h ${pad(minutes)} min`;
}
