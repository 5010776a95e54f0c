/**
 * What lib/wire/invite.ts finds wrong with a pasted invite or a typed server address, in the
 * member's language: lib/wire is the server's too and says it only in codes (and English).
 */
import { t } from '../i18n';
import { parseInvite, serverAddressIssue, type InviteProblem, type ParsedInvite } from '../wire';

const INVITE_WORDS = {
  empty: 'background_inviteEmpty',
  'bad-url': 'background_inviteBadUrl',
  'not-an-invite': 'background_inviteNotAnInvite',
} as const satisfies Record<InviteProblem, string>;

export const inviteProblemText = (problem: InviteProblem): string => t(INVITE_WORDS[problem]);

/** parseInvite, with its refusal's message in the member's language. */
export function parseInviteText(input: string): ParsedInvite {
  const parsed = parseInvite(input);
  return parsed.ok ? parsed : { ...parsed, message: inviteProblemText(parsed.problem) };
}

/** Why what was typed is not a server address, as a sentence; null when it is one. */
export function serverAddressText(input: string): string | null {
  const issue = serverAddressIssue(input);
  if (!issue) return null;
  return issue.code === 'empty'
    ? t('background_serverAddressEmpty')
    : t('background_serverAddressInvalid', { text: issue.text });
}
