import { h, render } from 'preact';
import { RelatedPanel } from '@/components/RelatedPanel';
import css from '@/components/related-panel.css?inline';
import { onTabMessages, sendMessage, type PanelTip } from '@/lib/messaging';

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
  root.append(style, mount);

  const show = (tips: PanelTip[]) => {
    if (tips.length === 0) {
      render(null, mount);
      host.remove();
      return;
    }
    if (!host.isConnected) document.documentElement.append(host);
    render(
      h(RelatedPanel, {
        tips,
        onHelped: (itemId, helped) => void sendMessage('markHelped', { itemId, helped }),
        onMuteTip: (itemId) => void sendMessage('mute', { itemId }),
        onMuteSite: () => void sendMessage('mute', { site: true }),
        onNewTip: () => void sendMessage('newTipForTab', {}),
        onDismiss: () => host.remove(),
      }),
      mount,
    );
  };

  onTabMessages({
    async showRelated({ tips }) {
      show(tips);
      return { ok: true };
    },
  });
});
