/**
 * A URL as an error message may show it: its origin and path, without credentials, query or
 * fragment (where a key may hide, e.g. `https://user:key@host/v1` or `?key=...`). `undefined`
 * when `url` does not parse.
 */
export function urlForMessage(url: string | null | undefined): string | undefined {
  if (typeof url !== "string" || !URL.canParse(url)) return undefined;
  const { origin, pathname } = new URL(url);
  return `${origin}${pathname === "/" ? "" : pathname.replace(/\/+$/, "")}`;
}
