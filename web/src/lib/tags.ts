/**
 * Tags as the server stores them: lower case without accents, trimmed, inner spaces collapsed; each 1–40 letters,
 * digits, spaces, '-', '_' or '.'; at most 20 per ticket, without repeats. The web normalises as the user types so
 * the chips show what will be stored; the server decides (a refused set is a 400 naming `tags`).
 */
export const TAG_MAX_LENGTH = 40;
export const TAGS_PER_TICKET = 20;

export function normalizeTag(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .normalize('NFC')
    .trim()
    .replace(/\s+/gu, ' ');
}

/** Whether a normalised tag is one the server accepts. */
export function isValidTag(tag: string): boolean {
  return tag.length > 0 && tag.length <= TAG_MAX_LENGTH && /^[\p{L}\p{Nd}\-_. ]+$/u.test(tag);
}

/**
 * `tags` with `typed` added (normalised; typed text may hold several, separated by commas): unchanged when it is
 * already there; `invalid` names what cannot be a tag, `full` when the ticket would pass the limit.
 */
export function addTags(tags: readonly string[], typed: string): { tags: string[]; invalid: string[]; full: boolean } {
  const next = [...tags];
  const invalid: string[] = [];
  let full = false;
  for (const part of typed.split(',')) {
    const tag = normalizeTag(part);
    if (tag === '') continue;
    if (!isValidTag(tag)) invalid.push(part.trim());
    else if (next.includes(tag)) continue;
    else if (next.length >= TAGS_PER_TICKET) full = true;
    else next.push(tag);
  }
  return { tags: next, invalid, full };
}
