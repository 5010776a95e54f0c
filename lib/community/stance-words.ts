/**
 * How a stance and its agreement read to members: the panel's "Community stance: Adopt —
 * 3 members, 2 teams" and the stance view's "why not yet". Pure, like the rule it describes.
 */
import { t, tn, type MessageKey } from '../i18n';
import { findTool, TOOL_PREFIX } from '../related';
import type { CommunitySettings, StancePosition } from '../wire';
import { DAY_MS } from './review';
import type { StanceAgreement } from './stance';

/**
 * The positions in English: what a stance's stored title says ("Adopt Jira", the same for every
 * member whatever their language) and the Markdown export writes. Members read positionWord.
 */
export const POSITION_WORDS: Record<StancePosition, string> = {
  adopt: 'Adopt',
  trial: 'Trial',
  hold: 'Hold',
  retire: 'Retire',
};

const POSITION_KEYS = {
  adopt: 'background_positionAdopt',
  trial: 'background_positionTrial',
  hold: 'background_positionHold',
  retire: 'background_positionRetire',
} as const satisfies Record<StancePosition, MessageKey>;

/** A position as members read it, in their language. */
export const positionWord = (position: StancePosition): string => t(POSITION_KEYS[position]);

/** A catalog tool by its name ("Jira"); a pattern as it was written. */
export function subjectName(subject: string): string {
  const text = subject.trim();
  if (!text.toLowerCase().startsWith(TOOL_PREFIX)) return text;
  const id = text.slice(TOOL_PREFIX.length).trim();
  return findTool(id)?.name ?? id;
}

const members = (n: number) => tn('background_stanceMembers', n);
const teams = (n: number) => tn('background_stanceTeams', n);

/** "3 members, 2 teams": who agree now. */
export const agreeingWords = (a: Pick<StanceAgreement, 'members' | 'teams'>): string =>
  t('background_stanceAgreeing', { members: members(a.members), teams: teams(a.teams) });

/** The panel's line, once a stance is the community's. */
export const communityStanceLine = (
  position: StancePosition,
  a: Pick<StanceAgreement, 'members' | 'teams'>,
): string =>
  t('background_stanceLine', { position: positionWord(position), agreeing: agreeingWords(a) });

/**
 * Whether the stance is the community's yet, and if not what is missing, measured against the
 * rule: "2 of 3 members, 1 of 2 teams, no objection for 7 days".
 */
export function agreementStatus(
  a: StanceAgreement,
  rule: Pick<CommunitySettings, 'stanceMembers' | 'stanceDays'>,
  now: number,
): string {
  if (a.agreed) return t('background_stanceAgreed', { agreeing: agreeingWords(a) });
  const need = {
    members:
      a.members >= rule.stanceMembers
        ? members(a.members)
        : tn('background_stanceMembersOf', rule.stanceMembers, { have: a.members }),
    teams: a.teams >= 2 ? teams(a.teams) : tn('background_stanceTeamsOf', 2, { have: a.teams }),
    days: tn('background_stanceDays', rule.stanceDays),
  };
  if (a.objections.length > 0) {
    return t('background_stanceNotYetObjections', {
      ...need,
      objections: tn('background_stanceObjections', a.objections.length),
    });
  }
  if (a.since !== null) {
    const held = Math.floor((now - a.since) / DAY_MS);
    return t('background_stanceNotYetHeld', { ...need, held });
  }
  return t('background_stanceNotYet', need);
}
