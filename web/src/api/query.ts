export type QueryValue = string | number | boolean | readonly string[] | null | undefined;

/** Builds `?a=1&b=x,y` skipping empty values; multi-valued filters are comma-separated, as the API reads them. */
export function toQueryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      const joined = value.filter((v) => v !== '').join(',');
      if (joined) search.set(key, joined);
      continue;
    }
    const text = String(value).trim();
    if (text !== '') search.set(key, text);
  }
  const qs = search.toString().replace(/%2C/gi, ',');
  return qs ? `?${qs}` : '';
}
