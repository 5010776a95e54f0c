/**
 * When a stance becomes the community's (docs/community.md): agreed by at least N members from
 * at least 2 teams, with no open objection, for D days. Pure: the clock is an argument.
 */
import type { CommunitySettings, Mark, StanceItem } from '../wire';
import { DAY_MS } from './review';

export interface StanceAgreement {
  agreed: boolean;
  /** Since when the rule's condition has held without a break; null while it does not. */
  since: number | null;
  /** Standing agreements with what the stance says now, and the teams they come from. */
  members: number;
  teams: number;
  objections: Mark[];
}

export function stanceAgreement(
  stance: Pick<StanceItem, 'updatedAt'>,
  marks: readonly Mark[],
  rule: Pick<CommunitySettings, 'stanceMembers' | 'stanceDays'>,
  now: number,
): StanceAgreement {
  // Agreeing is with what the stance says: an edit asks everyone again.
  const agrees = marks
    .filter((m) => m.kind === 'agree' && m.on && m.markedAt >= stance.updatedAt)
    .sort((a, b) => a.markedAt - b.markedAt);
  const objections = marks.filter((m) => m.kind === 'object' && m.on);
  const teams = new Set<string>();
  let reachedAt: number | null = null;
  for (const [i, m] of agrees.entries()) {
    // A member without a team counts as a member, not as a team.
    if (m.team !== null) teams.add(m.team);
    if (reachedAt === null && i + 1 >= rule.stanceMembers && teams.size >= 2)
      reachedAt = m.markedAt;
  }
  const result = { members: agrees.length, teams: teams.size, objections };
  if (reachedAt === null || objections.length > 0) return { ...result, agreed: false, since: null };
  // The days count from the later of the agreement and the last objection taken back.
  let since = reachedAt;
  for (const m of marks) if (m.kind === 'object' && !m.on && m.markedAt > since) since = m.markedAt;
  return { ...result, agreed: now - since >= rule.stanceDays * DAY_MS, since };
}
