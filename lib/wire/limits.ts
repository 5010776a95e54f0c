// Kept apart from the zod schemas so that code that only needs the numbers (injected scripts,
// the popup) does not bundle zod.
/** Limits shared by the capture pipeline, the UI and the server, so all refuse the same input. */
export const LIMITS = {
  titleChars: 1_000,
  tagChars: 64,
  tags: 32,
  urlChars: 4_096,
  tipBodyChars: 20_000,
  excerptChars: 4_000,
  /** A selection longer than this is cut; the UI says so. */
  quoteChars: 20_000,
  contextChars: 64,
  articleHtmlChars: 2_000_000,
  appliesTo: 50,
  answers: 50,
  pathSteps: 100,
  stepNoteChars: 280,
  /** A member's note on an item (shared, or private to this browser). */
  noteChars: 4_000,
  /** Ten years: a longer review interval is no review at all. */
  reviewIntervalDays: 3_650,
} as const;
