// What the canned-response picker shows for a search: pure, so it is tested without a browser.

/** The placeholders a macro's body may use; the API refuses any other `{{…}}`. */
export const MACRO_PLACEHOLDERS = [
  'requester.firstNames',
  'requester.lastNames',
  'ticket.number',
  'ticket.title',
  'agent.firstNames',
] as const;

/** Lower case without accents, so "Impresión" and "IMPRESION" match. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The macros a search finds: every word of the query must appear in the name or the body (case and accents aside).
 * Those whose name holds every word come first; each group keeps the order it came in (the API sorts by name).
 */
export function filterMacros<M extends { name: string; body: string }>(macros: readonly M[], query: string): M[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...macros];
  const byName: M[] = [];
  const byBody: M[] = [];
  for (const macro of macros) {
    const name = fold(macro.name);
    const text = `${name} ${fold(macro.body)}`;
    if (!words.every((w) => text.includes(w))) continue;
    (words.every((w) => name.includes(w)) ? byName : byBody).push(macro);
  }
  return [...byName, ...byBody];
}

/** The placeholders in a body that the API would refuse, each once, as written. */
export function unknownPlaceholders(body: string): string[] {
  const found = [...body.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]);
  return [...new Set(found.filter((name) => !(MACRO_PLACEHOLDERS as readonly string[]).includes(name)))];
}
