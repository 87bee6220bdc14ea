/** Where the console is: `#/memories/<id>?tab=x` as path segments and parameters. */
export interface HashLocation {
  segments: string[];
  params: Record<string, string>;
}

export type Params = Record<string, string | number | undefined>;

export function parseHash(hash: string): HashLocation {
  const raw = hash.replace(/^#\/?/, '');
  const cut = raw.indexOf('?');
  const path = cut === -1 ? raw : raw.slice(0, cut);
  const search = cut === -1 ? '' : raw.slice(cut + 1);
  return {
    segments: path
      .split('/')
      .filter((part) => part !== '')
      .map((part) => decodeURIComponent(part)),
    params: Object.fromEntries(new URLSearchParams(search)),
  };
}

/** The href of a place in the console; empty parameters are left out. */
export function hashOf(segments: string[], params: Params = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const query = search.toString();
  const path = segments.map((part) => encodeURIComponent(part)).join('/');
  return `#/${path}${query === '' ? '' : `?${query}`}`;
}
