/** The background's answers to the in-page panel. */
import { browser } from 'wxt/browser';
import type { Handlers } from '../messaging';
import { siteOf } from '../related';
import { helpedItems, mutedItems, mutedSites } from '../repertoire/settings';
import type { SyncHub } from '../sync';
import type { RelatedWatcher } from './watcher';

export type PanelHandlers = Pick<Handlers, 'markHelped' | 'mute' | 'newTipForTab'>;

const toggled = (list: string[], value: string, on: boolean) =>
  on ? [...new Set([...list, value])] : list.filter((v) => v !== value);

export function createPanelHandlers(watcher: RelatedWatcher, hub: SyncHub): PanelHandlers {
  return {
    async markHelped({ itemId, helped }) {
      await helpedItems.setValue(toggled(await helpedItems.getValue(), itemId, helped));
      // In a shared community "helped me" is an endorsement the others see.
      const community = await watcher.communityOf(itemId);
      const engine = community ? await hub.engineFor(community) : undefined;
      if (engine) await engine.endorse(itemId, helped);
      return { ok: true };
    },
    async mute(request, sender) {
      if ('itemId' in request) {
        await mutedItems.setValue(toggled(await mutedItems.getValue(), request.itemId, true));
      } else {
        const site = sender.tab?.url ? siteOf(sender.tab.url) : null;
        if (site) await mutedSites.setValue(toggled(await mutedSites.getValue(), site, true));
      }
      await watcher.refreshAll();
      return { ok: true };
    },
    async newTipForTab(_request, sender) {
      const tabId = sender.tab?.id;
      const url = browser.runtime.getURL(
        `/popup.html?new=tip${tabId === undefined ? '' : `&tab=${tabId}`}`,
      );
      await browser.tabs.create({ url, index: (sender.tab?.index ?? -1) + 1 });
      return { ok: true };
    },
  };
}
