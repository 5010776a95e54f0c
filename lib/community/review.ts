/**
 * Keeping tips current (docs/community.md): when a tip was last verified, whether it is due for
 * review, and which "Needs an update" notes still stand. Pure: the clock is an argument.
 */
import type { CommunitySettings, Mark, TipItem } from '../wire';

export const DAY_MS = 86_400_000;

/**
 * Derived, not stored: the newest standing "Still accurate" mark's time, else the tip's
 * creation (a new tip is as verified as it will ever be).
 */
export function lastVerifiedAt(tip: Pick<TipItem, 'createdAt'>, marks: readonly Mark[]): number {
  let last = tip.createdAt;
  for (const m of marks) if (m.kind === 'verified' && m.on && m.markedAt > last) last = m.markedAt;
  return last;
}

/** The tip's own interval if it sets one, else the community's. */
export function reviewIntervalDays(
  tip: Pick<TipItem, 'reviewIntervalDays'>,
  settings: Pick<CommunitySettings, 'reviewIntervalDays'>,
): number {
  return tip.reviewIntervalDays ?? settings.reviewIntervalDays;
}

/** Due when the last verification is older than the interval: exactly the interval is not. */
export function dueForReview(lastVerified: number, intervalDays: number, now: number): boolean {
  return now - lastVerified > intervalDays * DAY_MS;
}

/**
 * "Needs an update" notes shown on a tip: those made after its last edit and its last
 * verification (an edit or a "Still accurate" answers them).
 */
export function openUpdateRequests(
  tip: Pick<TipItem, 'createdAt' | 'updatedAt'>,
  marks: readonly Mark[],
): Mark[] {
  const answered = Math.max(tip.updatedAt, lastVerifiedAt(tip, marks));
  return marks.filter((m) => m.kind === 'needs_update' && m.on && m.markedAt > answered);
}

export interface ReviewState {
  lastVerifiedAt: number;
  due: boolean;
  retired: boolean;
  needsUpdate: Mark[];
}

/** Everything a view says about a tip's currency, in one call. */
export function reviewState(
  tip: Pick<TipItem, 'createdAt' | 'updatedAt' | 'reviewIntervalDays' | 'retiredAt'>,
  marks: readonly Mark[],
  settings: Pick<CommunitySettings, 'reviewIntervalDays'>,
  now: number,
): ReviewState {
  const verified = lastVerifiedAt(tip, marks);
  const retired = tip.retiredAt != null;
  return {
    lastVerifiedAt: verified,
    // A retired tip is no longer reviewed.
    due: !retired && dueForReview(verified, reviewIntervalDays(tip, settings), now),
    retired,
    needsUpdate: openUpdateRequests(tip, marks),
  };
}
