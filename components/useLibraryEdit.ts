import { useEffect, useState } from 'preact/hooks';
import {
  getItem,
  listCommunities,
  listMemberships,
  type ItemMeta,
  type Membership,
  type RepertoireDb,
} from '@/lib/db';
import { sendMessage, type ItemDraft } from '@/lib/messaging';
import { canChange, viewerOf } from '@/lib/repertoire';
import type { Community, Item } from '@/lib/wire';
import type { Status } from './StatusMessage';
import { startEditing } from './hooks/useItemEditor';
import { useShareReview } from './hooks/useShareReview';
import { editedNote, useSubmit } from './hooks/useSubmit';

interface Editing {
  item: Item;
  initial: ItemDraft;
  sharedWith: string | null;
}

/**
 * Editing a page or a snippet from the library, as the popup does: who may, the form's state,
 * the share review and what was said. `saved` gets the item as stored, for the list.
 */
export function useLibraryEdit(db: RepertoireDb | null, saved: (item: Item) => void) {
  const [roles, setRoles] = useState<{ communities: Community[]; memberships: Membership[] }>({
    communities: [],
    memberships: [],
  });
  useEffect(() => {
    if (!db) return;
    void Promise.all([listCommunities(db), listMemberships(db)]).then(
      ([communities, memberships]) => setRoles({ communities, memberships }),
    );
  }, [db]);
  const [status, say] = useState<Status>({ tone: 'idle' });
  const review = useShareReview(say);
  const { errors, clearErrors, saving, submit } = useSubmit<keyof ItemDraft>(say, review.ask);
  const [editing, setEditing] = useState<Editing | null>(null);
  /** Bumped after a save, so the open item is read again. */
  const [version, setVersion] = useState(0);

  /** Edit is offered on pages and snippets, where the server will accept the change. */
  const mayEdit = (item: Item) =>
    (item.kind === 'page' || item.kind === 'snippet') &&
    canChange(item, viewerOf(item, roles.communities, roles.memberships));

  const start = (item: Item, meta: ItemMeta | undefined) => {
    const begun = startEditing(item, meta, roles.communities);
    if (!begun) return;
    clearErrors();
    say({ tone: 'idle' });
    setEditing({ item, ...begun });
  };

  const cancel = () => setEditing(null);

  const save = (draft: ItemDraft) => {
    if (!editing || !db) return;
    const { item } = editing;
    void submit(
      () => sendMessage('editItem', { id: item.id, draft }),
      async ({ id, title }, reviewed) => {
        const stored = await getItem(db, id);
        if (stored) saved(stored);
        setEditing(null);
        setVersion((v) => v + 1);
        say({ tone: 'ok', text: editedNote(title, item.kind, reviewed) });
      },
    );
  };

  return { status, review, errors, saving, editing, version, mayEdit, start, cancel, save };
}
