/** One-typo matching: Damerau (optimal string alignment) distance ≤ 1, checked without a matrix. */

function sameFrom(a: string, i: number, b: string, j: number): boolean {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
  return true;
}

/** True when b is a, or a with one character inserted, deleted, replaced, or two swapped. */
export function withinOneEdit(a: string, b: string): boolean {
  const d = a.length - b.length;
  if (d > 1 || d < -1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (d === 1) return sameFrom(a, i + 1, b, i);
  if (d === -1) return sameFrom(a, i, b, i + 1);
  if (i === a.length) return true;
  return (
    sameFrom(a, i + 1, b, i + 1) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && sameFrom(a, i + 2, b, i + 2))
  );
}

/**
 * First two characters a one-typo match of `term` can start with, when the typo is not a
 * replacement or insertion in those two: typing slips there are rarer, and allowing them would
 * mean reading every segment.
 */
export function typoHeads(term: string): string[] {
  const [a = '', b = '', c = ''] = [term[0], term[1], term[2]];
  return [...new Set([a + b, b + a, a + c, b + c])].filter((h) => h.length === 2);
}

/** Could a segment keyed `key` hold a one-typo match of `term`? Prunes a split subtree. */
export function mayHoldTypo(term: string, key: string): boolean {
  const n = key.length;
  for (let j = n - 1; j <= n + 1; j++) {
    if (j >= 0 && j <= term.length && withinOneEdit(term.slice(0, j), key)) return true;
  }
  return false;
}
