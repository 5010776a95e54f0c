/**
 * A new item's stored form is built in two steps on the push path (most of it before the write
 * lock, the version after); it must be exactly what the general encoder gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  type ItemKind,
  itemKinds,
  SetMutation,
  writableFields,
} from '../../lib/wire';
import { decodeItem, encodeItem, prepareCreated, storeCreated } from '../../server/item-codec';
import { applyMutation, isTombstone, type ItemDoc, type Writer } from '../../server/merge';
import { sampleItem } from '../support/items';

function newItemMutation(
  kind: ItemKind,
  title: string,
  tags: string[],
  at: number,
  deletedAt: number | null = null,
): SetMutation {
  const item = sampleItem(kind, {
    title,
    url: 'https://example.org/a?b="c"',
    siteName: 'Example',
    excerpt: title,
    tags,
    deletedAt,
  }) as unknown as Record<string, unknown>;
  const fields = Object.fromEntries(
    writableFields(kind).map((name) => [name, { value: item[name], base: 0 }]),
  );
  return SetMutation.parse({ op: 'set', seq: 1, itemId: item['id'], kind, at, fields });
}

describe('storing a new item', () => {
  it('gives exactly the general encoding, whatever the text', () => {
    // A steward, who may create paths too.
    const writer: Writer = {
      communityId: 'community-1',
      memberId: 'm1',
      displayName: 'Ada "the" Member',
      role: 'steward',
      team: null,
      clientId: 'client-123',
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...itemKinds),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.array(fc.string({ minLength: 1, maxLength: 10 }), { maxLength: 4 }),
        fc.nat(),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.option(fc.nat()),
        (kind, title, tags, at, version, deletedAt) => {
          const m = newItemMutation(kind, title, tags, at, deletedAt);
          const { doc } = applyMutation(null, m, writer, {
            version: version,
            now: 0,
            settings: DEFAULT_SETTINGS,
          }) as { doc: ItemDoc };
          const prepared = prepareCreated(m, writer);
          const expected = encodeItem(m.itemId, version, doc, writer.communityId);
          expect(prepared && storeCreated(prepared, version)).toEqual(expected);
          expect(prepared?.tombstone).toBe(isTombstone(doc));
          expect(decodeItem(expected)).toEqual(doc);
        },
      ),
    );
  });

  it('leaves a set that is not a complete first write to the transaction', () => {
    const m = newItemMutation('tip', 'Title', [], 1);
    const rest: Record<string, unknown> = { ...m.fields };
    delete rest['body'];
    const writer: Writer = {
      communityId: 'c',
      memberId: 'm',
      displayName: 'M',
      role: 'member',
      team: null,
      clientId: 'client-1',
    };
    const incomplete = { ...m, fields: rest } as SetMutation;
    expect(prepareCreated(incomplete, writer)).toBeUndefined();
    expect(
      applyMutation(null, incomplete, writer, { version: 1, now: 0, settings: DEFAULT_SETTINGS }),
    ).toHaveProperty('rejected');
  });
});
