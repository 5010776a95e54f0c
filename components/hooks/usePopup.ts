import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getItem } from '@/lib/db';
import { t } from '@/lib/i18n';
import type { TargetTab } from '@/lib/ui';
import { useAddToStartHere } from './useAddToStartHere';
import { useAnswers } from './useAnswers';
import { useAsk } from './useAsk';
import { useClip } from './useClip';
import { useCommunitySync } from './useCommunitySync';
import { useDeleted } from './useDeleted';
import { useItemEditor } from './useItemEditor';
import { useItemSignals } from './useItemSignals';
import { useNavigation } from './useNavigation';
import { useOpenItem } from './useOpenItem';
import { usePageWithoutTips } from './usePageWithoutTips';
import { useQuestionActions } from './useQuestionActions';
import { useQuestions } from './useQuestions';
import { useRecent } from './useRecent';
import { useReviewList } from './useReviewList';
import { useSearch } from './useSearch';
import { useShareReview } from './useShareReview';
import { useStanceProposal } from './useStanceProposal';
import { useFreshNotice } from './useFreshNotice';
import { useIndexing } from './useIndexing';
import { useLiveChanges } from './useLiveChanges';
import { useStartHere } from './useStartHere';
import { useStore } from './useStore';
import { useTipBadges } from './useTipBadges';
import { useTipEditor } from './useTipEditor';

export interface PopupProps {
  tab: TargetTab | null;
  /** Open on this item (the omnibox opens items this way). */
  itemId?: string | null;
  /** Start with this query. */
  initialQuery?: string;
  /** Open on the tip form (the in-page panel's "Add a tip for this page"). */
  newTip?: boolean;
  /** With newTip: the tip answers this question (the panel's "Answer with a tip"). */
  answers?: string | null;
  /** Open on the Ask form (the in-page panel's "Ask about this page"). */
  askAbout?: boolean;
}

/**
 * Everything the popup's views read and do: one hook per concern, composed here so that the
 * views (components/Popup*.tsx) only lay them out.
 */
export function usePopup({
  tab,
  itemId = null,
  initialQuery = '',
  newTip = false,
  answers = null,
  askAbout = false,
}: PopupProps) {
  const nav = useNavigation();
  const { view, go, say } = nav;
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
  const questions = useQuestions(db, community);
  const { load: loadQuestions } = questions;
  const startHere = useStartHere(db, shared ? community : null);
  const { refresh: refreshStartHere } = startHere;

  /** After a write or a sync: the background indexed it before answering; re-read the index. */
  const reload = useCallback(async () => {
    await Promise.all([
      loadRecent(),
      store?.index.refresh(),
      refreshItem(),
      reloadRoles(),
      loadQuestions(),
      refreshStartHere(),
    ]);
    setGeneration((g) => g + 1);
  }, [loadRecent, store, refreshItem, reloadRoles, loadQuestions, refreshStartHere]);

  // A first sync or an import indexes in batches: each one done is searchable at once.
  const indexing = useIndexing(
    useCallback(async () => {
      await store?.index.refresh();
      setGeneration((g) => g + 1);
    }, [store]),
  );
  const live = useFreshNotice(db, shared ? community : null, recent.recent, reload);
  const sync = useCommunitySync(community, shared, reload, live.offer);
  // Another member's change, while the popup is open: pulled at once, offered by `live`.
  useLiveChanges(db, shared && community ? [community] : [], (changed) => {
    void sync.pullLive(changed);
  });
  const review = useShareReview(say);
  const common = { community, reload, open: item.open, ask: review.ask };
  const { clip, ...link } = useClip({ ...common, tab, say, go });
  const tips = useTipEditor({ ...common, tab, nav });
  const edits = useItemEditor({ ...common, nav, communities });
  const deleted = useDeleted({ ...common, db, nav });
  const asking = useAsk({ ...common, tab, nav });
  const questionActions = useQuestionActions({ say, reload });
  const questionId = view.name === 'item' && view.item.kind === 'question' ? view.item.id : null;
  const answersShown = useAnswers(db, questionId, generation);
  const pageWithoutTips = usePageWithoutTips(db, tab?.url ?? null, generation);
  const searchBox = useRef<HTMLInputElement>(null);
  const showReview = useReviewList(db, community, nav);
  const badges = useTipBadges(db, search.entries);
  const opened = view.name === 'item' ? view : null;
  const signals = useItemSignals({
    db,
    item: opened?.item ?? null,
    meta: opened?.meta,
    viewer: opened ? home.viewerOf(opened.item) : undefined,
    canRetire: !!opened && home.allowed(opened.item),
    reload,
  });
  const stance = useStanceProposal(community, item.open, say, reload);
  const addToStartHere = useAddToStartHere(startHere, say, go);

  useEffect(() => {
    if (home.failed) {
      say({
        tone: 'error',
        text: t('popup_storageFailed'),
      });
    }
  }, [home.failed, say]);

  // What the popup was opened on (an item, the tip form), once storage is open.
  const openedRef = useRef(false);
  const { open } = item;
  const { start: startTip } = tips;
  const { start: startAsk } = asking;
  useEffect(() => {
    if (!db || openedRef.current) return;
    openedRef.current = true;
    if (itemId) void open(itemId);
    else if (newTip && answers)
      void getItem(db, answers).then((q) => startTip(q?.kind === 'question' ? q : undefined));
    else if (newTip) void startTip();
    else if (askAbout) void startAsk();
  }, [db, itemId, newTip, answers, askAbout, open, startTip, startAsk]);

  const backToList = () => {
    go({ name: 'list' });
    requestAnimationFrame(() => searchBox.current?.focus());
  };

  return {
    tab,
    nav,
    home,
    db,
    recent,
    item,
    search,
    questions,
    startHere,
    sync,
    indexing,
    live,
    review,
    clip,
    link,
    tips,
    edits,
    deleted,
    asking,
    questionActions,
    answersShown,
    pageWithoutTips,
    searchBox,
    showReview,
    badges,
    signals,
    stance,
    addToStartHere,
    backToList,
  };
}

export type PopupState = ReturnType<typeof usePopup>;
