import { browser } from 'wxt/browser';
import { showToast } from '@/lib/capture';
import highlightsCss from '@/components/highlights.css?inline';
import { startHighlightTabs } from '@/lib/highlights';
import { t } from '@/lib/i18n';
import { ensurePersonalCommunity, openRepertoireDb, type RepertoireDb } from '@/lib/db';
import { createPanelHandlers, startRelatedWatcher } from '@/lib/related-tabs';
import { announceStarted, onMessages, publish } from '@/lib/messaging';
import {
  afterWrites,
  createCommunityHandlers,
  createHandlers,
  createIndexer,
  currentCommunity,
  registerOmnibox,
  e2eIndexingBudget,
} from '@/lib/repertoire';
import { scheduleSyncAlarm, SYNC_ALARM, SyncHub } from '@/lib/sync';
import { welcomeUrl } from '@/lib/ui';

const CLIP_SELECTION_MENU = 'repertoire-clip-selection';

export default defineBackground(() => {
  let opened: Promise<RepertoireDb> | undefined;
  const db = () =>
    (opened ??= openRepertoireDb().then(async (handle) => {
      await ensurePersonalCommunity(handle);
      return handle;
    }));
  const watcher = startRelatedWatcher(db);
  // Snippets highlighted on the pages they were clipped from, found as the panel finds clips.
  const highlights = startHighlightTabs({ db, snippetsOn: watcher.snippetsOn, css: highlightsCss });
  const indexer = db().then((handle) =>
    createIndexer(handle, watcher.apply, {
      ...(import.meta.env.MODE === 'e2e' ? { budget: e2eIndexingBudget } : {}),
    }),
  );
  const { afterWrite: reindex } = afterWrites(
    async () => (await indexer).drain(),
    async () => {
      await watcher.refreshAll();
      await highlights.refreshAll();
    },
  );
  // Whatever a previous run queued but did not index (it was stopped mid-way) is indexed now.
  void reindex();

  const hub = new SyncHub(db, reindex);
  void hub.start();
  void scheduleSyncAlarm();
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void hub.syncAll();
  });

  const { clipSelectionUnattended, ...handlers } = createHandlers(db, hub, reindex);
  onMessages({
    ...handlers,
    ...createPanelHandlers(watcher, hub, db, reindex),
    ...createCommunityHandlers(db, hub, reindex),
  });
  // Sync status reaches open pages as it changes; see subscribe in lib/messaging.
  publish('syncStatus', (post) => {
    void hub.list().then(post);
    return hub.subscribe(post);
  });
  publish('indexing', (post) => {
    let stop: (() => void) | null = null;
    let gone = false;
    void indexer.then((search) => {
      if (gone) return;
      post(search.progress());
      stop = search.subscribe(post);
    });
    return () => {
      gone = true;
      stop?.();
    };
  });
  announceStarted();
  registerOmnibox(indexer);

  browser.runtime.onInstalled.addListener(({ reason }) => {
    // A new member is told what Repertoire does and how to join. Not in the e2e build: every
    // test starts a fresh profile, and an extra tab would be in each one's way.
    if (reason === 'install' && import.meta.env.MODE !== 'e2e') {
      void browser.tabs.create({ url: welcomeUrl() });
    }
    // A new release may store the search index in another format: rebuilt from the items then.
    void indexer.then(async (search) => {
      await search.open();
      await reindex();
    });
    browser.contextMenus.create({
      id: CLIP_SELECTION_MENU,
      title: t('background_contextMenuClipSelection'),
      contexts: ['selection'],
    });
  });

  // No popup is open for these, so the outcome is shown in the page itself.
  async function clipSelectionFrom(tabId: number | undefined) {
    if (tabId === undefined) return;
    const community = await currentCommunity.getValue();
    const { ok, message } = await clipSelectionUnattended({ tabId, community });
    await browser.scripting
      .executeScript({ target: { tabId }, func: showToast, args: [message, ok] })
      .catch(() => undefined);
  }
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === CLIP_SELECTION_MENU) void clipSelectionFrom(tab?.id);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'clip-selection') void clipSelectionFrom(tab?.id);
  });
});
