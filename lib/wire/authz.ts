/**
 * Who may change what in a shared community: the one rule the server enforces on every push and
 * the extension uses to show only the actions that will be accepted.
 *
 * Anyone may create items (paths: only curators, see mayCurate) and add or take back their own
 * marks (lib/wire/marks.ts). Editing, retiring, closing, deleting and restoring an item is for
 * the member who created it (by member id, never by display name) and for stewards; a path is
 * edited by any curator, whoever made it (deleting it stays with its author and stewards).
 */
import type { ChangeAction } from './refusal';
import type { ItemKind } from './schemas';
import type { CommunitySettings, Role } from './sync';

export interface Actor {
  memberId: string;
  role: Role;
}

/**
 * May `actor` edit, delete or restore an item created by `authorId`? An item whose author is
 * unknown (null) is left to stewards.
 */
export function mayChange(actor: Actor, authorId: string | null): boolean {
  return actor.role === 'steward' || (authorId !== null && authorId === actor.memberId);
}

/** May `actor` create or edit paths? Stewards always; members if the settings allow them. */
export function mayCurate(
  actor: Actor,
  settings: Pick<CommunitySettings, 'pathCurators' | 'curators'>,
): boolean {
  return (
    actor.role === 'steward' ||
    (settings.pathCurators === 'stewards_and_allowed' && settings.curators.includes(actor.memberId))
  );
}

export const KIND_WORDS: Record<ItemKind, string> = {
  page: 'page',
  snippet: 'snippet',
  tip: 'tip',
  question: 'question',
  path: 'path',
  stance: 'stance',
};

/** The reason a refused change is given, in words a member reads in the extension. */
export function notAllowedReason(action: ChangeAction, kind: ItemKind, authorName: string): string {
  const who = authorName ? `its author, ${authorName},` : 'its author';
  return `only ${who} or a steward can ${action} this ${KIND_WORDS[kind]}`;
}

export const NOT_A_CURATOR =
  'only stewards, and the members they allow in the community settings, can curate paths';
