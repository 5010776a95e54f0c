/** The background's answers to the message contract: each request type maps to one function. */
import { browser } from 'wxt/browser';
import { runInTab, type PageCaptureResult, type SelectionCaptureResult } from '../capture';
import {
  deleteItem,
  getItem,
  PERSONAL_COMMUNITY_ID,
  putItem,
  restoreItem,
  setPrivateNote,
  StorageFullError,
  type RepertoireDb,
} from '../db';
import { t } from '../i18n';
import type { Handlers } from '../messaging';
import type { NeedsReview, ReviewOutcome } from '../messaging';
import { parseAppliesTo } from '../related';
import { describeFindings, findingViews, redactFields, scanFields } from '../secrets';
import { type Item, uuidv7 } from '../wire';
import { clipPage, clipSelection, saved, saveLink, type SaveItem, type TabCapture } from './clip';
import {
  checkItemDraft,
  checkQuestionDraft,
  checkTipDraft,
  questionItem,
  tipItem,
  type Authoring,
} from './items';
import { importBatch } from './importing';
import { hold, take, type HeldWrite } from './review';
import { memberName, questionDraft, tipDraft } from './settings';
import type { SyncHub } from '../sync';
import type { CommunityHandlers } from './community-handlers';

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

export const checkPattern = (line: string) => {
  const parsed = parseAppliesTo(line);
  return parsed.ok ? null : parsed.message;
};

/** Only the fields that changed: an edit must not overwrite what it did not touch. */
function changedFields<T extends object>(item: T, next: Partial<T>): Partial<T> {
  const changes: Partial<T> = {};
  for (const name of Object.keys(next) as (keyof T)[]) {
    const [before, after] = [item[name], next[name]];
    const same =
      Array.isArray(before) && Array.isArray(after)
        ? before.join('\n') === after.join('\n')
        : // A field added to items later (the note, a review interval) is absent on older ones:
          // that is empty, as null is.
          (before ?? '') === (after ?? '');
    if (!same) changes[name] = after;
  }
  return changes;
}

const saveFailed = (
  error: unknown,
  notSaved: 'background_tipNotSaved' | 'background_changesNotSaved',
) => (error instanceof StorageFullError ? error.message : t(notSaved));

export type WriteHandlers = Omit<
  Handlers,
  'mark' | 'mute' | 'unmute' | 'newTipForTab' | 'askForTab' | 'tipSites' | keyof CommunityHandlers
> & {
  /** A selection clipped with no popup open (context menu, shortcut): a sentence for a toast. */
  clipSelectionUnattended(request: { tabId: number; community: string }): Promise<{
    ok: boolean;
    message: string;
  }>;
};

