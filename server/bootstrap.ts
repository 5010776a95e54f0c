/** Creating a community and the invites that let people in, for the CLI and tests. */
import type { InviteResponse } from '../lib/wire';
import type { Store } from './store/store';

export interface Bootstrapped {
  communityId: string;
  created: boolean;
  stewardInvite: InviteResponse;
}

/** Finds or creates the community and issues a fresh single-use steward invite for it. */
export async function stewardInvite(store: Store, name: string): Promise<Bootstrapped> {
  const existing = await store.findCommunity(name);
  const communityId = existing ?? (await store.createCommunity(name));
  const invite = await store.createInvite(communityId, {
    role: 'steward',
    maxUses: 1,
    expiresInHours: 24 * 30,
  });
  return { communityId, created: !existing, stewardInvite: invite };
}
