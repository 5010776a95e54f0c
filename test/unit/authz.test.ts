/** Who may change what: the shared rule, and the merge applying it to every kind of write. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  mayChange,
  type Mutation,
  notAllowedReason,
  type SetMutation,
  writableFields,
} from '../../lib/wire';
import {
  applyMutation,
  type ItemDoc,
  type MergeContext,
  type MergeOutcome,
  type Writer,
} from '../../server/merge';
import { sampleItem } from '../support/items';

const writer = (memberId: string, role: Writer['role'] = 'member'): Writer => ({
  communityId: 'c',
  memberId,
  displayName: memberId === 'ana' ? 'Ana' : memberId,
  role,
  team: null,
  clientId: `client-${memberId}`,
});
const at = (version: number): MergeContext => ({ version, now: 0, settings: DEFAULT_SETTINGS });
const ana = writer('ana');
const ben = writer('ben');
const steward = writer('sam', 'steward');

let seq = 0;
function create(values: Record<string, unknown> = {}): SetMutation {
  const item = sampleItem('tip', values) as unknown as Record<string, unknown>;
  const fields = Object.fromEntries(
    writableFields('tip').map((f) => [f, { value: item[f], base: 0 }]),
  );
  return { op: 'set', seq: ++seq, at: seq, itemId: String(item['id']), kind: 'tip', fields };
}
const set = (itemId: string, fields: Record<string, unknown>): SetMutation => ({
  op: 'set',
  seq: ++seq,
  at: seq,
  itemId,
  kind: 'tip',
  fields: Object.fromEntries(Object.entries(fields).map(([k, value]) => [k, { value, base: 1 }])),
});
const endorse = (itemId: string, endorsed: boolean): Mutation => ({
  op: 'endorse',
  seq: ++seq,
  at: seq,
  itemId,
  endorsed,
});

function applied(outcome: MergeOutcome): ItemDoc {
  if ('rejected' in outcome) throw new Error(`rejected: ${outcome.rejected}`);
  return outcome.doc;
}

describe('mayChange', () => {
  it('lets the author and stewards change an item, and nobody else', () => {
    expect(mayChange({ memberId: 'ana', role: 'member' }, 'ana')).toBe(true);
    expect(mayChange({ memberId: 'ben', role: 'member' }, 'ana')).toBe(false);
    expect(mayChange({ memberId: 'sam', role: 'steward' }, 'ana')).toBe(true);
  });

  it('leaves an item of unknown author to stewards', () => {
    expect(mayChange({ memberId: 'ana', role: 'member' }, null)).toBe(false);
    expect(mayChange({ memberId: 'sam', role: 'steward' }, null)).toBe(true);
  });

  it('says who may, in words', () => {
    expect(notAllowedReason('edit', 'tip', 'Ana')).toBe(
      'only its author, Ana, or a steward can edit this tip',
    );
    expect(notAllowedReason('restore', 'page', '')).toBe(
      'only its author or a steward can restore this page',
    );
  });
});

describe('applying writes by who made them', () => {
  const made = create();
  const doc = applied(applyMutation(null, made, ana, at(1)));

  it('records the creator by member id', () => {
    expect(doc).toMatchObject({ authorId: 'ana', createdBy: 'Ana' });
  });

  it('lets the author edit and delete, and refuses another member', () => {
    expect(
      applied(applyMutation(doc, set(made.itemId, { title: 'Mine' }), ana, at(2))),
    ).toBeTruthy();
    const edit = applyMutation(doc, set(made.itemId, { title: 'Theirs' }), ben, at(2));
    expect(edit).toEqual({
      code: 'not_allowed',
      rejected: 'only its author, Ana, or a steward can edit this tip',
      refusal: { rule: 'author_or_steward', action: 'edit', kind: 'tip', author: 'Ana' },
    });
    const remove = applyMutation(doc, set(made.itemId, { deletedAt: 5 }), ben, at(2));
    expect(remove).toMatchObject({
      code: 'not_allowed',
      rejected: expect.stringContaining('delete'),
    });
  });

  it('treats a first write under an existing id as an edit', () => {
    const again = { ...create(), itemId: made.itemId };
    expect(applyMutation(doc, again, ben, at(2))).toMatchObject({ code: 'not_allowed' });
    expect(applied(applyMutation(doc, again, ana, at(2))).fields['title']?.ver).toBe(2);
  });

  it('treats clearing deletedAt as a restore: the author or a steward', () => {
    const gone = applied(applyMutation(doc, set(made.itemId, { deletedAt: 5 }), ana, at(2)));
    const restore = set(made.itemId, { deletedAt: null });
    expect(applyMutation(gone, restore, ben, at(3))).toEqual({
      code: 'not_allowed',
      rejected: 'only its author, Ana, or a steward can restore this tip',
      refusal: { rule: 'author_or_steward', action: 'restore', kind: 'tip', author: 'Ana' },
    });
    expect(applied(applyMutation(gone, restore, ana, at(3))).fields['deletedAt']?.v).toBeNull();
    expect(applied(applyMutation(gone, restore, steward, at(3))).fields['deletedAt']?.v).toBeNull();
  });

  it('lets a steward edit and delete any item, and leaves the author as it was', () => {
    const edited = applied(
      applyMutation(doc, set(made.itemId, { title: 'Tidied' }), steward, at(2)),
    );
    expect(edited).toMatchObject({ authorId: 'ana', createdBy: 'Ana' });
    expect(
      applied(applyMutation(edited, set(made.itemId, { deletedAt: 9 }), steward, at(3))),
    ).toBeTruthy();
  });

  it('leaves an item of unknown author to stewards', () => {
    const orphan = { ...doc, authorId: null };
    expect(applyMutation(orphan, set(made.itemId, { title: 'x' }), ana, at(2))).toMatchObject({
      code: 'not_allowed',
    });
    expect(
      applied(applyMutation(orphan, set(made.itemId, { title: 'x' }), steward, at(2))),
    ).toBeTruthy();
  });

  it('lets anyone endorse (a "Helped me" mark), and each take back only their own', () => {
    const endorsed = applied(applyMutation(doc, endorse(made.itemId, true), ben, at(2)));
    const both = applied(applyMutation(endorsed, endorse(made.itemId, true), ana, at(3)));
    // A member's "not endorsed" is about their own mark: Ana's stays.
    const after = applied(applyMutation(both, endorse(made.itemId, false), ben, at(4)));
    expect(Object.entries(after.marks).map(([key, m]) => [key, m.on])).toEqual([
      ['helped:ben', false],
      ['helped:ana', true],
    ]);
  });
});
