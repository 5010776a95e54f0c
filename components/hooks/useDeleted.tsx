import { deletedItems, type RepertoireDb } from '@/lib/db';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging';
import type { Item } from '@/lib/wire';
import type { Navigation } from './useNavigation';

const DELETED_LIMIT = 50;

/** Given to a button that appears after an action, so the keyboard is already on it. */
const focusOnMount = (button: HTMLButtonElement | null) => button?.focus();

interface Options {
  db: RepertoireDb | undefined;
  community: string | null;
  nav: Navigation;
  reload: () => Promise<void>;
  open: (id: string) => Promise<void>;
}

/** Deleting with Undo, the Recently deleted view, and restoring from it. */
export function useDeleted({ db, community, nav, reload, open }: Options) {
  const { go, say, setView } = nav;

  /** Reads the deleted items into the Recently deleted view, if that is what is shown. */
  const read = async () => {
    if (!db || !community) return;
    const items = await deletedItems(db, community, DELETED_LIMIT);
    setView((current) => (current.name === 'deleted' ? { name: 'deleted', items } : current));
  };
  const show = async () => {
    go({ name: 'deleted', items: null });
    await read();
  };

  /** Deleting takes effect at once; Undo (or Recently deleted) brings the item back. */
  const remove = async (item: Item) => {
    await sendMessage('deleteItem', { id: item.id });
    await reload();
    go({ name: 'list' });
    say({
      tone: 'ok',
      text: t('library_deleted', { title: item.title }),
      actions: (
        <button type="button" ref={focusOnMount} onClick={() => void restore(item)}>
          {t('library_undo')}
        </button>
      ),
    });
  };

  const restore = async (item: Item) => {
    const result = await sendMessage('restoreItem', { id: item.id }).catch(
      (error: unknown) =>
        ({ ok: false, message: error instanceof Error ? error.message : String(error) }) as const,
    );
    if (!result.ok) return say({ tone: 'error', text: result.message });
    await Promise.all([reload(), read()]);
    say({
      tone: 'ok',
      text: t('library_restored', { title: result.title }),
      actions: (
        <button type="button" onClick={() => void open(item.id)}>
          {t('library_openIt')}
        </button>
      ),
    });
  };

  return { show, remove, restore };
}
