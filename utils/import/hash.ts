/**
 * A short, stable hash (FNV-1a, 52 bits, base 36) for ids derived from a file's content: importing the
 * same row twice must give the same id, so the second import finds the first.
 */
export function stableHash(s: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (const ch of s) {
    h ^= BigInt(ch.codePointAt(0)!);
    h = (h * prime) & 0xffffffffffffffffn;
  }
  return (h >> 12n).toString(36);
}
