/** The background's answers to the in-page panel. */
import { browser, type Browser } from 'wxt/browser';
import type { Handlers } from '../messaging';
import { siteOf } from '../related';
import { communityNow, helpedItems, mutedItems, mutedSites } from '../repertoire';
import type { SyncHub } from '../sync';
import type { RepertoireDb } from '../db';
import { markNoteProblem, markWords } from '../community';
import { t } from '../i18n';
import { tipOrigins, withoutAccess } from './origins';
import type { RelatedWatcher } from './watcher';

export type PanelHandlers = Pick<
  Handlers,
  'mark' | 'mute' | 'unmute' | 'newTipForTab' | 'askForTab' | 'tipSites'
>;

const toggled = (list: string[], value: string, on: boolean) =>
  on ? [...new Set([...list, value])] : list.filter((v) => v !== value);

/** The popup as a tab beside the panel's page, acting on it, opened on a form (`query`). */
async function popupFor(sender: Browser.runtime.MessageSender, query: string) {
  const tabId = sender.tab?.id;
  const url = browser.runtime.getURL(
    `/popup.html?${query}${tabId === undefined ? '' : `&tab=${tabId}`}`,
  );
  await browser.tabs.create({ url, index: (sender.tab?.index ?? -1) + 1 });
}

export function createPanelHandlers(
  watcher: RelatedWatcher,
  hub: SyncHub,
  db: () => Promise<RepertoireDb>,
  /** Indexes what is queued: the sites of tips a sync just brought are known after it. */
  reindex: () => Promise<void>,
): PanelHandlers {
  return {
    async tipSites({ afterSync }) {
      if (afterSync) {
        await hub.syncAll();
        await reindex();
      }
      return { origins: await withoutAccess(await tipOrigins(await db())) };
    },
    async mark({ itemId, mark, on, note }) {
      const problem = markNoteProblem(mark, on, note);
      if (problem) return { ok: false, message: problem };
      const community = await watcher.communityOf(itemId);
      const engine = community ? await hub.engineFor(community) : undefined;
      if (mark === 'helped' || (mark === 'answered' && on)) {
        // Kept on this browser too: the panel's "Helped me" of a Personal tip lives only here.
        await helpedItems.setValue(toggled(await helpedItems.getValue(), itemId, on));
      }
      // "Verified 2 months ago" counts on the clock the review rules read.
      if (engine) await engine.mark(itemId, mark, on, note, await communityNow());
      else if (mark !== 'helped')
        return {
          ok: false,
          message: t('background_markLocalOnly', { mark: markWords(mark) }),
        };
      // The panel and popup showed the mark at once; every tab showing this item gets it now,
      // not at the next sync.
      await watcher.refreshAll();
      return { ok: true };
    },
    async mute(request, sender) {
      let site: string | null = null;
      if ('itemId' in request) {
        await mutedItems.setValue(toggled(await mutedItems.getValue(), request.itemId, true));
      } else {
        site = sender.tab?.url ? siteOf(sender.tab.url) : null;
        if (site) await mutedSites.setValue(toggled(await mutedSites.getValue(), site, true));
      }
      await watcher.refreshAll();
      return { ok: true, site };
    },
    async unmute(request) {
      if ('itemId' in request) {
        await mutedItems.setValue(toggled(await mutedItems.getValue(), request.itemId, false));
      } else {
        await mutedSites.setValue(toggled(await mutedSites.getValue(), request.site, false));
      }
      await watcher.refreshAll();
      return { ok: true };
    },
    async newTipForTab({ answers }, sender) {
      await popupFor(sender, `new=tip${answers ? `&answers=${encodeURIComponent(answers)}` : ''}`);
      return { ok: true };
    },
    async askForTab(_request, sender) {
      await popupFor(sender, 'new=question');
      return { ok: true };
    },
  };
}
