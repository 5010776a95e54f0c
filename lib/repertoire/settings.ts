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
  /** The questions it answers, when it was started with "Answer with a tip". */
  answers?: string[];
} | null>('local:tipDraft', { fallback: null, version: 1 });

/** An unfinished question, kept like the tip draft so that closing the popup loses nothing. */
export const questionDraft = storage.defineItem<{
  title: string;
  details: string;
  appliesTo: string;
} | null>('local:questionDraft', { fallback: null, version: 1 });

/**
 * Answers to the member's questions they were told of ("Answered by Ben"), by tip id: each is
 * announced once, and the badge's "!" shows only until then.
 */
export const announcedAnswers = storage.defineItem<string[]>('local:announcedAnswers', {
  fallback: [],
  version: 1,
});

/** Where related tips show: an in-page panel and the badge, the badge only, or nowhere. */
export const relatedMode = storage.defineItem<'panel' | 'badge' | 'off'>('local:relatedMode', {
  fallback: 'panel',
  version: 1,
});

/** Whether snippets are highlighted on the pages they were clipped from (docs/highlights.md). */
export const highlightsOn = storage.defineItem<boolean>('local:highlightsOn', {
  fallback: true,
  version: 1,
});

/** Sites (as siteOf() gives them) and items the member muted in the panel. */
export const mutedSites = storage.defineItem<string[]>('local:mutedSites', {
  fallback: [],
  version: 1,
});
export const mutedItems = storage.defineItem<string[]>('local:mutedItems', {
  fallback: [],
  version: 1,
});

/** Communities whose tips are not shown on pages. */
export const relatedOffCommunities = storage.defineItem<string[]>('local:relatedOffCommunities', {
  fallback: [],
  version: 1,
});

/** Items the member marked "helped me"; sync turns these into endorsements. */
export const helpedItems = storage.defineItem<string[]>('local:helpedItems', {
  fallback: [],
  version: 1,
});

/** The member answered the offer of site access made after joining: it is not made again. */
export const siteAccessAsked = storage.defineItem<boolean>('local:siteAccessAsked', {
  fallback: false,
  version: 1,
});

/**
 * Milliseconds added to the clock that community rules read ("due for review", a stance's days
 * without objection). Only the e2e build honours it, so that tests can move time forward.
 */
export const clockOffset = storage.defineItem<number>('local:clockOffsetMs', {
  fallback: 0,
  version: 1,
});

/**
 * How many more items may be indexed; null for no limit. Only the e2e build honours it, so that
 * tests can stop indexing part-way and see a run half done: its progress line, and search
 * finding what is indexed and not the rest.
 */
export const indexingBudget = storage.defineItem<number | null>('local:indexingBudget', {
  fallback: null,
  version: 1,
});

/** The indexer's budget in the e2e build (`indexingBudget`): waits while none is left. */
export const e2eIndexingBudget = {
  async allow(wanted: number): Promise<number> {
    for (;;) {
      const left = await indexingBudget.getValue();
      if (left === null) return wanted;
      // A batch takes queue entries whole (a pulled page is one): it may pass the budget.
      if (left > 0) return Math.min(wanted, left);
      await new Promise<void>((changed) => {
        const stop = indexingBudget.watch(() => {
          stop();
          changed();
        });
      });
    }
  },
  async spend(ids: number): Promise<void> {
    const left = await indexingBudget.getValue();
    if (left !== null && ids > 0) await indexingBudget.setValue(Math.max(0, left - ids));
  },
};

/** Now, as community rules see it: the wall clock, moved by `clockOffset` in the e2e build. */
export async function communityNow(): Promise<number> {
  return import.meta.env.MODE === 'e2e' ? Date.now() + (await clockOffset.getValue()) : Date.now();
}

/**
 * How many times this browser showed each tip in the in-page panel, by item id: what orders the
 * Review list. Kept here only; it never leaves the browser.
 */
export const panelShownCounts = storage.defineItem<Record<string, number>>(
  'local:panelShownCounts',
  { fallback: {}, version: 1 },
);
