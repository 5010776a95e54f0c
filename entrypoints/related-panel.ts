import { h, render } from 'preact';
import { RelatedPanel, type MutedNotice } from '@/components/RelatedPanel';
import css from '@/components/related-panel.css?inline';
import { catalogueLanguage, t } from '@/lib/i18n';
import {
  onTabMessages,
  sendMessage,
  type PanelTip,
  type RequestOf,
  type TabProtocol,
} from '@/lib/messaging';

// Injected by the background only into pages that have related tips; see lib/related-tabs.
export default defineUnlistedScript(() => {
  // Injected again after a failed delivery: the first copy keeps listening.
  const flag = globalThis as { repertoirePanel?: true };
  if (flag.repertoirePanel) return;
  flag.repertoirePanel = true;
  const host = document.createElement('repertoire-related');
  // Closed, so page scripts cannot reach in; the e2e build opens it so tests can use roles.
  const root = host.attachShadow({ mode: import.meta.env.MODE === 'e2e' ? 'open' : 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  const mount = document.createElement('div');
  // The panel speaks its catalogue's language, whatever the page's own.
  mount.lang = catalogueLanguage();
  root.append(style, mount);

  let shown: TabProtocol['showRelated']['request'] = { tips: [], clips: [] };
  // After a mute the panel stays, with Undo, even once the background says nothing is left.
  let notice: MutedNotice | null = null;
  // The background's update after a mute comes before its answer: the panel waits for that.
  let muting = false;

  const hide = () => {
    notice = null;
    render(null, mount);
    host.remove();
  };

  const muted = (text: string, undo: RequestOf<'unmute'>) => {
    notice = {
      text,
      undo: async () => {
        await sendMessage('unmute', undo);
        notice = null;
        draw();
      },
    };
    draw();
  };

  const mute = async <T>(request: RequestOf<'mute'>, then: (site: string | null) => T) => {
    muting = true;
    try {
      then((await sendMessage('mute', request)).site);
    } finally {
      muting = false;
      draw();
    }
  };
  const muteTip = (tip: PanelTip) =>
    mute({ itemId: tip.id }, () =>
      muted(t('popup_panelTipMuted', { title: tip.title }), { itemId: tip.id }),
    );
  const muteSite = () =>
    mute({ site: true }, (site) => site && muted(t('popup_panelSiteMuted', { site }), { site }));

  // A refusal (the background answers {ok: false}) rejects, so the panel says it in words.
  const marked = async (request: RequestOf<'mark'>) => {
    const answer = await sendMessage('mark', request);
    if (!answer.ok) throw new Error(answer.message);
  };

  function draw() {
    const nothing =
      shown.tips.length === 0 &&
      shown.clips.length === 0 &&
      !shown.questions?.length &&
      !shown.pathStep &&
      !shown.stances?.length;
    if (nothing && !notice && !muting) return hide();
    if (!host.isConnected) document.documentElement.append(host);
    render(
      h(RelatedPanel, {
        ...shown,
        notice,
        onHelped: (itemId, helped) => marked({ itemId, mark: 'helped', on: helped }),
        onVerify: (itemId) => marked({ itemId, mark: 'verified', on: true }),
        onMuteTip: muteTip,
        onMuteSite: muteSite,
        onNewTip: () => void sendMessage('newTipForTab', {}),
        onAsk: () => void sendMessage('askForTab', {}),
        onDismiss: hide,
        onMeToo: async (itemId, on) => {
          const result = await sendMessage('mark', { itemId, mark: 'me_too', on });
          if (!result.ok) throw new Error(result.message);
        },
        onAnswer: (answers) => void sendMessage('newTipForTab', { answers }),
        onOpen: (target) => void sendMessage('openFromPanel', target),
      }),
      mount,
    );
  }

  onTabMessages({
    async showRelated(related) {
      shown = related;
      draw();
      return { ok: true };
    },
  });
});
