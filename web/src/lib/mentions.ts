/**
 * `@name` in the comment box (staff): what is being typed after an `@`, who it may be, and which of the people picked
 * are still named in the text when it is sent. The server decides who may be mentioned (a refused one is a 400 naming
 * `mentions`); the web offers only people who can read the comment: colleagues, and on a public reply the ticket's
 * requester and CCs.
 */
export type MentionPerson = { id: string; name: string };

/** The most people one comment may mention (the server's limit). */
export const MENTIONS_MAX = 20;

/** Lower case without accents, as the server compares names. */
export function foldName(value: string): string {
  return value.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase().normalize('NFC');
}

/**
 * The mention being typed just before `caret`: the `@` (at the start or after a space or line break) and the word after it,
 * or null when the caret is not in one.
 */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(?:^|\s)@([\p{L}\p{N}'.-]{0,40})$/u.exec(before);
  if (!match) return null;
  return { start: caret - match[1].length - 1, query: match[1] };
}

/** Every word of `query` starts a word of `name`, ignoring case and accents (an empty query matches everyone). */
export function nameMatches(name: string, query: string): boolean {
  const words = foldName(name).split(/\s+/u).filter(Boolean);
  return foldName(query)
    .split(/\s+/u)
    .filter(Boolean)
    .every((q) => words.some((w) => w.startsWith(q)));
}

/**
 * Whom to offer for `query`: the staff the server found, then — on a public reply only — the ticket's own people
 * (requester, CCs) whose names match; each once, never the writer, at most `limit`.
 */
export function mentionCandidates(
  query: string,
  staff: readonly MentionPerson[],
  ticketPeople: readonly MentionPerson[],
  internal: boolean,
  selfId: string | undefined,
  limit = 8,
): MentionPerson[] {
  const seen = new Set<string>(selfId ? [selfId] : []);
  const out: MentionPerson[] = [];
  const side = internal ? [] : ticketPeople.filter((p) => nameMatches(p.name, query));
  for (const person of [...side, ...staff]) {
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    out.push(person);
    if (out.length >= limit) break;
  }
  return out;
}

/** The text with the `@query` at `start`..`caret` replaced by "@Name ", and where the caret goes after it. */
export function insertMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}

/** The ids of the people picked whose "@Name" is still in the text, each once, at most {@link MENTIONS_MAX}. */
export function mentionedIds(text: string, picked: readonly MentionPerson[]): string[] {
  const ids: string[] = [];
  for (const person of picked) {
    if (ids.includes(person.id) || !text.includes(`@${person.name}`)) continue;
    ids.push(person.id);
  }
  return ids.slice(0, MENTIONS_MAX);
}

/**
 * Whoever reads the ticket on the requester's side — the requester and any CCs — as people to mention on a public reply.
 * (A ticket without a `ccs` list offers the requester alone.)
 */
export function ticketSidePeople(ticket: { requester: MentionPerson; ccs?: readonly MentionPerson[] | null }): MentionPerson[] {
  return [{ id: ticket.requester.id, name: ticket.requester.name }, ...(ticket.ccs ?? []).map((p) => ({ id: p.id, name: p.name }))];
}
