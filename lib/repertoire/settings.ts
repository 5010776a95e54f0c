/** Settings kept in extension storage, versioned so they can migrate. */
import { storage } from '#imports';
import { PERSONAL_COMMUNITY_ID } from '../db';

/** The community new clips go to; the popup's picker changes it. */
export const currentCommunity = storage.defineItem<string>('local:currentCommunity', {
  fallback: PERSONAL_COMMUNITY_ID,
  version: 1,
});

/** How the member signs what they clip; null until they join a shared community. */
export const memberName = storage.defineItem<string | null>('local:memberName', {
  fallback: null,
  version: 1,
});

/** An unfinished tip, kept so that closing the popup loses nothing. */
export const tipDraft = storage.defineItem<{
  title: string;
  body: string;
  tags: string;
  appliesTo: string;
} | null>('local:tipDraft', { fallback: null, version: 1 });
