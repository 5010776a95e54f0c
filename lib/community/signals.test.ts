import { describe, expect, it } from 'vitest';
import type { Mark } from '../wire';
import { DAY_MS, markedBy, reviewOrder, reviewState, stateLines, tipBadge } from './index';

const T0 = Date.UTC(2026, 0, 1);
const settings = { reviewIntervalDays: 30 };
const tip: {
  createdAt: number;
  updatedAt: number;
  reviewIntervalDays: number | null;
  retiredAt: number | null;
} = { createdAt: T0, updatedAt: T0, reviewIntervalDays: null, retiredAt: null };

function mark(kind: Mark['kind'], markedAt: number, extra: Partial<Mark> = {}): Mark {
  return {
    kind,
    on: true,
    memberId: 'm1',
    name: 'Ana',
    team: null,
    at: markedAt * 1000,
    markedAt,
    ...extra,
  };
}

describe('a tip’s state line', () => {
  it('names who verified it and how long ago', () => {
    const marks = [mark('verified', T0 + 2 * DAY_MS, { team: 'Platform' })];
    const now = T0 + 9 * DAY_MS;
    expect(stateLines(reviewState(tip, marks, settings, now), marks, now)).toEqual([
      { tone: 'ok', text: 'Verified by Ana (Platform) · last week' },
    ]);
    expect(stateLines(reviewState(tip, [], settings, now), [], now)[0]?.text).toBe(
      'Not verified yet · written last week',
    );
  });

  it('says "Due for review" once due, and lists open update requests with their note', () => {
    const flag = mark('needs_update', T0 + DAY_MS, { name: 'Ben', note: 'the flag was renamed' });
    const now = T0 + 40 * DAY_MS;
    const state = reviewState(tip, [flag], settings, now);
    expect(stateLines(state, [flag], now).map((l) => l.text)).toEqual([
      'Needs an update: the flag was renamed (Ben)',
      'Due for review',
    ]);
    expect(tipBadge(state)).toBe('Needs an update');
    expect(tipBadge(reviewState(tip, [], settings, now))).toBe('Due for review');
    expect(tipBadge(reviewState(tip, [], settings, T0 + DAY_MS))).toBeNull();
  });

  it('says only "Retired" for a retired tip', () => {
    const retired = { ...tip, retiredAt: T0 + DAY_MS };
    const now = T0 + 40 * DAY_MS;
    const state = reviewState(retired, [], settings, now);
    expect(stateLines(state, [], now)).toEqual([{ tone: 'muted', text: 'Retired' }]);
    expect(tipBadge(state)).toBe('Retired');
  });

  it('names a member without a name as such', () => {
    expect(markedBy({ name: '', team: null })).toBe('A member');
  });
});

describe('the Review list', () => {
  const now = T0 + 100 * DAY_MS;
  const entry = (id: string, over: Partial<typeof tip>, marks: Mark[] = []) => ({
    id,
    title: id,
    state: reviewState({ ...tip, ...over }, marks, settings, now),
  });

  it('holds tips due or flagged, most shown in the panel first, then the longest unverified', () => {
    const fresh = entry('fresh', { createdAt: now - DAY_MS, updatedAt: now - DAY_MS });
    const flagged = entry('flagged', { createdAt: now - DAY_MS, updatedAt: now - DAY_MS }, [
      mark('needs_update', now - 1, { note: 'moved' }),
    ]);
    const old = entry('old', { createdAt: T0 });
    const older = entry('older', { createdAt: T0 - DAY_MS });
    const retired = entry('retired', { createdAt: T0, retiredAt: T0 });
    const list = [fresh, flagged, old, older, retired];
    expect(reviewOrder(list, {}).map((t) => t.id)).toEqual(['older', 'old', 'flagged']);
    expect(reviewOrder(list, { old: 3, flagged: 5 }).map((t) => t.id)).toEqual([
      'flagged',
      'old',
      'older',
    ]);
  });
});
