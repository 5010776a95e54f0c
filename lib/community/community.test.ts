import { describe, expect, it } from 'vitest';
import type { Mark } from '../wire';
import {
  DAY_MS,
  dueForReview,
  lastVerifiedAt,
  openUpdateRequests,
  reviewState,
  stanceAgreement,
} from './index';

const T0 = Date.UTC(2026, 0, 1);
let member = 0;
function mark(kind: Mark['kind'], markedAt: number, extra: Partial<Mark> = {}): Mark {
  const memberId = `m${++member}`;
  return {
    kind,
    on: true,
    memberId,
    name: memberId,
    team: null,
    at: markedAt * 1000,
    markedAt,
    ...extra,
  };
}

describe('due for review', () => {
  it('is due only once the last verification is older than the interval', () => {
    const interval = 180;
    expect(dueForReview(T0, interval, T0 + interval * DAY_MS - 1)).toBe(false);
    expect(dueForReview(T0, interval, T0 + interval * DAY_MS)).toBe(false);
    expect(dueForReview(T0, interval, T0 + interval * DAY_MS + 1)).toBe(true);
  });

  it('counts from the newest standing "Still accurate", else from the creation', () => {
    const tip = { createdAt: T0 };
    expect(lastVerifiedAt(tip, [])).toBe(T0);
    const older = mark('verified', T0 + 5);
    const newer = mark('verified', T0 + 9);
    expect(lastVerifiedAt(tip, [newer, older])).toBe(T0 + 9);
    expect(lastVerifiedAt(tip, [older, { ...newer, on: false }])).toBe(T0 + 5);
    // Other marks are no verification.
    expect(lastVerifiedAt(tip, [mark('helped', T0 + 20), mark('vouch', T0 + 20)])).toBe(T0);
  });

  it('uses the tip’s own interval over the community’s, and never flags a retired tip', () => {
    const tip = { createdAt: T0, updatedAt: T0, reviewIntervalDays: null, retiredAt: null };
    const now = T0 + 31 * DAY_MS;
    expect(reviewState(tip, [], { reviewIntervalDays: 180 }, now).due).toBe(false);
    expect(
      reviewState({ ...tip, reviewIntervalDays: 30 }, [], { reviewIntervalDays: 180 }, now).due,
    ).toBe(true);
    const verified = [mark('verified', now - DAY_MS)];
    expect(
      reviewState({ ...tip, reviewIntervalDays: 30 }, verified, { reviewIntervalDays: 180 }, now)
        .due,
    ).toBe(false);
    const retired = reviewState(
      { ...tip, reviewIntervalDays: 30, retiredAt: now },
      [],
      { reviewIntervalDays: 180 },
      now,
    );
    expect(retired).toMatchObject({ due: false, retired: true });
  });

  it('shows "Needs an update" until someone edits or verifies the tip', () => {
    const tip = { createdAt: T0, updatedAt: T0 };
    const flag = mark('needs_update', T0 + 10, { note: 'the flag was renamed' });
    expect(openUpdateRequests(tip, [flag])).toEqual([flag]);
    expect(openUpdateRequests({ ...tip, updatedAt: T0 + 10 }, [flag])).toEqual([]);
    expect(openUpdateRequests(tip, [flag, mark('verified', T0 + 11)])).toEqual([]);
    expect(openUpdateRequests(tip, [{ ...flag, on: false }])).toEqual([]);
  });
});

describe('a stance becomes the community’s', () => {
  const rule = { stanceMembers: 3, stanceDays: 7 };
  const stance = { updatedAt: T0 };
  const agreeing = (teams: (string | null)[], at = T0 + 1) =>
    teams.map((team, i) => mark('agree', at + i, { team }));

  it('once N members from at least 2 teams agree, after D days and not before', () => {
    const marks = agreeing(['web', 'web', 'data']);
    const reached = T0 + 3;
    expect(stanceAgreement(stance, marks, rule, reached + 7 * DAY_MS - 1)).toMatchObject({
      agreed: false,
      since: reached,
    });
    expect(stanceAgreement(stance, marks, rule, reached + 7 * DAY_MS)).toEqual({
      agreed: true,
      since: reached,
      members: 3,
      teams: 2,
      objections: [],
    });
  });

  it('needs N members and 2 teams: one team, or too few members, is not enough', () => {
    const late = T0 + 365 * DAY_MS;
    expect(stanceAgreement(stance, agreeing(['web', 'web', 'web', 'web']), rule, late).agreed).toBe(
      false,
    );
    expect(stanceAgreement(stance, agreeing(['web', 'data']), rule, late).agreed).toBe(false);
    // Members without a team count as members, not as teams.
    expect(stanceAgreement(stance, agreeing(['web', null, null]), rule, late).agreed).toBe(false);
    expect(stanceAgreement(stance, agreeing(['web', null, 'data']), rule, late).agreed).toBe(true);
  });

  it('counts from when the rule was first met, by the agreements that stand', () => {
    const marks = agreeing(['web', 'web', 'web', 'data']);
    expect(stanceAgreement(stance, marks, rule, T0).since).toBe(T0 + 4);
    const withdrawn = marks.map((m, i) => (i === 3 ? { ...m, on: false } : m));
    expect(stanceAgreement(stance, withdrawn, rule, T0).since).toBeNull();
  });

  it('is blocked by an open objection, and counts D days again from its withdrawal', () => {
    const marks = agreeing(['web', 'data', 'ops']);
    const objection = mark('object', T0 + 5, { note: 'licence cost' });
    const late = T0 + 30 * DAY_MS;
    expect(stanceAgreement(stance, [...marks, objection], rule, late)).toMatchObject({
      agreed: false,
      since: null,
      objections: [objection],
    });
    const withdrawnAt = T0 + 20 * DAY_MS;
    const withdrawn = { ...objection, on: false, markedAt: withdrawnAt };
    expect(
      stanceAgreement(stance, [...marks, withdrawn], rule, withdrawnAt + 7 * DAY_MS - 1).agreed,
    ).toBe(false);
    expect(
      stanceAgreement(stance, [...marks, withdrawn], rule, withdrawnAt + 7 * DAY_MS).agreed,
    ).toBe(true);
  });

  it('asks again after an edit: agreements from before it do not count', () => {
    const marks = agreeing(['web', 'data', 'ops']);
    const late = T0 + 30 * DAY_MS;
    expect(stanceAgreement({ updatedAt: T0 + 2 }, marks, rule, late)).toMatchObject({
      agreed: false,
      members: 2,
    });
  });

  it('with D = 0 is agreed the moment the rule is met', () => {
    const marks = agreeing(['web', 'data', 'ops']);
    expect(stanceAgreement(stance, marks, { stanceMembers: 3, stanceDays: 0 }, T0 + 3).agreed).toBe(
      true,
    );
    expect(stanceAgreement(stance, marks, { stanceMembers: 3, stanceDays: 0 }, T0 + 2).agreed).toBe(
      false,
    );
  });
});
