import { describe, expect, it } from 'vitest';
import { tipItem } from './items';
import { canChange, viewerOf, type Viewer } from './permissions';

const tip = (extra: { author: string; authorId?: string }) => ({
  ...tipItem(
    { title: 't', body: 'b', tags: [], appliesTo: [], url: null },
    { community: 'team', author: extra.author, now: 1 },
  ),
  ...(extra.authorId ? { authorId: extra.authorId } : {}),
});
const ana: Viewer = { memberId: 'm-ana', role: 'member', displayName: 'Ana' };
const ben: Viewer = { memberId: 'm-ben', role: 'member', displayName: 'Ben' };
const sam: Viewer = { memberId: 'm-sam', role: 'steward', displayName: 'Sam' };

describe('canChange', () => {
  it('offers changes of an item to its author and to stewards, by member id', () => {
    const item = tip({ author: 'Ana', authorId: 'm-ana' });
    expect(canChange(item, ana)).toBe(true);
    expect(canChange(item, ben)).toBe(false);
    expect(canChange(item, sam)).toBe(true);
    // Another member who took the same name is still another member.
    expect(canChange(item, { ...ben, displayName: 'Ana' })).toBe(false);
  });

  it('offers everything in a local community, nothing while the membership is unknown', () => {
    const item = tip({ author: 'Ana', authorId: 'm-ana' });
    expect(canChange(item, 'local')).toBe(true);
    expect(canChange(item, undefined)).toBe(false);
  });

  it('guesses by name for an item stored before authorship was recorded', () => {
    const old = tip({ author: 'Ana' });
    expect(canChange(old, ana)).toBe(true);
    expect(canChange(old, ben)).toBe(false);
    expect(canChange(old, sam)).toBe(true);
  });
});

describe('viewerOf', () => {
  it('is local in a local community, the membership in a shared one, unknown before joining', () => {
    const item = tip({ author: 'Ana', authorId: 'm-ana' });
    const communities = [
      { id: 'personal', name: 'Personal', local: true, createdAt: 0 },
      { id: 'team', name: 'Team', local: false, createdAt: 0 },
    ];
    const membership = { ...ana, communityId: 'team' };
    expect(viewerOf({ ...item, community: 'personal' }, communities, [membership])).toBe('local');
    expect(viewerOf(item, communities, [membership])).toBe(membership);
    expect(viewerOf(item, communities, [])).toBeUndefined();
  });
});
