/**
 * The write side of capture: run a capture in a tab, turn it into an item, store it. Every
 * failure comes back as a ClipError whose message says what happened and what to do next.
 */
import {
  isFailure,
  type InjectionFailure,
  type PageCaptureResult,
  type SelectionCaptureResult,
} from '../capture';
import { findByCanonicalUrl, putItem, StorageFullError, type RepertoireDb } from '../db';
import type {
  ClipError,
  ClipErrorCode,
  ClipResult,
  LinkDraft,
  LinkField,
  NeedsReview,
  SavedItem,
  SaveLinkResult,
} from '../messaging';
import { t } from '../i18n';
import { formatDate } from '../ui';
import { type Item, LIMITS } from '../wire';
import {
  linkItem,
  pageItem,
  parseTags,
  snippetItem,
  tagsProblem,
  tooLong,
  type Authoring,
} from './items';

type Injected<T> = { ok: true; value: T } | { ok: false; failure: InjectionFailure };

/** How capture reaches a tab; the background passes runInTab, unit tests pass fakes. */
export interface TabCapture {
  page(tabId: number): Promise<Injected<PageCaptureResult>>;
  selection(tabId: number): Promise<Injected<SelectionCaptureResult>>;
}

const MESSAGES: Record<Exclude<ClipErrorCode, 'already-clipped'>, () => string> = {
  'no-article': () => t('background_clipNoArticle'),
  'restricted-page': () => t('background_clipRestrictedPage'),
  'no-access': () => t('background_clipNoAccess'),
  'empty-selection': () => t('background_clipEmptySelection'),
  'storage-full': () => new StorageFullError().message,
  'tab-gone': () => t('background_clipTabGone'),
  failed: () => t('background_clipFailed'),
};

const fail = (code: Exclude<ClipErrorCode, 'already-clipped'>): ClipResult => ({
  ok: false,
  error: { code, message: MESSAGES[code]() },
});

export const saved = (item: Item): SavedItem => ({
  id: item.id,
  kind: item.kind,
  title: item.title,
});

/**
 * How a new item is kept: stored locally, or queued for sync too (which stores it locally), or
 * held for the member to review what the secret scan found (the review is returned).
 */
export type SaveItem = (item: Item, notice?: string) => Promise<NeedsReview | void>;

export const saveLocally =
  (db: RepertoireDb): SaveItem =>
  (item) =>
    putItem(db, item);

async function store(save: SaveItem, item: Item, notice?: string): Promise<ClipResult> {
  try {
    const review = await save(item, notice);
    if (review) return review;
    return { ok: true, item: saved(item), ...(notice ? { notice } : {}) };
  } catch (error) {
    return fail(error instanceof StorageFullError ? 'storage-full' : 'failed');
  }
}

export function alreadyClipped(existing: Item): ClipError {
  const when = formatDate(existing.createdAt);
  return {
    code: 'already-clipped',
    message: t('background_clipAlready', { when }),
    existing: { id: existing.id, title: existing.title, createdAt: existing.createdAt },
  };
}

export async function clipPage(
  db: RepertoireDb,
  save: SaveItem,
  capture: TabCapture,
  request: { tabId: number; again?: boolean; tabTitle: string },
  authoring: Authoring,
): Promise<ClipResult> {
  const result = await capture.page(request.tabId);
  if (!result.ok) return fail(result.failure);
  if (isFailure(result.value)) {
    const failure = result.value;
    if (failure.failure !== 'no-article') return fail(failure.failure);
    // The page can still be kept as a link: the popup offers it with what the page says.
    const link = { ...failure.link, title: failure.link.title || request.tabTitle };
    return { ok: false, error: { code: 'no-article', message: MESSAGES['no-article'](), link } };
  }
  const article = result.value;
  if (!request.again) {
    const [existing] = await findByCanonicalUrl(db, authoring.community, article.canonicalUrl);
    if (existing?.kind === 'page') return { ok: false, error: alreadyClipped(existing) };
  }
  return store(save, pageItem(article, request.tabTitle, authoring));
}

export async function clipSelection(
  save: SaveItem,
  capture: TabCapture,
  request: { tabId: number },
  authoring: Authoring,
): Promise<ClipResult> {
  const result = await capture.selection(request.tabId);
  if (!result.ok) return fail(result.failure);
  if (isFailure(result.value)) return fail(result.value.failure);
  const selection = result.value;
  const notice =
    selection.selectedChars > selection.quote.length
      ? t('background_clipSelectionCut', {
          selected: selection.selectedChars,
          kept: LIMITS.quoteChars,
        })
      : undefined;
  return store(save, snippetItem(selection, authoring), notice);
}

/** "Save as a link": a page with no article, kept with its title, URL, description and tags. */
export async function saveLink(
  save: SaveItem,
  link: LinkDraft,
  authoring: Authoring,
): Promise<SaveLinkResult> {
  const errors: Partial<Record<LinkField, string>> = {};
  const tags = parseTags(link.tags);
  const tagError = tagsProblem(tags);
  if (tagError) errors.tags = tagError;
  const title = link.title.trim();
  if (title.length > LIMITS.titleChars)
    errors.title = tooLong('background_titleTooLong', title, LIMITS.titleChars);
  const excerpt = link.excerpt?.trim() ?? '';
  if (excerpt.length > LIMITS.excerptChars)
    errors.excerpt = tooLong('background_descriptionTooLong', excerpt, LIMITS.excerptChars);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return store(save, linkItem({ ...link, title, excerpt }, tags, authoring));
}
