import { sendMessage, type ItemDraft, type NeedsReview } from '@/lib/messaging';
import type { ItemMeta } from '@/lib/db';
import type { Community, Item } from '@/lib/wire';
import type { Navigation } from './useNavigation';
import type { Shared } from './useShareReview';
import { editedNote, useSubmit } from './useSubmit';

/** What an item's edit form starts from; null for the kinds it does not edit. */
export function startEditing(
  item: Item,
  meta: ItemMeta | undefined,
  communities: readonly Community[],
): { initial: ItemDraft; sharedWith: string | null } | null {
  if (item.kind !== 'page' && item.kind !== 'snippet') return null;
  const community = communities.find((c) => c.id === item.community);
  return {
    initial: {
      title: item.title,
      tags: item.tags.join(' '),
      note: item.note ?? '',
      privateNote: meta?.privateNote ?? '',
    },
    // Its name labels the shared note; a local community has only the one note.
    sharedWith: community && !community.local ? community.name : null,
  };
}

interface Options {
  nav: Navigation;
  ask: (review: NeedsReview['review']) => Promise<Shared | null>;
  reload: () => Promise<void>;
  open: (id: string) => Promise<void>;
  communities: readonly Community[];
}

/** Editing a page or a snippet: its title, tags, note and private note, saved through the background. */
export function useItemEditor({ nav, ask, reload, open, communities }: Options) {
  const { go, say } = nav;
  const { errors, clearErrors, saving, submit } = useSubmit<keyof ItemDraft>(say, ask);

  const start = (item: Item, meta: ItemMeta | undefined) => {
    const editing = startEditing(item, meta, communities);
    if (!editing) return;
    clearErrors();
    go({ name: 'editItem', item, ...editing });
  };

  const save = (item: Item, draft: ItemDraft) =>
    void submit(
      () => sendMessage('editItem', { id: item.id, draft }),
      async ({ id, title }, reviewed) => {
        await reload();
        await open(id);
        say({ tone: 'ok', text: editedNote(title, item.kind, reviewed) });
      },
    );

  return { errors, saving, start, save };
}
