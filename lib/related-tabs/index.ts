/**
 * Related tips in tabs: the background's watcher and panel handlers, and what the popup and the
 * options page ask about a page or the sites tips name, and asking for access to those sites.
 */
export { createPanelHandlers, type PanelHandlers } from './handlers';
export { startRelatedWatcher, type RelatedWatcher } from './watcher';
export { originsFor, originsForPage, siteName, tipOrigins, withoutAccess } from './origins';
export { askablePage, unannouncedAnswers } from './questions';
export { requestOrigins, requestSiteAccess } from './site-access';
