/**
 * Every string the highlights show, in one place, so that they move into the message catalogue
 * together.
 */
export const HIGHLIGHT_WORDS = {
  /**
   * The accessible description of a highlight's first element, a button named by the text it
   * highlights (so that what is read is what is shown), which opens the note.
   */
  highlightDescription: (title: string) => `Snippet “${title}”: press to show its note`,
  noteLabel: 'Snippet note',
  noNote: 'No note on this snippet yet.',
  /** "Clipped by Ana on 3 Nov · Platform guild" (the date is shortDate's, lib/ui). */
  byline: (author: string | null, date: string, community: string) =>
    `${author ? `Clipped by ${author}` : 'Clipped'} on ${date} · ${community}`,
  close: 'Close',
  settingLegend: 'Highlights',
  settingLabel: 'Highlight snippets on the pages they were clipped from (click one for its note)',
} as const;
