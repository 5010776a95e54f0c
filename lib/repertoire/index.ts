/**
 * The background's repertoire: the write and community handlers behind the message contract,
 * the indexer, the omnibox, who may change an item, item factories, and the extension's own
 * settings (versioned storage items read by every context).
 */
export { afterWrites } from './after-write';
export { createCommunityHandlers } from './community-handlers';
export { createHandlers } from './handlers';
export { createIndexer } from './indexing';
export { parseTags, tipItem } from './items';
export { registerOmnibox } from './omnibox';
export { canChange, viewerOf, type Viewer } from './permissions';
export {
  announcedAnswers,
  clockOffset,
  communityNow,
  currentCommunity,
  helpedItems,
  highlightsOn,
  memberName,
  mutedItems,
  mutedSites,
  panelShownCounts,
  questionDraft,
  relatedMode,
  relatedOffCommunities,
  siteAccessAsked,
  tipDraft,
  e2eIndexingBudget,
} from './settings';
export { startHereProgress, startHereVisits, withStepDone } from './start-here';
