import { useEffect, useState } from 'preact/hooks';
import { getItem, getItemMeta, type ItemMeta, type RepertoireDb } from '@/lib/db';
import type { Item } from '@/lib/wire';

export type OpenItem =
  | { state: 'none' | 'loading' | 'missing' }
  | { state: 'ready'; item: Item; meta: ItemMeta | undefined };

/** The item `id` in full (the list holds no bodies), read when it is opened and when `version` changes. */
export function useOpenItem(db: RepertoireDb | null, id: string | null, version = 0): OpenItem {
  const [open, setOpen] = useState<OpenItem>({ state: 'none' });
  useEffect(() => {
    if (!id) return setOpen({ state: 'none' });
    if (!db) return setOpen({ state: 'loading' });
    let current = true;
    setOpen({ state: 'loading' });
    void Promise.all([getItem(db, id), getItemMeta(db, id)]).then(
      ([item, meta]) => {
        if (!current) return;
        setOpen(
          item && item.deletedAt === null ? { state: 'ready', item, meta } : { state: 'missing' },
        );
      },
      () => current && setOpen({ state: 'missing' }),
    );
    return () => {
      current = false;
    };
  }, [db, id, version]);
  return open;
}
