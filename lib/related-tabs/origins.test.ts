import { describe, expect, it } from 'vitest';
import { coversUrl, originsFor, siteName } from './origins';

describe('the sites a tip needs access to', () => {
  it('asks for each host a tip names, and names them as a member reads them', () => {
    const origins = originsFor(['github.com/our-org/*', '*.atlassian.net/browse/*']);
    expect(origins.length).toBe(2);
    expect(origins.map(siteName).sort()).toEqual(['*.atlassian.net', 'github.com']);
  });

  it('knows which pages an origin pattern covers', () => {
    const [jira] = originsFor(['*.atlassian.net/*']);
    const [github] = originsFor(['github.com/our-org/*']);
    expect(jira && coversUrl(jira, 'https://example.atlassian.net/browse/OPS-1')).toBe(true);
    expect(jira && coversUrl(jira, 'https://atlassian.net.evil.org/')).toBe(false);
    expect(github && coversUrl(github, 'https://github.com/our-org/repo')).toBe(true);
    expect(github && coversUrl(github, 'https://gist.github.com/x')).toBe(false);
    expect(github && coversUrl(github, 'not a url')).toBe(false);
  });
});
