import { describe, expect, it } from 'vitest';
import { initialTimeZone, timeZoneChoices } from './timeZones';

describe('the time-zone choice', () => {
  it('offers the IANA zones, sorted, including the browser zone and the chosen one', () => {
    const zones = timeZoneChoices('Atlantic/Canary', 'Etc/Somewhere');
    expect(zones).toContain('Europe/Madrid');
    expect(zones).toContain('Atlantic/Canary');
    expect(zones).toContain('Etc/Somewhere');
    expect(zones).toEqual([...zones].sort((a, b) => a.localeCompare(b, 'en')));
    expect(new Set(zones).size).toBe(zones.length);
  });

  it("starts on the person's zone, else the browser's", () => {
    expect(initialTimeZone('America/Bogota', 'Europe/Madrid')).toBe('America/Bogota');
    expect(initialTimeZone(null, 'Europe/Madrid')).toBe('Europe/Madrid');
    expect(initialTimeZone(undefined, 'Europe/Madrid')).toBe('Europe/Madrid');
  });
});
