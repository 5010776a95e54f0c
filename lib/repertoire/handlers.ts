/** The background's answers to the message contract: each request type maps to one function. */
import { browser } from 'wxt/browser';
import { runInTab } from '../capture/run-in-tab';
import type { PageCaptureResult, SelectionCaptureResult } from '../capture/types';
import { deleteItem, putItem, StorageFullError, type RepertoireDb } from '../db';
import type { Handlers } from '../messaging';
import { parseAppliesTo } from '../related';
import { clipPage, clipSelection, type TabCapture } from './clip';
import { checkTipDraft, tipItem, type Authoring } from './items';
import { memberName } from './settings';

export const tabCapture: TabCapture = {
  page: (tabId) => runInTab<PageCaptureResult>(tabId, '/extract-article.js'),
  selection: (tabId) => runInTab<SelectionCaptureResult>(tabId, '/capture-selection.js'),
};

async function authoring(community: string): Promise<Authoring> {
  return { community, author: await memberName.getValue(), now: Date.now() };
}

async function tabTitle(tabId: number): Promise<string> {
  try {
    return (await browser.tabs.get(tabId)).title ?? '';
  } catch {
    return '';
  }
}

/**
 * `afterWrite` runs once a write is stored and before the reply, so that whoever asked (the
 * popup) finds the item already searchable.
 */
export type WriteHandlers = Omit<Handlers, 'markHelped' | 'mute' | 'newTipForTab'>;

export function createHandlers(
  db: () => Promise<RepertoireDb>,
  afterWrite: () => Promise<unknown>,
): WriteHandlers {
  const written = async <T>(result: T): Promise<T> => {
    await afterWrite();
    return result;
  };
  return {
    async clipPage({ tabId, community, again }) {
      return written(
        await clipPage(
          await db(),
          tabCapture,
          { tabId, again, tabTitle: await tabTitle(tabId) },
          await authoring(community),
        ),
      );
    },
    async clipSelection({ tabId, community }) {
      return written(
        await clipSelection(await db(), tabCapture, { tabId }, await authoring(community)),
      );
    },
    async saveTip({ community, draft, url }) {
      const checked = checkTipDraft(draft, (line) => {
        const parsed = parseAppliesTo(line);
        return parsed.ok ? null : parsed.message;
      });
      if (!checked.ok) return checked;
      const item = tipItem({ ...checked, url }, await authoring(community));
      try {
        await putItem(await db(), item);
      } catch (error) {
        const message =
          error instanceof StorageFullError
            ? error.message
            : 'The tip could not be saved. Try again; your text is still in the form.';
        return { ok: false, errors: {}, message };
      }
      return written({
        ok: true,
        item: { id: item.id, kind: item.kind, title: item.title },
      } as const);
    },
    async deleteItem({ id }) {
      await deleteItem(await db(), id);
      return written({ ok: true } as const);
    },
  };
}
