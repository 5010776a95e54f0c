/**
 * Highlights: the snippets clipped from a page, highlighted in it when the member visits it
 * again, each opening its note. The background's side (tabs.ts) and the page's (page.ts, the
 * highlights script's logic). See docs/highlights.md.
 */
export { hasSiteAccess, startHighlightTabs, type HighlightTabs } from './tabs';
export { PageHighlights, type NoteView } from './page';
export { NOTE_HOST_TAG, NotePopover, type PopoverOptions } from './popover';
