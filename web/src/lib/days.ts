/** A day's count as the stats answer it (`yyyy-MM-dd`, UTC), and as a chart draws it. */
export interface DayCount {
  day: string;
  count: number;
}

/**
 * Every UTC day from `from` to `to` (inclusive) with its count, days without tickets as zero: the server lists only
 * the days that had some, and a chart that joins those points would hide the quiet days.
 */
export function everyDay(from: string, to: string, counted: readonly DayCount[]): DayCount[] {
  const counts = new Map(counted.map((d) => [d.day, d.count]));
  const start = Date.UTC(...utcParts(from));
  const end = Date.UTC(...utcParts(to));
  const days: DayCount[] = [];
  for (let at = start; at <= end && days.length < 400; at += 86_400_000) {
    const day = new Date(at).toISOString().slice(0, 10);
    days.push({ day, count: counts.get(day) ?? 0 });
  }
  return days;
}

function utcParts(iso: string): [number, number, number] {
  const d = new Date(iso);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}
