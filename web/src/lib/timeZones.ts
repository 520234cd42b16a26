/** The IANA zone this browser runs in (`Europe/Madrid`), or UTC where it cannot tell. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/**
 * The zones the Account page offers: every IANA zone the browser knows (`Intl.supportedValuesOf('timeZone')`), with the
 * person's current one and the browser's added when the list lacks them (some browsers leave out `UTC`), sorted.
 */
export function timeZoneChoices(current: string | null | undefined, browser = browserTimeZone()): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = new Set([...known, browser, ...(current ? [current] : [])]);
  return [...zones].sort((a, b) => a.localeCompare(b, 'en'));
}

/** What the select starts on: the zone the person chose, else the browser's. */
export function initialTimeZone(chosen: string | null | undefined, browser = browserTimeZone()): string {
  return chosen || browser;
}
