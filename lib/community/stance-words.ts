/**
 * How a stance and its agreement read to members: the panel's "Community stance: Adopt —
 * 3 members, 2 teams" and the stance view's "why not yet". Pure, like the rule it describes.
 */
import { findTool, TOOL_PREFIX } from '../related';
import type { CommunitySettings, StancePosition } from '../wire';
import { DAY_MS } from './review';
import type { StanceAgreement } from './stance';

export const POSITION_WORDS: Record<StancePosition, string> = {
  adopt: 'Adopt',
  trial: 'Trial',
  hold: 'Hold',
  retire: 'Retire',
};

/** A catalog tool by its name ("Jira"); a pattern as it was written. */
export function subjectName(subject: string): string {
  const text = subject.trim();
  if (!text.toLowerCase().startsWith(TOOL_PREFIX)) return text;
  const id = text.slice(TOOL_PREFIX.length).trim();
  return findTool(id)?.name ?? id;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 members, 2 teams": who agree now. */
export const agreeingWords = (a: Pick<StanceAgreement, 'members' | 'teams'>): string =>
  `${count(a.members, 'member', 'members')}, ${count(a.teams, 'team', 'teams')}`;

/** The panel's line, once a stance is the community's. */
export const communityStanceLine = (
  position: StancePosition,
  a: Pick<StanceAgreement, 'members' | 'teams'>,
): string => `Community stance: ${POSITION_WORDS[position]} — ${agreeingWords(a)}`;

/**
 * Whether the stance is the community's yet, and if not what is missing, measured against the
 * rule: "2 of 3 members, 1 of 2 teams, no objection for 7 days".
 */
export function agreementStatus(
  a: StanceAgreement,
  rule: Pick<CommunitySettings, 'stanceMembers' | 'stanceDays'>,
  now: number,
): string {
  if (a.agreed) return `The community’s stance: ${agreeingWords(a)} agree.`;
  const members =
    a.members >= rule.stanceMembers
      ? count(a.members, 'member', 'members')
      : `${a.members} of ${count(rule.stanceMembers, 'member', 'members')}`;
  const teams = a.teams >= 2 ? count(a.teams, 'team', 'teams') : `${a.teams} of 2 teams`;
  const days = count(rule.stanceDays, 'day', 'days');
  if (a.objections.length > 0) {
    return `Not the community’s yet: ${count(a.objections.length, 'open objection', 'open objections')}. It needs ${members}, ${teams} and no objection for ${days}.`;
  }
  if (a.since !== null) {
    const held = Math.floor((now - a.since) / DAY_MS);
    return `Not the community’s yet: ${members}, ${teams} agree; no objection for ${held} of ${days}.`;
  }
  return `Not the community’s yet: ${members}, ${teams}, no objection for ${days}.`;
}