/** Why a question is not kept in Personal: nobody there could answer it. */
export const needsCommunity = () => t('background_needsCommunity');

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

  /**
   * Before anything goes to a shared community, the secret scan: what it finds is held back
   * for the member's choice (shareReviewed). The Personal community is not scanned.
   */
  const review = async (write: HeldWrite): Promise<NeedsReview | null> => {
    const findings = await scanFields(write.kind === 'create' ? write.item : write.changes);
    if (findings.length === 0) return null;
    const reviewId = await hold(write, findings);
    return { ok: false, review: { reviewId, findings: findingViews(findings) } };
  };

  /** Shared communities' items go through the scan and their outbox; local ones to storage. */
  const saver = async (community: string): Promise<SaveItem> => {
    const engine = await hub.engineFor(community);
    if (engine)
      return async (item: Item, notice?: string) => {
        const held = await review({ kind: 'create', item, notice });
        if (held) return held;
        await engine.create(item);
      };
    const handle = await db();
    return (item) => putItem(handle, item);
  };

  /** "Keep in Personal": the item, or the edited tip as a new one, in the Personal community. */
  async function keepInPersonal(write: HeldWrite): Promise<Item> {
    const now = Date.now();
    const author = await memberName.getValue();
    const item: Item =
      write.kind === 'create'
        ? { ...write.item, community: PERSONAL_COMMUNITY_ID, author }
        : {
            ...write.item,
            ...write.changes,
            id: uuidv7(now),
            community: PERSONAL_COMMUNITY_ID,
            author,
            createdAt: now,
            updatedAt: now,
          };
    await putItem(await db(), item);
    return item;
  }

  async function shareReviewed(
    reviewId: string,
    choice: 'redact' | 'share' | 'personal',
  ): Promise<ReviewOutcome> {
    const held = await take(reviewId);
    if (!held) return { ok: false, message: t('background_forgottenReview') };
    const { write, findings } = held;
    // A new tip or question, once stored, leaves no draft behind (as saveTip: the popup may be
    // gone).
    const stored = async () => {
      if (write.kind === 'create' && write.item.kind === 'tip') await tipDraft.removeValue();
      if (write.kind === 'create' && write.item.kind === 'question')
        await questionDraft.removeValue();
    };
    try {
      if (choice === 'personal') {
        const item = await keepInPersonal(write);
        await stored();
        return { ok: true, item: saved(item), community: PERSONAL_COMMUNITY_ID, choice };
      }
      const community = write.item.community;
      const engine = await hub.engineFor(community);
      if (!engine) {
        await hold(write, findings);
        return {
          ok: false,
          message: t('background_reviewNotMember'),
        };
      }
      const redact = <T extends object>(fields: T) =>
        choice === 'redact' ? redactFields(fields, findings) : fields;
      if (write.kind === 'create') {
        const item = redact(write.item);
        await engine.create(item);
        await stored();
        return { ok: true, item: saved(item), community, choice, notice: write.notice };
      }
      const changes = redact(write.changes);
      await engine.edit(write.item.id, write.item.kind, { ...changes, updatedAt: Date.now() });
      return { ok: true, item: saved({ ...write.item, ...changes }), community, choice };
    } catch (error) {
      // Nothing was written: the member can answer again.
      await hold(write, findings);
      const message =
        error instanceof StorageFullError ? error.message : t('background_reviewNotSaved');
      return { ok: false, message };
    }
  }

  async function authoring(community: string): Promise<Authoring> {
    const author =
      (await hub.membershipOf(community))?.displayName ?? (await memberName.getValue());
    return { community, author, now: Date.now() };
  }

  const clipSelectionIn = async (tabId: number, community: string) =>
    written(
      await clipSelection(
        await saver(community),
        tabCapture,
        { tabId },
        await authoring(community),
      ),
    );

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
      return clipSelectionIn(tabId, community);
    },
    async saveLink({ community, link }) {
      return written(await saveLink(await saver(community), link, await authoring(community)));
    },
    async saveTip({ community, draft, url }) {
      const checked = checkTipDraft(draft, checkPattern);
      if (!checked.ok) return checked;
      const item = tipItem({ ...checked, url }, await authoring(community));
      try {
        const held = await (await saver(community))(item);
        if (held) return held;
      } catch (error) {
        return { ok: false, errors: {}, message: saveFailed(error, 'background_tipNotSaved') };
      }
      // Here, not in the popup: the popup may have closed before this answer reaches it, and
      // the next new tip would start from this one's tags and sites.
      await tipDraft.removeValue();
      return written({
        ok: true,
        item: { id: item.id, kind: item.kind, title: item.title },
      } as const);
    },
    async askQuestion({ community, draft }) {
      const checked = checkQuestionDraft(draft, checkPattern);
      if (!checked.ok) return checked;
      if (!(await hub.engineFor(community))) {
        return { ok: false, errors: {}, message: needsCommunity() };
      }
      const item = questionItem(checked, await authoring(community));
      try {
        const held = await (await saver(community))(item);
        if (held) return held;
      } catch (error) {
        const message =
          error instanceof StorageFullError ? error.message : t('background_questionNotSent');
        return { ok: false, errors: {}, message };
      }
      await questionDraft.removeValue();
      return written({ ok: true, item: saved(item) } as const);
    },
    async closeQuestion({ id }) {
      const item = await getItem(await db(), id);
      const engine = item && (await hub.engineFor(item.community));
      if (!item || item.kind !== 'question' || item.deletedAt !== null || !engine)
        return {
          ok: false,
          message: t('background_questionGone'),
        };
      if (item.closedAt !== null) return written({ ok: true } as const);
      const now = Date.now();
      await engine.edit(id, 'question', { closedAt: now, updatedAt: now });
      return written({ ok: true } as const);
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
          message: t('background_tipGoneEdit'),
        };
      }
      const { title, body, tags, appliesTo, reviewIntervalDays } = checked;
      const changes = changedFields(item, { title, body, tags, appliesTo, reviewIntervalDays });
      const engine = await hub.engineFor(item.community);
      if (engine) {
        const held = await review({ kind: 'edit', item, changes });
        if (held) return held;
        await engine.edit(id, 'tip', { ...changes, updatedAt: Date.now() });
      } else await putItem(handle, { ...item, ...changes, updatedAt: Date.now() });
      return written({ ok: true, item: { id, kind: 'tip', title: checked.title } } as const);
    },
    async editItem({ id, draft }) {
      const checked = checkItemDraft(draft);
      if (!checked.ok) return checked;
      const handle = await db();
      const item = await getItem(handle, id);
      if (!item || (item.kind !== 'page' && item.kind !== 'snippet') || item.deletedAt !== null) {
        return {
          ok: false,
          errors: {},
          message: t('background_itemGoneEdit'),
        };
      }
      const { title, tags, note } = checked;
      const changes = changedFields<Pick<Item, 'title' | 'tags' | 'note'>>(item, {
        title,
        tags,
        note,
      });
      const unchanged = Object.keys(changes).length === 0;
      const engine = await hub.engineFor(item.community);
      try {
        if (engine) {
          // Kept at once, and never scanned: it does not leave this browser.
          await setPrivateNote(handle, item, checked.privateNote);
          if (!unchanged) {
            const held = await review({ kind: 'edit', item, changes });
            if (held) return held;
            await engine.edit(id, item.kind, { ...changes, updatedAt: Date.now() });
          }
        } else if (!unchanged) {
          await putItem(handle, { ...item, ...changes, updatedAt: Date.now() });
        }
      } catch (error) {
        return { ok: false, errors: {}, message: saveFailed(error, 'background_changesNotSaved') };
      }
      return written({ ok: true, item: { id, kind: item.kind, title } } as const);
    },
    async retireTip({ id, retired }) {
      const handle = await db();
      const item = await getItem(handle, id);
      if (!item || item.kind !== 'tip' || item.deletedAt !== null)
        return {
          ok: false,
          message: t('background_tipGoneRetire'),
        };
      // Not an edit of the text: open "Needs an update" notes stay, and show again on restore.
      const retiredAt = retired ? Date.now() : null;
      const engine = await hub.engineFor(item.community);
      if (engine) await engine.edit(id, 'tip', { retiredAt });
      else await putItem(handle, { ...item, retiredAt });
      return written({ ok: true } as const);
    },
    async shareReviewed({ reviewId, choice }) {
      const outcome = await shareReviewed(reviewId, choice);
      return outcome.ok ? written(outcome) : outcome;
    },
    async clipSelectionUnattended({ tabId, community }) {
      const result = await clipSelectionIn(tabId, community);
      if (result.ok)
        return {
          ok: true,
          message: result.notice
            ? t('background_clippedUnattendedNotice', { notice: result.notice })
            : t('background_clippedUnattended'),
        };
      if ('error' in result) return { ok: false, message: result.error.message };
      // No popup to ask in: nothing leaves; the member can share it from the popup.
      const kept = await shareReviewed(result.review.reviewId, 'personal');
      if (!kept.ok) return { ok: false, message: kept.message };
      await afterWrite();
      return {
        ok: true,
        message: t('background_clippedKeptPersonal', {
          findings: describeFindings(result.review.findings),
        }),
      };
    },
    async resolveConflict({ id, field, value, dismiss }) {
      const item = await getItem(await db(), id);
      const engine = item && (await hub.engineFor(item.community));
      if (!item || !engine) return { ok: false, message: t('background_conflictsShared') };
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
          message: t('background_nothingToRestore'),
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
    async importItems({ community, batch }) {
      try {
        const tally = await importBatch(
          {
            db: await db(),
            engine: (await hub.engineFor(community)) ?? null,
            authoring: await authoring(community),
          },
          batch,
        );
        return written({ ok: true, tally } as const);
      } catch (error) {
        // What was written before the failure stays, and a second import skips it.
        const message =
          error instanceof StorageFullError ? error.message : t('background_importPartFailed');
        return { ok: false, message };
      }
    },
  };
}
