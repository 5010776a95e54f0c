import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import type { TargetTab } from '@/lib/ui/target-tab';
import { aboutChoices } from '@/lib/ui/ask-about';
import { getItem } from '@/lib/db';
import { AnsweredNotice } from './AnsweredNotice';
import type { Item } from '@/lib/wire/schemas';
import { DeletedList } from './DeletedList';
import { QuestionsList, countLine } from './QuestionsList';
import { useAnswers } from './hooks/useAnswers';
import { useAsk } from './hooks/useAsk';
import { useQuestionActions } from './hooks/useQuestionActions';
import { useQuestions } from './hooks/useQuestions';
import { ItemView } from './ItemView';
import { InviteOffer } from './InviteOffer';
import { LinkForm } from './LinkForm';
import { ListView } from './ListView';
import { StartHereOffer } from './StartHereOffer';
import { StatusMessage } from './StatusMessage';
import { SyncStatusLine } from './SyncStatusLine';
import { TipForm } from './TipForm';
import { useClip } from './hooks/useClip';
import { useCommunitySync } from './hooks/useCommunitySync';
import { useDeleted } from './hooks/useDeleted';
import { useItemEditor } from './hooks/useItemEditor';
import { useItemSignals } from './hooks/useItemSignals';
import { useNavigation } from './hooks/useNavigation';
import { useOpenItem } from './hooks/useOpenItem';
import { usePageWithoutTips } from './hooks/usePageWithoutTips';
import { useRecent } from './hooks/useRecent';
import { useReviewList } from './hooks/useReviewList';
import { useTipBadges } from './hooks/useTipBadges';
import { useSearch } from './hooks/useSearch';
import { useShareReview } from './hooks/useShareReview';
import { useStanceProposal } from './hooks/useStanceProposal';
import { useStartHere } from './hooks/useStartHere';
import { useAddToStartHere } from './hooks/useAddToStartHere';
import { useStore } from './hooks/useStore';
import { useTipEditor } from './hooks/useTipEditor';
import { lazyView } from './lazyView';

// Reached by a click: loaded then, not with the popup's first paint.
const AskForm = lazyView(() => import('./AskForm').then((m) => m.AskForm));
const DraftChoice = lazyView(() => import('./DraftChoice').then((m) => m.DraftChoice));
const QuestionView = lazyView(() => import('./QuestionView').then((m) => m.QuestionView));
const ItemForm = lazyView(() => import('./ItemForm').then((m) => m.ItemForm));
const ReviewList = lazyView(() => import('./ReviewList').then((m) => m.ReviewList));
const StanceForm = lazyView(() => import('./StanceForm').then((m) => m.StanceForm));
const StanceView = lazyView(() => import('./StanceView').then((m) => m.StanceView));
const SiteAccessOffer = lazyView(() => import('./SiteAccessOffer').then((m) => m.SiteAccessOffer));
const ItemSignals = lazyView(() => import('./ItemSignals').then((m) => m.ItemSignals));
const AnsweredIt = lazyView(() => import('./AnsweredIt').then((m) => m.AnsweredIt));
const StartHere = lazyView(() => import('./StartHere').then((m) => m.StartHere));

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

/** The popup: a thin view over one hook per concern (components/hooks). */
export function Popup({
  tab,
  itemId = null,
  initialQuery = '',
  newTip = false,
  answers = null,
  askAbout = false,
}: PopupProps) {
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

  const sync = useCommunitySync(community, shared, reload);
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
        text: 'Repertoire could not open its storage. Close other Repertoire windows and open it again.',
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
      <AnsweredNotice
        notices={questions.notices}
        // Opening the answer is acting on the notice: it goes.
        onOpen={(id) => {
          questions.dismiss();
          void open(id);
        }}
        onDismiss={questions.dismiss}
      />
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
          answering={view.answering}
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
      ) : view.name === 'editItem' ? (
        <ItemForm
          what={view.item.kind}
          sharedWith={view.sharedWith}
          initial={view.initial}
          saving={edits.saving}
          errors={edits.errors}
          onSave={(draft) => edits.save(view.item, draft)}
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
      ) : view.name === 'ask' ? (
        <AskForm
          initial={view.initial}
          choices={aboutChoices(tab?.url ?? null).choices}
          shared={shared}
          saving={asking.saving}
          errors={asking.errors}
          onChange={asking.keepDraft}
          onSave={(draft) => void asking.save(draft)}
          onCancel={() => void asking.discard().then(backToList)}
        />
      ) : view.name === 'replace-draft' ? (
        <DraftChoice
          draft={view.draft}
          answering={view.question.title}
          onReplace={() => void tips.start(view.question, true)}
          onKeep={() =>
            void open(view.question.id).then(() =>
              say({
                tone: 'ok',
                text: `Kept your unfinished tip. New tip takes it up again; answer this question once it is saved.`,
              }),
            )
          }
        />
      ) : view.name === 'questions' ? (
        <QuestionsList
          questions={questions.open}
          onOpen={(id) => void open(id)}
          onAsk={() => void asking.start()}
          onBack={backToList}
        />
      ) : view.name === 'item' && view.item.kind === 'question' ? (
        <QuestionView
          item={view.item}
          meta={view.meta}
          answers={answersShown}
          memberId={questions.memberId}
          onMeToo={(on) => questionActions.meToo(view.item.id, on)}
          onAnswer={() => void tips.start(view.item.kind === 'question' ? view.item : undefined)}
          onOpen={(id) => void open(id)}
          onBack={() => go({ name: 'questions' })}
          {...(home.allowed(view.item)
            ? { onClose: () => questionActions.close(view.item.id) }
            : {})}
        />
      ) : view.name === 'review' ? (
        <ReviewList tips={view.tips} onOpen={(id) => void open(id)} onBack={backToList} />
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
          signals={signals ? <ItemSignals key={view.item.id} signals={signals} /> : null}
          // Editing, settling a conflict (an edit) and deleting: for the author or a steward.
          {...(home.allowed(view.item)
            ? {
                onEdit: (shown) =>
                  shown.kind === 'tip' ? tips.startEdit(shown) : edits.start(shown, view.meta),
                onResolve: (field, value, dismiss) =>
                  void item.resolve(view.item, field, value, dismiss),
                onDelete: (shown) => void deleted.remove(shown),
              }
            : {})}
        >
          <AnsweredIt
            meta={view.meta}
            memberId={questions.memberId}
            asker={questions.asked(view.item)}
            onMark={(story) => questionActions.answeredIt(view.item.id, story)}
          />
        </ItemView>
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
            {...(shared ? { onShowReview: () => void showReview() } : {})}
            joined={communities.some((c) => !c.local)}
            onAsk={(query) => void asking.start(query)}
            {...(shared && pageWithoutTips ? { onAskAboutPage: () => void asking.start() } : {})}
            questions={
              shared && questions.open?.length ? (
                <p class="questions-line">
                  <button type="button" class="link" onClick={() => go({ name: 'questions' })}>
                    {countLine(questions.open.length)}
                  </button>
                </p>
              ) : null
            }
            badges={badges}
          />
        </>
      )}
    </main>
  );
}
