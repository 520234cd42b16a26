/**
 * History `data` holds "before/after values" (DESIGN §2) without a fixed shape; these turn the
 * common shapes into a list of changes: `{before:{…}, after:{…}}`, `{from, to, field?}`, or a
 * flat map of new values.
 */
export interface Change {
  field: string;
  from?: unknown;
  to?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function historyChanges(data: unknown): Change[] {
  if (!isObject(data)) return [];
  if (isObject(data.before) || isObject(data.after)) {
    const before = isObject(data.before) ? data.before : {};
    const after = isObject(data.after) ? data.after : {};
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return fields.map((field) => ({ field, from: before[field], to: after[field] }));
  }
  if ('from' in data || 'to' in data) {
    return [{ field: typeof data.field === 'string' ? data.field : '', from: data.from, to: data.to }];
  }
  return Object.entries(data)
    .filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v) || (isObject(v) && 'name' in v))
    .map(([field, to]) => ({ field, to }));
}

/** A value as text: names for people, the raw text otherwise. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (isObject(value)) return typeof value.name === 'string' ? value.name : JSON.stringify(value);
  return String(value);
}
