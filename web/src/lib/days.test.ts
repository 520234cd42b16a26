import { describe, expect, it } from 'vitest';
import { everyDay } from './days';

describe('tickets per day', () => {
  it('shows every day of the range, the quiet ones as zero', () => {
    expect(everyDay('2026-03-01T00:00:00Z', '2026-03-04T23:59:59Z', [{ day: '2026-03-02', count: 3 }])).toEqual([
      { day: '2026-03-01', count: 0 },
      { day: '2026-03-02', count: 3 },
      { day: '2026-03-03', count: 0 },
      { day: '2026-03-04', count: 0 },
    ]);
  });

  it('keeps the days the server counted even when the range starts at local midnight', () => {
    expect(everyDay('2026-03-01T23:00:00Z', '2026-03-02T22:59:59Z', [{ day: '2026-03-02', count: 1 }]).map((d) => d.count)).toEqual([0, 1]);
  });
});
