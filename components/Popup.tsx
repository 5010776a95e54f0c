import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  deletedItems,
  ensurePersonalCommunity,
  getItem,
  getItemMeta,
  listCommunities,
  listMemberships,
  openRepertoireDb,
  recentItems,
  searchStore,
  type ItemMeta,
  type Membership,
  type RepertoireDb,
} from '@/lib/db';
import type {
  ClipResult,
  LinkDraft,
  LinkField,
  NeedsReview,
  ReviewOutcome,
  SavedItem,
  SaveTipResult,
  TipDraft,
} from '@/lib/messaging';
import { sendMessage } from '@/lib/messaging';
import { canChange } from '@/lib/repertoire/permissions';
import { currentCommunity, tipDraft } from '@/lib/repertoire/settings';
import { createSearchIndex, type SearchIndex } from '@/lib/search';
import { hostOf } from '@/lib/ui/links';
import { defaultAppliesTo, type TargetTab } from '@/lib/ui/target-tab';
import type { Community, Item } from '@/lib/wire/schemas';
import { DeletedList } from './DeletedList';
import { ItemView } from './ItemView';
import { LinkForm } from './LinkForm';
import { ResultList, type Entry } from './ResultList';
import type { ShareReview as ShareReviewPanel } from './ShareReview';
import { StatusMessage, type Status } from './StatusMessage';
import { SyncStatusLine } from './SyncStatusLine';
import { TipForm } from './TipForm';
import { useJoined } from './hooks/useJoined';

type View =
  | { name: 'list' }
  | { name: 'item'; item: Item; meta?: ItemMeta }
  | { name: 'tip'; initial: TipDraft }
  | { name: 'edit'; item: Item; initial: TipDraft }
  | { name: 'deleted'; items: Item[] | null }
  | { name: 'link'; initial: LinkDraft; errors: Partial<Record<LinkField, string>> };

type Shared = Extract<ReviewOutcome, { ok: true }>;

interface Reviewing {
  review: NeedsReview['review'];
  Panel: typeof ShareReviewPanel;
  /** With the member's choice once written; null when they went back. */
  resolve: (outcome: Shared | null) => void;
}

/** After a review, what became of it, as a sentence. */
const reviewNote = (outcome: Shared): string =>
  outcome.choice === 'personal'
    ? 'It was kept in Personal; nothing was shared.'
    : outcome.choice === 'redact'
      ? 'What looked private was redacted before sharing.'
      : 'It was shared as written.';

const RECENT_LIMIT = 50;
const RESULT_LIMIT = 50;
const DELETED_LIMIT = 50;

/** Given to a button that appears after an action, so the keyboard is already on it. */
const focusOnMount = (button: HTMLButtonElement | null) => button?.focus();

const recentEntry = (item: Item): Entry => ({
  id: item.id,
  kind: item.kind,
  title: item.title,
  detail: [item.siteName ?? hostOf(item.url), ...item.tags.map((t) => `#${t}`)]
    .filter(Boolean)
    .join(' · '),
});

export interface PopupProps {
  tab: TargetTab | null;
  /** Open on this item (the omnibox opens items this way). */
  itemId?: string | null;
  /** Start with this query. */
  initialQuery?: string;
  /** Open on the tip form (the in-page panel's "Add a tip for this page"). */
  newTip?: boolean;
}

