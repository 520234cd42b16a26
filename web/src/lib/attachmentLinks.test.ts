import { describe, expect, it } from 'vitest';
import type { AttachmentLink } from '../api/attachments';
import { LinkCache } from './attachmentLinks';

const NOW = Date.parse('2026-12-07T20:00:00Z');

function server(lifetimeMs = 5 * 60_000) {
  const asked: string[] = [];
  let clock = NOW;
  const cache = new LinkCache(
    async (id) => {
      asked.push(id);
      return { url: `https://blob.example/attachments/${id}?sig=${asked.length}`, expiresAt: new Date(clock + lifetimeMs).toISOString() } as AttachmentLink;
    },
    () => clock,
  );
  return { cache, asked, advance: (ms: number) => (clock += ms) };
}

describe('links to attachments’ bytes', () => {
  it('are asked once while fresh, however many thumbnails and viewers show the file', async () => {
    const { cache, asked } = server();
    const [a, b] = await Promise.all([cache.get('a1'), cache.get('a1')]);
    const c = await cache.get('a1');
    expect(asked).toEqual(['a1']);
    expect(new Set([a.url, b.url, c.url]).size).toBe(1);
  });

  it('are asked again once expired (or about to), and when an image failed with one', async () => {
    const { cache, asked, advance } = server();
    await cache.get('a1');
    advance(4 * 60_000 + 45_000);
    expect(cache.peek('a1')).toBeUndefined();
    await cache.get('a1');
    await cache.get('a1', true);
    expect(asked).toEqual(['a1', 'a1', 'a1']);
  });
});
