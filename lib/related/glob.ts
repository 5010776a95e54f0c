/**
 * Globs where `*` is the only special character and matches any run of characters, `/` included
 * (as in WebExtension match patterns). Matching is a left-to-right scan for the literal parts, so
 * its cost is linear in the input whatever the pattern: a member's pattern can never stall a page.
 */
export class Glob {
  private readonly parts: readonly string[];

  constructor(readonly text: string) {
    this.parts = text.split('*');
  }

  test(s: string): boolean {
    const parts = this.parts;
    const first = parts[0] ?? '';
    if (parts.length === 1) return s === first;
    const last = parts[parts.length - 1] ?? '';
    const end = s.length - last.length;
    if (end < first.length || !s.startsWith(first) || !s.endsWith(last)) return false;
    let pos = first.length;
    // Taking the leftmost occurrence of each middle part is optimal: it leaves the most room for
    // the parts after it.
    for (let i = 1; i < parts.length - 1; i++) {
      const part = parts[i] ?? '';
      const at = s.indexOf(part, pos);
      if (at < 0 || at + part.length > end) return false;
      pos = at + part.length;
    }
    return true;
  }
}

/**
 * A path glob with the trailing-slash rule: `/our-org/*` also matches `/our-org` itself, but not
 * `/our-org-fork`. Inputs and globs both have their trailing slashes stripped beforehand.
 */
export class PathGlob {
  private readonly glob: Glob;
  private readonly parent: Glob | null;

  constructor(readonly text: string) {
    this.glob = new Glob(text);
    this.parent = text.endsWith('/*') ? new Glob(text.slice(0, -2)) : null;
  }

  test(s: string): boolean {
    return this.glob.test(s) || (this.parent !== null && this.parent.test(s));
  }
}

/** `/a/b//` → `/a/b`, `/` → ``: so that `/a/b/` and `/a/b` are the same page. */
export function stripTrailingSlashes(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 47 /* / */) end--;
  return end === s.length ? s : s.slice(0, end);
}
