/**
 * Every string the highlights show, in one place, so that they move into the message catalogue
 * together.
 */
export const HIGHLIGHT_WORDS = {
  /** The accessible name of a highlight's first element, which opens its note. */
  highlightLabel: (title: string) => `Snippet “${title}”: show its note`,
  noteLabel: 'Snippet note',
  noNote: 'No note on this snippet yet.',
  /** "Clipped by Ana on 3 Nov · Platform guild" (the date is shortDate's, lib/ui). */
  byline: (author: string | null, date: string, community: string) =>
    `${author ? `Clipped by ${author}` : 'Clipped'} on ${date} · ${community}`,
  close: 'Close',
  settingLegend: 'Highlights',
  settingLabel: 'Highlight snippets on the pages they were clipped from (click one for its note)',
} as const;
