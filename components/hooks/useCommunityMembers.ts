import { useCallback, useEffect, useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { CommunityMember } from '@/lib/wire';

export type MembersState =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; members: CommunityMember[] };

/**
 * The community's active members as its server lists them to a steward, read when `wanted`
 * (the steward chose "Stewards and chosen members"), again on `retry`.
 */
export function useCommunityMembers(community: string, wanted: boolean) {
  const [members, setMembers] = useState<MembersState>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    setMembers({ state: 'loading' });
    void sendMessage('communityMembers', { community })
      .catch((e: unknown) => ({ ok: false as const, message: String((e as Error).message) }))
      .then((result) => {
        if (!live) return;
        setMembers(
          result.ok
            ? { state: 'ready', members: result.members }
            : { state: 'error', message: result.message },
        );
      });
    return () => {
      live = false;
    };
  }, [community, wanted, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { members, retry };
}
