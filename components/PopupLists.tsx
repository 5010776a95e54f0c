import { QuestionsList } from './QuestionsList';
import type { PopupState } from './hooks/usePopup';
import type { View } from './hooks/useNavigation';
import { lazyView } from './lazyView';

// Reached by a click: loaded then, not with the popup's first paint.
const DeletedList = lazyView(() => import('./DeletedList').then((m) => m.DeletedList));
const ReviewList = lazyView(() => import('./ReviewList').then((m) => m.ReviewList));
const StartHere = lazyView(() => import('./StartHere').then((m) => m.StartHere));
const StancesList = lazyView(() => import('./StancesList').then((m) => m.StancesList));

export const LIST_VIEWS = ['questions', 'review', 'startHere', 'stances', 'deleted'] as const;
export type ListOfItemsView = Extract<View, { name: (typeof LIST_VIEWS)[number] }>;

/**
 * The popup's lists besides search: open questions, tips to review, Start here, stances,
 * recently deleted.
 */
export function PopupList({ popup, view }: { popup: PopupState; view: ListOfItemsView }) {
  const { questions, asking, startHere, deleted, home, backToList, nav } = popup;
  const open = (id: string) => void popup.item.open(id);
  switch (view.name) {
    case 'questions':
      return (
        <QuestionsList
          questions={questions.open}
          onOpen={open}
          onAsk={() => void asking.start()}
          onBack={backToList}
        />
      );
    case 'review':
      return <ReviewList tips={view.tips} onOpen={open} onBack={backToList} />;
    case 'startHere':
      return (
        <StartHere
          db={popup.db}
          startHere={startHere}
          onOpen={open}
          onBack={backToList}
          say={nav.say}
        />
      );
    case 'stances':
      return (
        <StancesList
          db={popup.db}
          community={home.community}
          onOpen={open}
          onPropose={() => nav.go({ name: 'stance-new' })}
          onBack={backToList}
        />
      );
    case 'deleted':
      return (
        <DeletedList
          items={view.items}
          shared={home.shared}
          canRestore={home.allowed}
          onRestore={(gone) => void deleted.restore(gone)}
          onBack={backToList}
        />
      );
  }
}
