import { useCallback, useEffect, useState } from 'preact/hooks';
import { communitySettings, openRepertoireDb } from '@/lib/db';
import { sendMessage } from '@/lib/messaging';
import type { CommunitySettings, SettingsChange } from '@/lib/wire';

/** A community's settings as last pulled, and a steward's change of them. */
export function useCommunityRules(community: string, syncedAt: number | null = null) {
  const [settings, setSettings] = useState<CommunitySettings | null>(null);

  useEffect(() => {
    void openRepertoireDb().then(async (db) => {
      try {
        setSettings(await communitySettings(db, community));
      } finally {
        db.close();
      }
    });
  }, [community, syncedAt]);

  /** Resolves with a sentence when the server refused the change. */
  const save = useCallback(
    async (change: SettingsChange): Promise<string | null> => {
      const result = await sendMessage('saveCommunitySettings', { community, change }).catch(
        (e: unknown) => ({ ok: false as const, message: String((e as Error).message) }),
      );
      if (!result.ok) return result.message;
      setSettings(result.settings);
      return null;
    },
    [community],
  );
  return { settings, save };
}
