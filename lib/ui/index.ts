/**
 * What the extension's pages share: dates, links, the tab a popup acts on, the links to the
 * welcome and library pages, the panel's lines and the Ask form's choices.
 */
export { aboutChoices, type AboutChoice } from './ask-about';
export { BADGE } from './brand';
export { formatAgo, formatDate, type DateFormatOptions } from './dates';
export { libraryUrl } from './library-link';
export { hostOf, webHref } from './links';
export { clippedLine, shortDate } from './panel-text';
export { defaultAppliesTo, targetTab, type TargetTab } from './target-tab';
export { inviteFromFragment, welcomeUrl } from './welcome-link';
