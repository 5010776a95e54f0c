/**
 * Every message between the extension's contexts, declared once. Each entry is one request
 * type with its payload and the response the background sends back.
 *
 * Reads do not travel as messages: the popup reads IndexedDB itself (lib/db), which is faster
 * than waking the service worker. Writes go through the background so that one context owns
 * them and their side effects.
 */
import type { TipDraft } from '../repertoire/items';
import type { Item, ItemKind } from '../wire/schemas';

export type ClipErrorCode =
  | 'no-article'
  | 'restricted-page'
  | 'no-access'
  | 'empty-selection'
  | 'already-clipped'
  | 'storage-full'
  | 'tab-gone'
  | 'failed';

export interface ClipError {
  code: ClipErrorCode;
  /** A sentence for the member: what happened and what to do next. */
  message: string;
  /** With 'already-clipped': the item that is already there. */
  existing?: { id: string; title: string; createdAt: number };
}

export interface SavedItem {
  id: string;
  kind: ItemKind;
  title: string;
}

export type ClipResult =
  { ok: true; item: SavedItem; notice?: string } | { ok: false; error: ClipError };

export type SaveTipResult =
  | { ok: true; item: SavedItem }
  | { ok: false; errors: Partial<Record<keyof TipDraft, string>>; message?: string };

export interface Protocol {
  /** Clip the article of a tab. `again` keeps a second copy of a page already clipped. */
  clipPage: {
    request: { tabId: number; community: string; again?: boolean };
    response: ClipResult;
  };
  /** Clip the current selection of a tab as a snippet. */
  clipSelection: { request: { tabId: number; community: string }; response: ClipResult };
  /** Save a tip written in the popup. `url` is the tab it was written on, if any. */
  saveTip: {
    request: { community: string; draft: TipDraft; url: string | null };
    response: SaveTipResult;
  };
  /** Soft-delete an item. */
  deleteItem: { request: { id: string }; response: { ok: true } };
}

export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = Protocol[K]['request'];
export type ResponseOf<K extends MessageType> = Protocol[K]['response'];
export type { Item };
