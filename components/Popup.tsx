import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { TargetTab } from '@/lib/ui/target-tab';
import type { Item } from '@/lib/wire/schemas';
import { DeletedList } from './DeletedList';
import { ItemView } from './ItemView';
import { InviteOffer } from './InviteOffer';
import { LinkForm } from './LinkForm';
import { ListView } from './ListView';
import { SiteAccessOffer } from './SiteAccessOffer';
import { StanceForm } from './StanceForm';
import { StanceView } from './StanceView';
import { StartHere } from './StartHere';
import { StartHereOffer } from './StartHereOffer';
import { StatusMessage } from './StatusMessage';
import { SyncStatusLine } from './SyncStatusLine';
import { TipForm } from './TipForm';
import { useClip } from './hooks/useClip';
import { useCommunitySync } from './hooks/useCommunitySync';
import { useDeleted } from './hooks/useDeleted';
import { useNavigation } from './hooks/useNavigation';
import { useOpenItem } from './hooks/useOpenItem';
import { useRecent } from './hooks/useRecent';
import { useSearch } from './hooks/useSearch';
import { useShareReview } from './hooks/useShareReview';
import { useStanceProposal } from './hooks/useStanceProposal';
import { useStartHere } from './hooks/useStartHere';
import { useAddToStartHere } from './hooks/useAddToStartHere';
import { useStore } from './hooks/useStore';
import { useTipEditor } from './hooks/useTipEditor';

export interface PopupProps {
  tab: TargetTab | null;
  /** Open on this item (the omnibox opens items this way). */
  itemId?: string | null;
  /** Start with this query. */
  initialQuery?: string;
  /** Open on the tip form (the in-page panel's "Add a tip for this page"). */
  newTip?: boolean;
}

