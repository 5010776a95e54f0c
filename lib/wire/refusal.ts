/**
 * Why the server refused a mutation, in parts: the extension says it in its member's language
 * from these, while `reason` says it in English for any other reader (logs, curl, old clients).
 */
import { z } from 'zod';
import { markKinds } from './marks';
import { ItemKind } from './schemas';

/** What a `set` does to an existing item, for the words of a refusal. */
export const changeActions = ['edit', 'delete', 'restore', 'retire', 'close'] as const;
export type ChangeAction = (typeof changeActions)[number];

const MarkKind = z.enum(markKinds);

export const Refusal = z.discriminatedUnion('rule', [
  /** Only the item's author (by name, when known) or a steward may do `action`. */
  z.object({
    rule: z.literal('author_or_steward'),
    action: z.enum(changeActions),
    kind: ItemKind,
    author: z.string(),
  }),
  /** Only stewards and the members they allow curate paths. */
  z.object({ rule: z.literal('curators_only') }),
  /** A mark is its member's own; `owner` names them when known. */
  z.object({ rule: z.literal('own_mark'), mark: MarkKind, owner: z.string().optional() }),
  /** That mark does not go on this kind of item. */
  z.object({ rule: z.literal('mark_kind'), mark: MarkKind, kind: ItemKind }),
  /** The item is a `kind`, not the `claimed` one. */
  z.object({ rule: z.literal('item_kind'), kind: ItemKind, claimed: ItemKind }),
  /** `field` already has `max` conflicting edits waiting. */
  z.object({ rule: z.literal('conflicts_waiting'), field: z.string(), max: z.number().int() }),
  /** No such item: a first write must set every field (`missing`, when it did not). */
  z.object({ rule: z.literal('unknown_item'), missing: z.array(z.string()) }),
]);
export type Refusal = z.infer<typeof Refusal>;
