/**
 * A bounded memo for the pure normalisers: a page repeats the same numbers and addresses across layers (a card, its
 * mailto link, the JSON-LD, the merge), and the parsers behind them (libphonenumber, an RFC 5322 parser) are the
 * slowest part of refine.
 */
export function memo<A extends string, R>(f: (key: A) => R, max = 5_000): (key: A) => R {
  const cache = new Map<string, R>();
  return (key: A) => {
    if (cache.has(key)) return cache.get(key) as R;
    const value = f(key);
    if (cache.size >= max) cache.clear();
    cache.set(key, value);
    return value;
  };
}