/** The popup: a thin view over one hook per concern (components/hooks). */
export function Popup({ tab, itemId = null, initialQuery = '', newTip = false }: PopupProps) {
  const nav = useNavigation();
  const { view, status, go, say } = nav;
  const home = useStore();
  const { store, community, communities, shared } = home;
  const db = store?.db;
  const recent = useRecent(db, community);
  const item = useOpenItem(db, nav);
  const [generation, setGeneration] = useState(0);
  const search = useSearch({
    index: store?.index,
    community,
    filtered: communities.length > 1,
    recent: recent.recent,
    generation,
    initialQuery,
  });
  const { load: loadRecent } = recent;
  const { refresh: refreshItem } = item;
  const { reloadRoles } = home;
  const startHere = useStartHere(db, shared ? community : null);
  const { refresh: refreshStartHere } = startHere;

  /** After a write or a sync: the background indexed it before answering; re-read the index. */
  const reload = useCallback(async () => {
    await Promise.all([
      loadRecent(),
      store?.index.refresh(),
      refreshItem(),
      reloadRoles(),
      refreshStartHere(),
    ]);
    setGeneration((g) => g + 1);
  }, [loadRecent, store, refreshItem, reloadRoles, refreshStartHere]);

  const sync = useCommunitySync(community, shared, reload);
  const review = useShareReview(say);
  const common = { community, reload, open: item.open, ask: review.ask };
  const { clip, ...link } = useClip({ ...common, tab, say, go });
  const tips = useTipEditor({ ...common, tab, nav });
  const deleted = useDeleted({ ...common, db, nav });
  const searchBox = useRef<HTMLInputElement>(null);
  const stance = useStanceProposal(community, item.open, say, reload);
  const addToStartHere = useAddToStartHere(startHere, say, go);

  useEffect(() => {
    if (home.failed) {
      say({
        tone: 'error',
        text: 'Repertoire could not open its storage. Close other Repertoire windows and open it again.',
      });
    }
  }, [home.failed, say]);

  // What the popup was opened on (an item, the tip form), once storage is open.
  const openedRef = useRef(false);
  const { open } = item;
  const { start: startTip } = tips;
  useEffect(() => {
    if (!db || openedRef.current) return;
    openedRef.current = true;
    if (itemId) void open(itemId);
    else if (newTip) void startTip();
  }, [db, itemId, newTip, open, startTip]);

  const backToList = () => {
    go({ name: 'list' });
    requestAnimationFrame(() => searchBox.current?.focus());
  };
  const { reviewing } = review;

  return (
    // While a review shows, what comes after it is hidden, not unmounted: Back returns to the
    // form as it was.
    <main class={reviewing ? 'popup reviewing' : 'popup'}>
      <header class="toolbar">
        <label class="community">
          <span class="visually-hidden">Community</span>
          <select
            value={community ?? ''}
            onChange={(e) => home.choose((e.currentTarget as HTMLSelectElement).value)}
          >
            {communities.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="primary"
          onClick={() => void clip('page')}
          disabled={!tab || !db}
        >
          Clip page
        </button>
        <button type="button" onClick={() => void clip('selection')} disabled={!tab || !db}>
          Clip selection
        </button>
        <button type="button" onClick={() => void tips.start()} disabled={!db}>
          New tip
        </button>
      </header>
      <InviteOffer url={tab?.url} />
      <SiteAccessOffer url={tab?.url ?? null} />
      {sync.sync ? (
        <SyncStatusLine status={sync.sync.status} onRetry={sync.retry} onDismiss={sync.dismiss} />
      ) : null}
      <StatusMessage status={status} />
      {reviewing ? (
        <reviewing.Panel
          review={reviewing.review}
          communityName={home.communityName ?? 'the community'}
          choose={(choice) =>
            sendMessage('shareReviewed', { reviewId: reviewing.review.reviewId, choice })
          }
          onDone={review.settle}
          onBack={() => review.settle(null)}
        />
      ) : null}

      {view.name === 'tip' ? (
        <TipForm
          initial={view.initial}
          saving={tips.saving}
          errors={tips.errors}
          onChange={tips.keepDraft}
          onSave={tips.save}
          onCancel={backToList}
        />
      ) : view.name === 'edit' ? (
        <TipForm
          label="Edit tip"
          submitLabel="Save changes"
          initial={view.initial}
          saving={tips.saving}
          errors={tips.errors}
          onChange={() => undefined}
          onSave={(draft) => tips.saveEdit(view.item, draft)}
          onCancel={() => void open(view.item.id)}
        />
      ) : view.name === 'link' ? (
        <LinkForm
          initial={view.initial}
          saving={link.saving}
          errors={view.errors}
          onSave={(draft) => void link.saveLink(draft)}
          onCancel={backToList}
        />
      ) : view.name === 'deleted' ? (
        <DeletedList
          items={view.items}
          shared={shared}
          canRestore={home.allowed}
          onRestore={(gone) => void deleted.restore(gone)}
          onBack={backToList}
        />
      ) : view.name === 'startHere' ? (
        <StartHere
          startHere={startHere}
          onOpen={(id) => void open(id)}
          onBack={backToList}
          say={say}
        />
      ) : view.name === 'stance-new' ? (
        <StanceForm
          saving={stance.saving}
          errors={stance.errors}
          onSave={(draft) => void stance.propose(draft)}
          onCancel={backToList}
        />
      ) : view.name === 'item' && view.item.kind === 'stance' ? (
        <StanceView db={db} stance={view.item} onBack={backToList} say={say} />
      ) : view.name === 'item' ? (
        <ItemView
          {...(startHere.curator && view.item.kind !== 'path' && view.item.kind !== 'stance'
            ? { onAddToStartHere: (shown: Item) => void addToStartHere(shown) }
            : {})}
          item={view.item}
          meta={view.meta}
          onBack={backToList}
          // Editing, settling a conflict (an edit) and deleting: for the author or a steward.
          {...(home.allowed(view.item)
            ? {
                onEdit: tips.startEdit,
                onResolve: (field, value, dismiss) =>
                  void item.resolve(view.item, field, value, dismiss),
                onDelete: (shown) => void deleted.remove(shown),
              }
            : {})}
        />
      ) : (
        <>
          {shared ? (
            <StartHereOffer
              startHere={startHere}
              onShow={() => go({ name: 'startHere' })}
              onPropose={() => go({ name: 'stance-new' })}
            />
          ) : null}
          <ListView
            search={search}
            recent={recent.recent}
            inputRef={searchBox}
            ready={!!db}
            onOpen={(id) => void open(id)}
            onShowDeleted={() => void deleted.show()}
            joined={communities.some((c) => !c.local)}
          />
        </>
      )}
    </main>
  );
}
