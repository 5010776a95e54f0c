import { useEffect } from 'preact/hooks';
import { sendMessage } from '@/lib/messaging';
import { AnsweredNotice } from './AnsweredNotice';
import { PopupForm, FORM_VIEWS, type FormView } from './PopupForms';
import { PopupHome } from './PopupHome';
import { PopupList, LIST_VIEWS, type ListOfItemsView } from './PopupLists';
import { PopupToolbar } from './PopupToolbar';
import { StatusMessage } from './StatusMessage';
import { IndexingLine } from './IndexingLine';
import { SyncStatusLine } from './SyncStatusLine';
import { usePopup, type PopupProps, type PopupState } from './hooks/usePopup';
import type { View } from './hooks/useNavigation';
import { lazyView } from './lazyView';
import { t } from '@/lib/i18n';

export type { PopupProps };

// Shown only on some pages (a /join page, a site without access): loaded when they are.
const InviteOffer = lazyView(() => import('./InviteOffer').then((m) => m.InviteOffer));
const SiteAccessOffer = lazyView(() => import('./SiteAccessOffer').then((m) => m.SiteAccessOffer));
// An opened item (its view, signals and answers) is the popup's second screen: not part of the
// first paint, but loaded as soon as the popup is idle, so that opening one shows it at once.
const PopupItem = lazyView(() => import('./PopupItem').then((m) => m.PopupItem));

const isForm = (view: View): view is FormView =>
  (FORM_VIEWS as readonly string[]).includes(view.name);
const isList = (view: View): view is ListOfItemsView =>
  (LIST_VIEWS as readonly string[]).includes(view.name);

/** The popup: a thin view over one hook per concern (components/hooks/usePopup.ts). */
export function Popup(props: PopupProps) {
  const popup = usePopup(props);
  const { nav, home, sync, questions, review, tab } = popup;
  const { reviewing } = review;
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
    idle(() => void PopupItem.preload());
  }, []);
  return (
    // While a review shows, what comes after it is hidden, not unmounted: Back returns to the
    // form as it was.
    <main class={reviewing ? 'popup reviewing' : 'popup'}>
      <PopupToolbar popup={popup} />
      <InviteOffer url={tab?.url} />
      <SiteAccessOffer url={tab?.url ?? null} />
      {sync.sync ? (
        <SyncStatusLine status={sync.sync.status} onRetry={sync.retry} onDismiss={sync.dismiss} />
      ) : null}
      {popup.indexing ? <IndexingLine progress={popup.indexing} /> : null}
      <StatusMessage status={nav.status} />
      <AnsweredNotice
        notices={questions.notices}
        // Opening the answer is acting on the notice: it goes.
        onOpen={(id) => {
          questions.dismiss();
          void popup.item.open(id);
        }}
        onDismiss={questions.dismiss}
      />
      {reviewing ? (
        <reviewing.Panel
          review={reviewing.review}
          communityName={home.communityName ?? t('popup_theCommunity')}
          choose={(choice) =>
            sendMessage('shareReviewed', { reviewId: reviewing.review.reviewId, choice })
          }
          onDone={review.settle}
          onBack={() => review.settle(null)}
        />
      ) : null}
      <CurrentView popup={popup} />
    </main>
  );
}

function CurrentView({ popup }: { popup: PopupState }) {
  const { view } = popup.nav;
  if (isForm(view)) return <PopupForm popup={popup} view={view} />;
  if (isList(view)) return <PopupList popup={popup} view={view} />;
  if (view.name === 'item') return <PopupItem popup={popup} view={view} />;
  return <PopupHome popup={popup} />;
}
