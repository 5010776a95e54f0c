import { useCallback } from 'preact/hooks';
import { getItem, getItemMeta, type RepertoireDb } from '@/lib/db';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging';
import type { Item } from '@/lib/wire';
import type { Navigation } from './useNavigation';

/** The open item: opening one, reading it again after a sync, and settling its conflicts. */
export function useOpenItem(db: RepertoireDb | undefined, { view, go, say, setView }: Navigation) {
  const open = useCallback(
    async (id: string) => {
      const item = db && (await getItem(db, id));
      if (db && item) go({ name: 'item', item, meta: await getItemMeta(db, id) });
    },
    [db, go],
  );

  /** An item open while a sync lands shows what it brought (an edit, an endorsement, a conflict). */
  const openId = view.name === 'item' ? view.item.id : null;
  const refresh = useCallback(async () => {
    if (!db || !openId) return;
    const [item, meta] = await Promise.all([getItem(db, openId), getItemMeta(db, openId)]);
    // Gone (the server refused it, or forgot it after a deletion): back to the list, which says why.
    setView((current) =>
      current.name !== 'item' || current.item.id !== openId
        ? current
        : item
          ? { name: 'item', item, meta }
          : { name: 'list' },
    );
  }, [db, openId, setView]);

  const resolve = useCallback(
    async (item: Item, field: string, value: unknown, dismiss: number[]) => {
      const result = await sendMessage('resolveConflict', { id: item.id, field, value, dismiss });
      if (!result.ok) return say({ tone: 'error', text: result.message });
      await open(item.id);
      say({ tone: 'ok', text: t('library_conflictSettled') });
    },
    [open, say],
  );
  return { open, refresh, resolve };
}