export function Popup({ tab, itemId = null, initialQuery = '', newTip = false }: PopupProps) {
  const [db, setDb] = useState<RepertoireDb | null>(null);
  const [communities, setCommunities] = useState<Community[]>([]);
  const [community, setCommunity] = useState<string | null>(null);
  const [recent, setRecent] = useState<Item[] | null>(null);
  const [index, setIndex] = useState<SearchIndex | null>(null);
  const [query, setQuery] = useState(initialQuery);
  const [found, setFound] = useState<{ query: string; entries: Entry[] } | null>(null);
  const [view, setView] = useState<View>({ name: 'list' });
  const [status, setStatus] = useState<Status>({ tone: 'idle' });
  const [tipErrors, setTipErrors] = useState<Partial<Record<keyof TipDraft, string>>>({});
  const [saving, setSaving] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const [joined, setJoined] = useJoined();
  const [memberships, setMemberships] = useState<Membership[]>([]);

  /** Whether Edit, Delete and Restore are offered: only where the server will accept them. */
  const allowed = (item: Item) =>
    canChange(
      item,
      communities.find((c) => c.id === item.community)?.local
        ? 'local'
        : memberships.find((m) => m.communityId === item.community),
    );
  const [reviewing, setReviewing] = useState<Reviewing | null>(null);

  /** What the secret scan held back is shown (the panel loads now), and the choice awaited. */
  const askReview = async (review: NeedsReview['review']): Promise<Shared | null> => {
    const { ShareReview } = await import('./ShareReview');
    setStatus({ tone: 'idle' });
    return new Promise((resolve) => setReviewing({ review, Panel: ShareReview, resolve }));
  };

  useEffect(() => {
    void (async () => {
      try {
        const handle = await openRepertoireDb();
        // Independent reads side by side: the popup is a fresh context every time it opens.
        const [list, current, opened, joined] = await Promise.all([
          ensurePersonalCommunity(handle).then(() => listCommunities(handle)),
          currentCommunity.getValue(),
          // A fresh popup reads only the index records a query needs; nothing is rebuilt here.
          createSearchIndex(searchStore(handle)),
          listMemberships(handle),
        ]);
        setCommunities(list);
        setMemberships(joined);
        setCommunity(current);
        setIndex(opened);
        setDb(handle);
        if (itemId) {
          const item = await getItem(handle, itemId);
          if (item) setView({ name: 'item', item, meta: await getItemMeta(handle, itemId) });
        } else if (newTip) {
          await startTip();
        }
      } catch {
        setStatus({
          tone: 'error',
          text: 'Repertoire could not open its storage. Close other Repertoire windows and open it again.',
        });
      }
    })();
  }, []);

  const [generation, setGeneration] = useState(0);
  const loadRecent = useCallback(async () => {
    if (db && community) setRecent(await recentItems(db, community, RECENT_LIMIT));
  }, [db, community]);
  useEffect(() => void loadRecent(), [loadRecent]);

  /** After a write or a sync: the background indexed it before answering; re-read the index. */
  const shared = communities.some((c) => c.id === community && !c.local);
  /** What the sync line shows, pushed by the background: it counts changes waiting to be sent. */
  const sync = (shared && joined?.find((c) => c.community === community)) || null;

  /** An item open while a sync lands shows what it brought (an edit, an endorsement, a conflict). */
  const openItem = view.name === 'item' ? view.item.id : null;
  const refreshOpenItem = useCallback(async () => {
    if (!db || !openItem) return;
    const [item, meta] = await Promise.all([getItem(db, openItem), getItemMeta(db, openItem)]);
    // Gone (the server refused it, or forgot it after a deletion): back to the list, which says why.
    setView((current) =>
      current.name !== 'item' || current.item.id !== openItem
        ? current
        : item
          ? { name: 'item', item, meta }
          : { name: 'list' },
    );
  }, [db, openItem]);

  const reload = useCallback(async () => {
    // A sync may have brought a new role (the background asks the server after a refusal).
    const roles = db ? listMemberships(db).then(setMemberships) : undefined;
    await Promise.all([loadRecent(), index?.refresh(), refreshOpenItem(), roles]);
    setGeneration((g) => g + 1);
  }, [db, loadRecent, index, refreshOpenItem]);

  // A sync the background ran on its own (a retry, the alarm) shows what it brought too; one
  // this popup ran has been shown by then (pull, below), and a first status is nothing new.
  const shownSync = useRef<{ community: string; at: number | null } | null>(null);
  useEffect(() => {
    if (!sync) return;
    const seen = shownSync.current;
    shownSync.current = { community: sync.community, at: sync.status.lastSyncedAt };
    if (seen?.community === sync.community && seen.at !== sync.status.lastSyncedAt) void reload();
  }, [sync, reload]);

  // Opening the popup pulls what others shared, then shows it.
  const pull = useCallback(
    async (target: string) => {
      const views = await sendMessage('syncNow', { community: target }).catch(() => null);
      const view = views?.find((v) => v.community === target);
      if (view) shownSync.current = { community: target, at: view.status.lastSyncedAt };
      if (views) setJoined(views);
      await reload();
    },
    [reload, setJoined],
  );
  useEffect(() => {
    if (community && shared) void pull(community);
  }, [community, communities]);

  useEffect(() => {
    const q = query.trim();
    if (!index || !community || !q) return setFound(null);
    let current = true;
    // With one community every indexed item is in it: the filter would only cost time.
    const filters = communities.length > 1 ? { community } : undefined;
    void index.search(q, { filters, limit: RESULT_LIMIT }).then((results) => {
      if (!current) return;
      setFound({
        query: q,
        entries: results.map((r) => ({
          id: r.id,
          kind: r.kind,
          title: r.title,
          detail: r.snippet.slice(0, 120) || hostOf(r.url),
          marks: r.highlights.title,
        })),
      });
    });
    return () => {
      current = false;
    };
  }, [index, community, communities, query, generation]);

  const entries = useMemo(
    () => (query.trim() ? (found?.entries ?? []) : (recent ?? []).map(recentEntry)),
    [query, found, recent],
  );

  const open = async (id: string) => {
    const item = db && (await getItem(db, id));
    if (item) setView({ name: 'item', item, meta: await getItemMeta(db, id) });
  };

  const clip = async (what: 'page' | 'selection', again = false) => {
    if (!tab || !community) return;
    setStatus({
      tone: 'busy',
      text: what === 'page' ? 'Clipping the page…' : 'Clipping the selection…',
    });
    const request =
      what === 'page'
        ? sendMessage('clipPage', { tabId: tab.id, community, again })
        : sendMessage('clipSelection', { tabId: tab.id, community });
    await reportClip(
      await request.catch((error: unknown): ClipResult => ({
        ok: false,
        error: { code: 'failed', message: error instanceof Error ? error.message : String(error) },
      })),
    );
  };

  const reportClip = async (result: ClipResult) => {
    if (!result.ok && 'review' in result) {
      const outcome = await askReview(result.review);
      if (!outcome) return setStatus({ tone: 'ok', text: 'Not clipped; nothing was shared.' });
      await reload();
      const id = outcome.item.id;
      return setStatus({
        tone: 'ok',
        text: `Clipped “${outcome.item.title}”. ${reviewNote(outcome)} ${outcome.notice ?? ''}`.trim(),
        actions: <button onClick={() => void open(id)}>Open it</button>,
      });
    }
    await reload();
    if (result.ok) {
      const id = result.item.id;
      setStatus({
        tone: 'ok',
        text: `Clipped “${result.item.title}”. ${result.notice ?? ''}`.trim(),
        actions: <button onClick={() => void open(id)}>Open it</button>,
      });
    } else {
      const { existing, link } = result.error;
      setStatus({
        tone: 'error',
        text: result.error.message,
        actions: existing ? (
          <>
            <button onClick={() => void open(existing.id)}>Open it</button>
            <button onClick={() => void clip('page', true)}>Clip again</button>
          </>
        ) : link ? (
          <button
            onClick={() => {
              setStatus({ tone: 'idle' });
              setView({ name: 'link', initial: { ...link, tags: '' }, errors: {} });
            }}
          >
            Save as a link
          </button>
        ) : undefined,
      });
    }
  };

  const startTip = async () => {
    // The tip form's site-access check (and its pattern catalog) stays off the first paint.
    void import('@/lib/ui/site-access');
    const saved = await tipDraft.getValue();
    setTipErrors({});
    setView({
      name: 'tip',
      initial: saved ?? {
        title: '',
        body: '',
        tags: '',
        appliesTo: defaultAppliesTo(tab?.url ?? null),
      },
    });
  };

  /** Sends a tip (new or edited); field errors go next to their fields, nothing typed is lost. */
  const submitTip = async (
    send: () => Promise<SaveTipResult>,
    saved: (item: SavedItem, reviewed?: Shared) => Promise<void>,
  ) => {
    setSaving(true);
    try {
      const result = await send();
      if (result.ok) return await saved(result.item);
      if ('review' in result) {
        const outcome = await askReview(result.review);
        if (outcome) return await saved(outcome.item, outcome);
        return setStatus({ tone: 'ok', text: 'Not saved yet; nothing was shared.' });
      }
      setTipErrors(result.errors);
      setStatus({
        tone: 'error',
        text: result.message ?? 'Some fields need attention before saving.',
      });
    } catch (error) {
      setStatus({ tone: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setSaving(false);
    }
  };

  /** The latest write of the unfinished tip; a save waits for it (see saveTip). */
  const draftWrite = useRef<Promise<void>>(Promise.resolve());
  const keepDraft = (draft: TipDraft) => {
    // A draft that could not be kept must not hold up the save after it.
    draftWrite.current = draftWrite.current.then(() => tipDraft.setValue(draft)).catch(() => {});
  };

  const saveLink = async (draft: LinkDraft) => {
    if (!community) return;
    setSaving(true);
    const result = await sendMessage('saveLink', { community, link: draft }).catch(
      (error: unknown): ClipResult => ({
        ok: false,
        error: { code: 'failed', message: error instanceof Error ? error.message : String(error) },
      }),
    );
    setSaving(false);
    if ('errors' in result) return setView({ name: 'link', initial: draft, errors: result.errors });
    setView({ name: 'list' });
    await reportClip(result);
  };

  const saveTip = (draft: TipDraft) => {
    if (!community) return;
    // Asked first, while the click still counts as the member's gesture (the module was loaded
    // when the form opened, so this does not wait on the network).
    const access = import('@/lib/ui/site-access').then((m) => m.requestSiteAccess(draft.appliesTo));
    void submitTip(
      // The background clears the draft once the tip is stored, even if this popup is gone by
      // then (the permission prompt closes it): the last keystroke's write must land before.
      () =>
        draftWrite.current.then(() =>
          sendMessage('saveTip', { community, draft, url: tab?.url ?? null }),
        ),
      async ({ title }, reviewed) => {
        await reload();
        setView({ name: 'list' });
        const saved = `Saved the tip “${title}”.${reviewed ? ` ${reviewNote(reviewed)}` : ''}`;
        setStatus({ tone: 'ok', text: saved });
        // The browser's prompt may stay open; the tip is saved either way.
        void access.then((granted) => {
          if (granted) return;
          setStatus({
            tone: 'ok',
            text: `${saved} It is in your search, but Repertoire will not show it on those sites until you allow access to them; save the tip again to be asked.`,
          });
        });
      },
    );
  };

  const saveEdit = (item: Item, draft: TipDraft) =>
    void submitTip(
      () => sendMessage('editTip', { id: item.id, draft }),
      async ({ id, title }, reviewed) => {
        await reload();
        await open(id);
        setStatus({
          tone: 'ok',
          text:
            reviewed?.choice === 'personal'
              ? `Your edited version of “${title}” was kept in Personal as a new tip; the shared tip is unchanged.`
              : `Saved your changes to “${title}”.${reviewed ? ` ${reviewNote(reviewed)}` : ''}`,
        });
      },
    );

  const resolve = async (item: Item, field: string, value: unknown, dismiss: number[]) => {
    const result = await sendMessage('resolveConflict', { id: item.id, field, value, dismiss });
    if (!result.ok) return setStatus({ tone: 'error', text: result.message });
    await open(item.id);
    setStatus({ tone: 'ok', text: 'Conflict settled; everyone will see the version you kept.' });
  };

  /** Reads the deleted items into the Recently deleted view, if that is what is shown. */
  const readDeleted = async () => {
    if (!db || !community) return;
    const items = await deletedItems(db, community, DELETED_LIMIT);
    setView((current) => (current.name === 'deleted' ? { name: 'deleted', items } : current));
  };
  const showDeleted = async () => {
    setView({ name: 'deleted', items: null });
    await readDeleted();
  };

  /** Deleting takes effect at once; Undo (or Recently deleted) brings the item back. */
  const remove = async (item: Item) => {
    await sendMessage('deleteItem', { id: item.id });
    await reload();
    setView({ name: 'list' });
    setStatus({
      tone: 'ok',
      text: `Deleted “${item.title}”.`,
      actions: (
        <button type="button" ref={focusOnMount} onClick={() => void restore(item)}>
          Undo
        </button>
      ),
    });
  };

  const restore = async (item: Item) => {
    const result = await sendMessage('restoreItem', { id: item.id }).catch(
      (error: unknown) =>
        ({ ok: false, message: error instanceof Error ? error.message : String(error) }) as const,
    );
    if (!result.ok) return setStatus({ tone: 'error', text: result.message });
    await Promise.all([reload(), readDeleted()]);
    setStatus({
      tone: 'ok',
      text: `Restored “${result.title}”.`,
      actions: (
        <button type="button" onClick={() => void open(item.id)}>
          Open it
        </button>
      ),
    });
  };

  const startEdit = (item: Item) => {
    if (item.kind !== 'tip') return;
    setTipErrors({});
    setView({
      name: 'edit',
      item,
      initial: {
        title: item.title,
        body: item.body,
        tags: item.tags.join(' '),
        appliesTo: item.appliesTo.join('\n'),
      },
    });
  };

  const backToList = () => {
    setView({ name: 'list' });
    requestAnimationFrame(() => search.current?.focus());
  };

  return (
    // While a review shows, what comes after it is hidden, not unmounted: Back returns to the
    // form as it was.
    <main class={reviewing ? 'popup reviewing' : 'popup'}>
      <header class="toolbar">
        <label class="community">
          <span class="visually-hidden">Community</span>
          <select
            value={community ?? ''}
            onChange={(e) => {
              const next = (e.currentTarget as HTMLSelectElement).value;
              setCommunity(next);
              void currentCommunity.setValue(next);
            }}
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
        <button type="button" onClick={() => void startTip()} disabled={!db}>
          New tip
        </button>
      </header>
      {sync ? (
        <SyncStatusLine
          status={sync.status}
          onRetry={() => community && void pull(community)}
          onDismiss={() =>
            community &&
            void sendMessage('dismissRefused', { community })
              .then(setJoined)
              .catch(() => undefined)
          }
        />
      ) : null}
      <StatusMessage status={status} />
      {reviewing ? (
        <reviewing.Panel
          review={reviewing.review}
          communityName={communities.find((c) => c.id === community)?.name ?? 'the community'}
          choose={(choice) =>
            sendMessage('shareReviewed', { reviewId: reviewing.review.reviewId, choice })
          }
          onDone={(outcome) => {
            setReviewing(null);
            reviewing.resolve(outcome);
          }}
          onBack={() => {
            setReviewing(null);
            reviewing.resolve(null);
          }}
        />
      ) : null}

      {view.name === 'tip' ? (
        <TipForm
          initial={view.initial}
          saving={saving}
          errors={tipErrors}
          onChange={keepDraft}
          onSave={saveTip}
          onCancel={backToList}
        />
      ) : view.name === 'edit' ? (
        <TipForm
          label="Edit tip"
          submitLabel="Save changes"
          initial={view.initial}
          saving={saving}
          errors={tipErrors}
          onChange={() => undefined}
          onSave={(draft) => saveEdit(view.item, draft)}
          onCancel={() => void open(view.item.id)}
        />
      ) : view.name === 'link' ? (
        <LinkForm
          initial={view.initial}
          saving={saving}
          errors={view.errors}
          onSave={(draft) => void saveLink(draft)}
          onCancel={backToList}
        />
      ) : view.name === 'deleted' ? (
        <DeletedList
          items={view.items}
          shared={shared}
          canRestore={allowed}
          onRestore={(item) => void restore(item)}
          onBack={backToList}
        />
      ) : view.name === 'item' ? (
        <ItemView
          item={view.item}
          meta={view.meta}
          onBack={backToList}
          // Editing, settling a conflict (an edit) and deleting: for the author or a steward.
          {...(allowed(view.item)
            ? {
                onEdit: startEdit,
                onResolve: (field, value, dismiss) =>
                  void resolve(view.item, field, value, dismiss),
                onDelete: (item) => void remove(item),
              }
            : {})}
        />
      ) : (
        <section aria-label="Repertoire">
          <input
            ref={search}
            type="search"
            class="search"
            aria-label="Search repertoire"
            placeholder="Search pages, snippets and tips"
            autoFocus
            value={query}
            onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && query) {
                e.preventDefault();
                setQuery('');
              } else if (e.key === 'ArrowDown') {
                e.preventDefault();
                document.querySelector<HTMLButtonElement>('.results button')?.focus();
              } else if (e.key === 'Enter' && entries[0]) {
                void open(entries[0].id);
              }
            }}
          />
          {recent === null ? (
            <p class="empty">Loading your repertoire…</p>
          ) : recent.length === 0 && !query.trim() ? (
            <p class="empty">
              Nothing here yet. Clip this page, select text and clip the selection, or write a tip.
            </p>
          ) : query.trim() && found === null ? (
            <p class="empty">Searching…</p>
          ) : entries.length === 0 ? (
            <p class="empty">
              No match for “{query.trim().slice(0, 80)}”. Try fewer or other words.
            </p>
          ) : (
            <ResultList
              entries={entries}
              label={query.trim() ? 'Search results' : 'Recent items'}
              onOpen={(id) => void open(id)}
            />
          )}
          <div class="toolbar list-footer">
            <button type="button" onClick={() => void showDeleted()} disabled={!db}>
              Recently deleted
            </button>
          </div>
        </section>
      )}
    </main>
  );
}
