/**
 * Who may change what in a shared community: the one rule the server enforces on every push and
 * the extension uses to show only the actions that will be accepted.
 *
 * Anyone may create items and add or take back their own endorsement. Editing, deleting and
 * restoring an item is for the member who created it (by member id, never by display name) and
 * for stewards.
 */
import type { ItemKind } from './schemas';
import type { Role } from './sync';

export interface Actor {
  memberId: string;
  role: Role;
}

/** What a `set` does to an existing item, for the words of a refusal. */
export type ChangeAction = 'edit' | 'delete' | 'restore';

/**
 * May `actor` edit, delete or restore an item created by `authorId`? An item whose author is
 * unknown (null) is left to stewards.
 */
export function mayChange(actor: Actor, authorId: string | null): boolean {
  return actor.role === 'steward' || (authorId !== null && authorId === actor.memberId);
}

const KIND_WORDS: Record<ItemKind, string> = { page: 'page', snippet: 'snippet', tip: 'tip' };

/** The reason a refused change is given, in words a member reads in the extension. */
export function notAllowedReason(action: ChangeAction, kind: ItemKind, authorName: string): string {
  const who = authorName ? `its author, ${authorName},` : 'its author';
  return `only ${who} or a steward can ${action} this ${KIND_WORDS[kind]}`;
}
