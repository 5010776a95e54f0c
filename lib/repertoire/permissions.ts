/** Which changes the extension offers on an item: those the server will accept. */
import { type Community, type Item, mayChange, type Role } from '../wire';

/** The member looking at a shared community's items, as their membership says. */
export interface Viewer {
  memberId: string;
  role: Role;
  displayName: string;
}

/**
 * Edit, Delete and Restore are offered on every item of a local community, and on a shared item
 * where the server's rule (lib/wire/authz.ts) allows them; not while the membership is unknown.
 * A shared item stored before authorship was recorded has no `authorId` until its next change:
 * its author's display name is the best guess meanwhile (the server decides by member id, and a
 * refusal says why).
 */
export function canChange(item: Item, viewer: Viewer | 'local' | undefined): boolean {
  if (viewer === 'local') return true;
  if (!viewer) return false;
  if (item.authorId === undefined) {
    return viewer.role === 'steward' || item.author === viewer.displayName;
  }
  return mayChange(viewer, item.authorId);
}

/** The member as an item's community knows them: 'local', their membership, or not known yet. */
export function viewerOf(
  item: Item,
  communities: readonly Community[],
  memberships: readonly (Viewer & { communityId: string })[],
): Viewer | 'local' | undefined {
  if (communities.find((c) => c.id === item.community)?.local) return 'local';
  return memberships.find((m) => m.communityId === item.community);
}
