// IAM's two wildcards (`*` any run of characters, `?` one character), used by Action, Resource and the
// *Like condition operators, plus a sound "does pattern A cover every string pattern B can match" test.

const cache = new Map<string, RegExp>();
// Bounded so that scanning thousands of distinct policies cannot grow memory without limit.
const CACHE_LIMIT = 10_000;

export function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

/** True if the value is free of wildcards and policy variables (`${aws:username}`): AWS's "fixed value". */
export function isFixedValue(s: string): boolean {
  return !hasWildcard(s) && !s.includes('${');
}

export function globMatch(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const key = `${caseInsensitive ? 'i' : 's'}:${pattern}`;
  let re = cache.get(key);
  if (re === undefined) {
    const body = [...pattern]
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`, caseInsensitive ? 'is' : 's');
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, re);
  }
  return re.test(value);
}

/**
 * True only when every string `inner` can match is also matched by `outer`. Deliberately incomplete
 * (it answers false when unsure) because callers use it to decide that a Deny fully shadows an Allow:
 * outer equal to inner, outer made only of `*`, outer = literal prefix + `*` with inner starting with that
 * prefix, or inner with no wildcard matched by outer.
 */
export function globCovers(outer: string, inner: string, caseInsensitive: boolean): boolean {
  const o = caseInsensitive ? outer.toLowerCase() : outer;
  const i = caseInsensitive ? inner.toLowerCase() : inner;
  if (o === i) return true;
  if (/^\*+$/.test(o)) return true;
  if (!hasWildcard(i)) return globMatch(o, i, false);
  const prefix = o.slice(0, -1);
  return o.endsWith('*') && !hasWildcard(prefix) && i.startsWith(prefix);
}
