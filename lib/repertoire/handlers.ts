/** The background's answers to the message contract: each request type maps to one function. */
import { browser } from 'wxt/browser';
import { runInTab } from '../capture/run-in-tab';
import type { PageCaptureResult, SelectionCaptureResult } from '../capture/types';
import {
  deleteItem,
  getItem,
  putItem,
  restoreItem,
  StorageFullError,
  type RepertoireDb,
} from '../db';
import type { Handlers } from '../messaging';
import { parseAppliesTo } from '../related';
import type { Item, TipItem } from '../wire/schemas';
import { clipPage, clipSelection, type SaveItem, type TabCapture } from './clip';
import { checkTipDraft, tipItem, type Authoring } from './items';
import { memberName, tipDraft } from './settings';
import type { SyncHub } from './sync-hub';

export const tabCapture: TabCapture = {
  page: (tabId) => runInTab<PageCaptureResult>(tabId, '/extract-article.js'),
  selection: (tabId) => runInTab<SelectionCaptureResult>(tabId, '/capture-selection.js'),
};

async function tabTitle(tabId: number): Promise<string> {
  try {
    return (await browser.tabs.get(tabId)).title ?? '';
  } catch {
    return '';
  }
}

const checkPattern = (line: string) => {
  const parsed = parseAppliesTo(line);
  return parsed.ok ? null : parsed.message;
};

/** Only the fields that changed: an edit must not overwrite what it did not touch. */
function tipChanges(
  item: TipItem,
  next: { title: string; body: string; tags: string[]; appliesTo: string[] },
): Partial<TipItem> {
  const changes: Partial<TipItem> = {};
  if (item.title !== next.title) changes.title = next.title;
  if (item.body !== next.body) changes.body = next.body;
  if (item.tags.join('\n') !== next.tags.join('\n')) changes.tags = next.tags;
  if (item.appliesTo.join('\n') !== next.appliesTo.join('\n')) changes.appliesTo = next.appliesTo;
  return changes;
}

export type WriteHandlers = Omit<Handlers, 'markHelped' | 'mute' | 'newTipForTab'>;

/**
 * `afterWrite` runs once a write is stored and before the reply, so that whoever asked (the
 * popup) finds the item already searchable.
 */
export function createHandlers(
  db: () => Promise<RepertoireDb>,
  hub: SyncHub,
  afterWrite: () => Promise<unknown>,
): WriteHandlers {
  const written = async <T>(result: T): Promise<T> => {
    await afterWrite();
    return result;
  };

  /** Shared communities' items go through their outbox; local ones straight to storage. */
  const saver = async (community: string): Promise<SaveItem> => {
    const engine = await hub.engineFor(community);
    if (engine) return async (item: Item) => void (await engine.create(item));
    const handle = await db();
    return (item) => putItem(handle, item);
  };

  async function authoring(community: string): Promise<Authoring> {
    const author =
      (await hub.membershipOf(community))?.displayName ?? (await memberName.getValue());
    return { community, author, now: Date.now() };
  }

  return {
    async clipPage({ tabId, community, again }) {
      const result = await clipPage(
        await db(),
        await saver(community),
        tabCapture,
        { tabId, again, tabTitle: await tabTitle(tabId) },
        await authoring(community),
      );
      return written(result);
    },
    async clipSelection({ tabId, community }) {
      const result = await clipSelection(
        await saver(community),
        tabCapture,
        { tabId },
        await authoring(community),
      );
      return written(result);
    },
    async saveTip({ community, draft, url }) {
      const checked = checkTipDraft(draft, checkPattern);
      if (!checked.ok) return checked;
      const item = tipItem({ ...checked, url }, await authoring(community));
      try {
        await (
          await saver(community)
        )(item);
      } catch (error) {
        const message =
          error instanceof StorageFullError
            ? error.message
            : 'The tip could not be saved. Try again; your text is still in the form.';
        return { ok: false, errors: {}, message };
      }
      // Here, not in the popup: the popup may have closed before this answer reaches it, and
      // the next new tip would start from this one's tags and sites.
      await tipDraft.removeValue();
      return written({
        ok: true,
        item: { id: item.id, kind: item.kind, title: item.title },
      } as const);
    },
    async editTip({ id, draft }) {
      const checked = checkTipDraft(draft, checkPattern);
      if (!checked.ok) return checked;
      const handle = await db();
      const item = await getItem(handle, id);
      if (!item || item.kind !== 'tip' || item.deletedAt !== null) {
        return {
          ok: false,
          errors: {},
          message: 'This tip was deleted meanwhile; nothing to edit.',
        };
      }
      const changes = tipChanges(item, checked);
      const engine = await hub.engineFor(item.community);
      if (engine) await engine.edit(id, 'tip', { ...changes, updatedAt: Date.now() });
      else await putItem(handle, { ...item, ...changes, updatedAt: Date.now() });
      return written({ ok: true, item: { id, kind: 'tip', title: checked.title } } as const);
    },
    async resolveConflict({ id, field, value, dismiss }) {
      const item = await getItem(await db(), id);
      const engine = item && (await hub.engineFor(item.community));
      if (!item || !engine)
        return { ok: false, message: 'Only items of a shared community have conflicts.' };
      await engine.resolve(id, item.kind, field, value, dismiss);
      return written({ ok: true } as const);
    },
    async deleteItem({ id }) {
      const handle = await db();
      const item = await getItem(handle, id);
      const engine = item && (await hub.engineFor(item.community));
      if (item && engine) await engine.remove(item.id, item.kind);
      else await deleteItem(handle, id);
      return written({ ok: true } as const);
    },
    async restoreItem({ id }) {
      const handle = await db();
      const item = await getItem(handle, id);
      if (!item || item.deletedAt === null) {
        return {
          ok: false,
          message:
            'There is nothing to restore: the item is not deleted, or the community’s deleted items were cleared for good.',
        };
      }
      const engine = await hub.engineFor(item.community);
      if (engine) await engine.restore(item.id, item.kind);
      else await restoreItem(handle, id);
      return written({ ok: true, title: item.title } as const);
    },
    async joinCommunity(request) {
      return written(await hub.join(request));
    },
    async createInvite({ community, ...invite }) {
      return hub.createInvite(community, invite);
    },
    async refreshCommunities() {
      await hub.refreshInfo();
      return hub.list();
    },
    async leaveCommunity({ community }) {
      await hub.leave(community);
      return { ok: true };
    },
    async syncStatus() {
      return hub.list();
    },
    async dismissRefused({ community }) {
      (await hub.engineFor(community))?.dismissRefused();
      return hub.list();
    },
    async syncNow({ community }) {
      const engine = community ? await hub.engineFor(community) : undefined;
      if (engine) await engine.retry();
      else if (!community) await hub.syncAll();
      return hub.list();
    },
  };
}
