import { useEffect, useState } from 'preact/hooks';
import { subscribe } from '@/lib/messaging';
import type { CommunitySync } from '@/lib/sync';

/**
 * Every joined community and how its sync is going, as the background pushes it (null until the
 * first push). The setter takes what a request answered (syncNow, dismissRefused) at once.
 */
export function useJoined(): [CommunitySync[] | null, (joined: CommunitySync[]) => void] {
  const [joined, setJoined] = useState<CommunitySync[] | null>(null);
  useEffect(() => subscribe('syncStatus', setJoined), []);
  return [joined, setJoined];
}
