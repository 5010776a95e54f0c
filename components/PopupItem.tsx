import type { Item } from '@/lib/wire';
import { ItemSignals } from './ItemSignals';
import { ItemView } from './ItemView';
import type { PopupState } from './hooks/usePopup';
import type { View } from './hooks/useNavigation';
import { lazyView } from './lazyView';

// Reached by a click: loaded then, not with the popup's first paint.
const AnsweredIt = lazyView(() => import('./AnsweredIt').then((m) => m.AnsweredIt));
const QuestionView = lazyView(() => import('./QuestionView').then((m) => m.QuestionView));
const StanceView = lazyView(() => import('./StanceView').then((m) => m.StanceView));

/** One open item: a question, a stance, or a page, snippet, tip or path with its signals. */
export function PopupItem({
  popup,
  view,
}: {
  popup: PopupState;
  view: Extract<View, { name: 'item' }>;
}) {
  const { home, questions, questionActions, tips, edits, deleted, startHere, signals } = popup;
  const { open } = popup.item;
  const shown = view.item;
  if (shown.kind === 'question')
    return (
      <QuestionView
        item={shown}
        meta={view.meta}
        answers={popup.answersShown}
        memberId={questions.memberId}
        onMeToo={(on) => questionActions.meToo(shown.id, on)}
        onAnswer={() => void tips.start(shown)}
        onOpen={(id) => void open(id)}
        onBack={() => popup.nav.go({ name: 'questions' })}
        {...(home.allowed(shown) ? { onClose: () => questionActions.close(shown.id) } : {})}
      />
    );
  if (shown.kind === 'stance')
    return (
      <StanceView
        db={popup.db}
        stance={shown}
        onBack={() => popup.nav.go({ name: 'stances' })}
        say={popup.nav.say}
      />
    );
  return (
    <ItemView
      db={popup.db}
      {...(startHere.curator && shown.kind !== 'path'
        ? { onAddToStartHere: (added: Item) => void popup.addToStartHere(added) }
        : {})}
      item={shown}
      meta={view.meta}
      onBack={popup.backToList}
      signals={signals ? <ItemSignals key={shown.id} signals={signals} /> : null}
      // Editing, settling a conflict (an edit) and deleting: for the author or a steward.
      {...(home.allowed(shown)
        ? {
            onEdit: (edited) =>
              edited.kind === 'tip' ? tips.startEdit(edited) : edits.start(edited, view.meta),
            onResolve: (field, value, dismiss) =>
              void popup.item.resolve(shown, field, value, dismiss),
            onDelete: (gone) => void deleted.remove(gone),
          }
        : {})}
    >
      <AnsweredIt
        meta={view.meta}
        memberId={questions.memberId}
        asker={questions.asked(shown)}
        onMark={(story) => questionActions.answeredIt(shown.id, story)}
      />
    </ItemView>
  );
}
