/**
 * A community's settings before a steward changes any (docs/community.md). Apart from the
 * schemas (sync.ts) so that extension pages read them without loading zod.
 */
import type { CommunitySettings } from './sync';

export const DEFAULT_SETTINGS: CommunitySettings = {
  reviewIntervalDays: 180,
  stanceMembers: 3,
  stanceDays: 7,
  pathCurators: 'stewards',
  curators: [],
};
