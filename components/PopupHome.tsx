import { ListView } from './ListView';
import { countLine } from './QuestionsList';
import { StartHereOffer } from './StartHereOffer';
import type { PopupState } from './hooks/usePopup';
import { tn } from '@/lib/i18n';

/** What the popup opens on: search with recent items, and the community's lines above it. */
export function PopupHome({ popup }: { popup: PopupState }) {
  const { home, questions, asking, deleted, nav } = popup;
  const { shared } = home;
  return (
    <>
      {shared ? (
        <StartHereOffer
          startHere={popup.startHere}
          onShow={() => nav.go({ name: 'startHere' })}
          onPropose={() => nav.go({ name: 'stance-new' })}
          onStances={() => nav.go({ name: 'stances' })}
        />
      ) : null}
      {popup.live.fresh > 0 ? (
        <p class="live-notice">
          <button type="button" class="link" onClick={() => void popup.live.show()}>
            {tn('popup_liveFresh', popup.live.fresh)}
          </button>
        </p>
      ) : null}
      <ListView
        search={popup.search}
        recent={popup.recent.recent}
        inputRef={popup.searchBox}
        ready={!!popup.db}
        onOpen={(id) => void popup.item.open(id)}
        onShowDeleted={() => void deleted.show()}
        {...(shared ? { onShowReview: () => void popup.showReview() } : {})}
        joined={home.communities.some((c) => !c.local)}
        onAsk={(query) => void asking.start(query)}
        {...(shared && popup.pageWithoutTips ? { onAskAboutPage: () => void asking.start() } : {})}
        questions={
          shared && questions.open?.length ? (
            <p class="questions-line">
              <button type="button" class="link" onClick={() => nav.go({ name: 'questions' })}>
                {countLine(questions.open.length)}
              </button>
            </p>
          ) : null
        }
        badges={popup.badges}
      />
    </>
  );
}
