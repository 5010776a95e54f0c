import { describe, expect, it } from 'vitest';
import { inviteLink, parseInvite, serverAddressProblem, serverOrigin } from './invite';

describe('invite links', () => {
  it('round-trips a code and its server through a link', () => {
    const link = inviteLink('http://127.0.0.1:8787/', 'RhpVD2G67YK4nNSO0Qqw-_');
    expect(link).toBe('http://127.0.0.1:8787/join#RhpVD2G67YK4nNSO0Qqw-_');
    expect(parseInvite(link)).toEqual({
      ok: true,
      code: 'RhpVD2G67YK4nNSO0Qqw-_',
      serverUrl: 'http://127.0.0.1:8787',
    });
  });

  it('takes a bare code, trimmed, with no server', () => {
    expect(parseInvite('  abcdefgh12 \n')).toEqual({
      ok: true,
      code: 'abcdefgh12',
      serverUrl: null,
    });
  });

  it('refuses links that are not invites, and empty input, saying what one looks like', () => {
    for (const input of ['https://example.org/join', 'https://example.org/page#code', 'http://']) {
      const parsed = parseInvite(input);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/invite/);
    }
    expect(parseInvite('   ')).toMatchObject({ ok: false, message: /Paste the invite/ });
  });

  it('keeps only http(s) origins as server addresses', () => {
    expect(serverOrigin(' https://sync.example.org/some/path ')).toBe('https://sync.example.org');
    expect(serverOrigin('ftp://example.org')).toBeNull();
    expect(serverOrigin('not a url')).toBeNull();
  });
});

describe('a server address typed by hand', () => {
  it('says a malformed one is not a server address, quoting it, and what one looks like', () => {
    for (const typed of ['htp:/127.0.0.1::47100', 'http:/127.0.0.1::47100', 'ftp://x.org', 'x']) {
      const problem = serverAddressProblem(typed);
      expect(problem).toContain(`“${typed}” is not a server address`);
      expect(problem).toContain('https://repertoire.example.org');
      expect(problem).not.toContain('null');
    }
  });

  it('asks for one when none was typed', () => {
    expect(serverAddressProblem('  ')).toMatch(/^Type the server’s address/);
  });

  it('accepts http(s) addresses, with or without a path', () => {
    expect(serverAddressProblem('http://127.0.0.1:47100')).toBeNull();
    expect(serverAddressProblem(' https://rep.example.org/join ')).toBeNull();
  });
});
