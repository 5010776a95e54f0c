import { describe, expect, it } from 'vitest';
import { appliesToUrl } from './index';

describe('one "Applies to" entry against a visited URL', () => {
  it('matches a catalog tool on its hosts, and a pattern as written', () => {
    expect(appliesToUrl('tool:github', 'https://github.com/our-org/repo/pull/7')).toBe(true);
    expect(appliesToUrl('tool:github', 'https://gitlab.com/our-org/repo')).toBe(false);
    expect(appliesToUrl('grafana.example.com/d/*', 'https://grafana.example.com/d/abc')).toBe(true);
    expect(appliesToUrl('grafana.example.com/d/*', 'https://grafana.example.com/explore')).toBe(
      false,
    );
  });

  it('matches nothing for an entry it cannot read, or a page that is not on the web', () => {
    expect(appliesToUrl('tool:nothing-known', 'https://github.com/')).toBe(false);
    expect(appliesToUrl('tool:github', 'chrome://extensions')).toBe(false);
  });
});
