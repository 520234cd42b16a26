import type { AttachmentLink } from '../api/attachments';

/** A link this close to its expiry is asked again: a click or an image load must not race the SAS's end. */
const MARGIN_MS = 20_000;

export function isFresh(link: AttachmentLink, now: number = Date.now()): boolean {
  return Date.parse(link.expiresAt) - now > MARGIN_MS;
}

/**
 * Short-lived addresses of attachments' bytes, one request per file while its link is fresh, however many thumbnails,
 * links and viewers show it, and shared by callers asking at the same time. An expired one is asked again.
 */
export class LinkCache {
  private readonly links = new Map<string, AttachmentLink>();
  private readonly pending = new Map<string, Promise<AttachmentLink>>();

  constructor(
    private readonly fetchLink: (id: string) => Promise<AttachmentLink>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The fresh link held for `id`, if any (for a first render without waiting). */
  peek(id: string): AttachmentLink | undefined {
    const link = this.links.get(id);
    return link && isFresh(link, this.now()) ? link : undefined;
  }

  /** A fresh link; `renew` asks again even if the one held looks fresh (an image failed to load with it). */
  get(id: string, renew = false): Promise<AttachmentLink> {
    const held = renew ? undefined : this.peek(id);
    if (held) return Promise.resolve(held);
    const inFlight = this.pending.get(id);
    if (inFlight) return inFlight;
    const request = this.fetchLink(id)
      .then((link) => {
        this.links.set(id, link);
        return link;
      })
      .finally(() => this.pending.delete(id));
    this.pending.set(id, request);
    return request;
  }
}
