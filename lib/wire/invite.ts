/**
 * Invite links: `<server>/join#<code>`. The code travels in the fragment, which browsers never
 * send, so opening the link shows the server's join page without the code reaching its logs.
 * Shared by the server (which prints links) and the extension (which reads pasted ones).
 */

/** The server's address as the extension stores it: an http(s) origin, or null. */
export function serverOrigin(input: string): string | null {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

/**
 * Why what was typed as a server address is not one, as a code the extension words in the
 * member's language (lib/sync/invite-words.ts); null when it is one. An address like
 * `htp:/host` parses as a URL (an unknown scheme), but has no web origin.
 */
export type ServerAddressIssue = { code: 'empty' } | { code: 'not-an-address'; text: string };

export function serverAddressIssue(input: string): ServerAddressIssue | null {
  const text = input.trim();
  if (!text) return { code: 'empty' };
  if (serverOrigin(text)) return null;
  return { code: 'not-an-address', text: text.slice(0, 200) };
}

/** The same, as an English sentence (the server's side, and tests). */
export function serverAddressProblem(input: string): string | null {
  const issue = serverAddressIssue(input);
  if (!issue) return null;
  if (issue.code === 'empty') {
    return 'Type the server’s address, like https://repertoire.example.org, or paste the whole invite link, which names it.';
  }
  return (
    `“${issue.text}” is not a server address: one looks like https://repertoire.example.org ` +
    'or http://127.0.0.1:8787. Check it, or paste the whole invite link, which names its server.'
  );
}

export function inviteLink(serverUrl: string, code: string): string {
  return `${serverOrigin(serverUrl) ?? serverUrl}/join#${encodeURIComponent(code)}`;
}

/** Why a pasted invite is not one; `message` says it in English, the extension words `problem`. */
export type InviteProblem = 'empty' | 'bad-url' | 'not-an-invite';

export type ParsedInvite =
  | { ok: true; code: string; serverUrl: string | null }
  | { ok: false; problem: InviteProblem; message: string };

export const INVITE_PROBLEMS: Record<InviteProblem, string> = {
  empty: 'Paste the invite link or code a steward gave you.',
  'bad-url': 'That invite link is not a valid web address; paste it again.',
  'not-an-invite':
    'That link is not a Repertoire invite: one looks like https://server/join#code. ' +
    'Paste the whole link a steward sent you, or just its code.',
};

const refused = (problem: InviteProblem): ParsedInvite => ({
  ok: false,
  problem,
  message: INVITE_PROBLEMS[problem],
});

/** A pasted invite: a link (which names its server) or a bare code. */
export function parseInvite(input: string): ParsedInvite {
  const text = input.trim();
  if (!/^https?:\/\//i.test(text)) {
    return text ? { ok: true, code: text, serverUrl: null } : refused('empty');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refused('bad-url');
  }
  let code = '';
  try {
    code = decodeURIComponent(url.hash.slice(1)).trim();
  } catch {
    // A malformed escape: treated as no code at all.
  }
  if (!url.pathname.endsWith('/join') || !code) {
    return refused('not-an-invite');
  }
  return { ok: true, code, serverUrl: url.origin };
}
