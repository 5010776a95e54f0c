/** Turning captures and drafts into items: pure functions, no storage, no browser APIs. */
import type { ArticleCapture, LinkCapture, SelectionCapture } from '../capture';
import type { ItemDraft, QuestionDraft, StanceDraft, TipDraft } from '../messaging';
import {
  LIMITS,
  type PageItem,
  type PathItem,
  type PathStep,
  type QuestionItem,
  type SnippetItem,
  type StanceItem,
  type StancePosition,
  type TipItem,
  uuidv7,
  webUrlOrNull,
} from '../wire';
import { t } from '../i18n';
import { POSITION_WORDS } from '../community';

export interface Authoring {
  community: string;
  author: string | null;
  now: number;
}

function base(authoring: Authoring) {
  return {
    id: uuidv7(authoring.now),
    community: authoring.community,
    author: authoring.author,
    createdAt: authoring.now,
    updatedAt: authoring.now,
    deletedAt: null,
    tags: [],
  };
}

const clip = (text: string, max: number) => (text.length > max ? text.slice(0, max) : text);

export function pageItem(capture: ArticleCapture, fallbackTitle: string, a: Authoring): PageItem {
  return {
    ...base(a),
    kind: 'page',
    title: clip(capture.title || fallbackTitle || capture.url, LIMITS.titleChars),
    // A page that is not on the web (file:, an extension page) is kept, without a link.
    url: webUrlOrNull(capture.url),
    canonicalUrl: webUrlOrNull(capture.canonicalUrl),
    siteName: capture.siteName,
    byline: capture.byline,
    publishedTime: capture.publishedTime,
    excerpt: capture.excerpt && clip(capture.excerpt, LIMITS.excerptChars),
    html: clip(capture.html, LIMITS.articleHtmlChars),
    markdown: clip(capture.markdown, LIMITS.articleHtmlChars),
    text: clip(capture.text, LIMITS.articleHtmlChars),
    leadImageUrl: webUrlOrNull(capture.leadImageUrl),
    lang: capture.lang,
    dir: capture.dir,
  };
}

/** A page with no article, kept as a link: what the page says of itself, no article body. */
export function linkItem(link: LinkCapture, tags: string[], a: Authoring): PageItem {
  const excerpt = link.excerpt?.trim() || null;
  return {
    ...pageItem(
      {
        ...link,
        title: link.title.trim(),
        excerpt,
        byline: null,
        siteName: null,
        publishedTime: null,
        lang: null,
        dir: null,
        leadImageUrl: null,
        html: '',
        markdown: '',
        text: excerpt ?? '',
      },
      '',
      a,
    ),
    tags,
  };
}

const SNIPPET_TITLE_CHARS = 120;

/** At most `max` characters, cut after a whole word and marked with an ellipsis. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max); // leaves room for the ellipsis
  const space = head.search(/\s\S*$/);
  // A first "word" longer than half the title (a URL, a hash) is cut where it is.
  const cut = space > max / 2 ? head.slice(0, space) : head.slice(0, max - 1);
  return `${cut.replace(/[\s,;:.–—-]+$/, '')}…`;
}

export function snippetItem(capture: SelectionCapture, a: Authoring): SnippetItem {
  const firstLine = capture.quote.trim().split('\n')[0] ?? '';
  return {
    ...base(a),
    kind: 'snippet',
    title: cutAtWord(firstLine.trim(), SNIPPET_TITLE_CHARS),
    url: webUrlOrNull(capture.url),
    canonicalUrl: webUrlOrNull(capture.canonicalUrl),
    siteName: null,
    byline: null,
    publishedTime: null,
    excerpt: null,
    quote: capture.quote,
    truncated: capture.selectedChars > capture.quote.length,
    selectors: capture.selectors,
    sourceTitle: clip(capture.sourceTitle, LIMITS.titleChars),
  };
}

export type TipField = keyof TipDraft;
export type DraftCheck =
  | {
      ok: true;
      title: string;
      body: string;
      tags: string[];
      appliesTo: string[];
      answers: string[];
      /** The tip's own review interval, or null for the community's. */
      reviewIntervalDays: number | null;
    }
  | { ok: false; errors: Partial<Record<TipField, string>> };

export function parseTags(input: string): string[] {
  const tags = input
    .split(/[\s,]+/)
    .map((t) => t.replace(/^#+/, '').trim().toLowerCase())
    .filter((t) => t.length > 0);
  return [...new Set(tags)];
}

/**
 * "The title is 1001 characters; keep it under 1000.": the lengths as digits, as members count
 * them against the limit.
 */
export const tooLong = (
  key:
    | 'background_titleTooLong'
    | 'background_descriptionTooLong'
    | 'background_tipBodyTooLong'
    | 'background_questionTitleTooLong'
    | 'background_detailsTooLong'
    | 'background_noteTooLong'
    | 'background_privateNoteTooLong'
    | 'background_reasonTooLong',
  text: string,
  max: number,
): string => t(key, { length: String(text.length), max: String(max) });

/** What is wrong with tags as parsed, as a sentence; null when nothing is. */
export function tagsProblem(tags: readonly string[]): string | null {
  const longTag = tags.find((t) => t.length > LIMITS.tagChars);
  if (longTag)
    return t('background_tagTooLong', { tag: longTag.slice(0, 20), max: String(LIMITS.tagChars) });
  return tags.length > LIMITS.tags
    ? t('background_tooManyTags', { max: String(LIMITS.tags) })
    : null;
}

/** Checks a tip draft; every error says what is wrong and what to do. */
export function checkTipDraft(
  draft: TipDraft,
  checkPattern: (line: string) => string | null = () => null,
): DraftCheck {
  const errors: Partial<Record<TipField, string>> = {};
  const title = draft.title.trim();
  const body = draft.body.trim();
  const tags = parseTags(draft.tags);
  const appliesTo = appliesToLines(draft.appliesTo);

  if (!title) errors.title = t('background_tipTitleMissing');
  else if (title.length > LIMITS.titleChars)
    errors.title = tooLong('background_titleTooLong', title, LIMITS.titleChars);
  if (!body) errors.body = t('background_tipBodyMissing');
  else if (body.length > LIMITS.tipBodyChars)
    errors.body = tooLong('background_tipBodyTooLong', body, LIMITS.tipBodyChars);
  const tagError = tagsProblem(tags);
  if (tagError) errors.tags = tagError;
  const appliesToError = appliesToProblem(appliesTo, checkPattern);
  if (appliesToError) errors.appliesTo = appliesToError;
  const every = (draft.reviewEvery ?? '').trim();
  const reviewIntervalDays = every === '' ? null : Number(every);
  const inRange = (days: number) =>
    Number.isInteger(days) && days >= 1 && days <= LIMITS.reviewIntervalDays;
  if (reviewIntervalDays !== null && !inRange(reviewIntervalDays))
    errors.reviewEvery = t('background_reviewEveryInvalid', {
      max: String(LIMITS.reviewIntervalDays),
    });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // The ids come from "Answer with a tip", never typed; a set, capped as the wire caps it.
  const answers = [...new Set(draft.answers ?? [])].slice(0, LIMITS.answers);
  return { ok: true, title, body, tags, appliesTo, answers, reviewIntervalDays };
}

const appliesToLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

function appliesToProblem(
  appliesTo: readonly string[],
  checkPattern: (line: string) => string | null,
): string | null {
  if (appliesTo.length > LIMITS.appliesTo)
    return t('background_tooManyPatterns', { max: String(LIMITS.appliesTo) });
  for (const line of appliesTo) {
    const problem =
      line.length > LIMITS.urlChars ? t('background_patternTooLong') : checkPattern(line);
    if (problem) return t('background_patternProblem', { line: line.slice(0, 60), problem });
  }
  return null;
}

export type QuestionCheck =
  | { ok: true; title: string; details: string; appliesTo: string[] }
  | { ok: false; errors: Partial<Record<keyof QuestionDraft, string>> };

/** Checks a question draft; every error says what is wrong and what to do. */
export function checkQuestionDraft(
  draft: QuestionDraft,
  checkPattern: (line: string) => string | null = () => null,
): QuestionCheck {
  const errors: Partial<Record<keyof QuestionDraft, string>> = {};
  const title = draft.title.trim();
  const details = draft.details.trim();
  const appliesTo = appliesToLines(draft.appliesTo);
  if (!title) errors.title = t('background_questionTitleMissing');
  else if (title.length > LIMITS.titleChars)
    errors.title = tooLong('background_questionTitleTooLong', title, LIMITS.titleChars);
  if (details.length > LIMITS.tipBodyChars)
    errors.details = tooLong('background_detailsTooLong', details, LIMITS.tipBodyChars);
  const appliesToError = appliesToProblem(appliesTo, checkPattern);
  if (appliesToError) errors.appliesTo = appliesToError;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, title, details, appliesTo };
}

export function questionItem(
  question: { title: string; details: string; appliesTo: string[] },
  a: Authoring,
): QuestionItem {
  return {
    ...base(a),
    kind: 'question',
    title: question.title,
    details: question.details,
    appliesTo: question.appliesTo,
    closedAt: null,
    url: null,
    canonicalUrl: null,
    siteName: null,
    byline: null,
    publishedTime: null,
    excerpt: question.details.slice(0, 200) || null,
  };
}

export type ItemCheck =
  | { ok: true; title: string; tags: string[]; note: string; privateNote: string }
  | { ok: false; errors: Partial<Record<keyof ItemDraft, string>> };

const noteProblem = (
  note: string,
  key: 'background_noteTooLong' | 'background_privateNoteTooLong',
) => (note.length > LIMITS.noteChars ? tooLong(key, note, LIMITS.noteChars) : null);

/** Checks an edited page or snippet; every error says what is wrong and what to do. */
export function checkItemDraft(draft: ItemDraft): ItemCheck {
  const errors: Partial<Record<keyof ItemDraft, string>> = {};
  const title = draft.title.trim();
  const tags = parseTags(draft.tags);
  const note = draft.note.trim();
  const privateNote = draft.privateNote.trim();
  if (!title) errors.title = t('background_itemTitleMissing');
  else if (title.length > LIMITS.titleChars)
    errors.title = tooLong('background_titleTooLong', title, LIMITS.titleChars);
  const tagError = tagsProblem(tags);
  if (tagError) errors.tags = tagError;
  const noteError = noteProblem(note, 'background_noteTooLong');
  if (noteError) errors.note = noteError;
  const privateError = noteProblem(privateNote, 'background_privateNoteTooLong');
  if (privateError) errors.privateNote = privateError;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, title, tags, note, privateNote };
}

export function tipItem(
  tip: {
    title: string;
    body: string;
    tags: string[];
    appliesTo: string[];
    url: string | null;
    answers?: string[];
    reviewIntervalDays?: number | null;
  },
  a: Authoring,
): TipItem {
  return {
    // Only when set: absent means the community's interval, as from clients before it.
    ...(tip.reviewIntervalDays == null ? {} : { reviewIntervalDays: tip.reviewIntervalDays }),
    ...base(a),
    kind: 'tip',
    // Left out when empty: a tip as clients from before answers write it.
    ...(tip.answers?.length ? { answers: tip.answers } : {}),
    title: tip.title,
    body: tip.body,
    tags: tip.tags,
    appliesTo: tip.appliesTo,
    tool: null,
    url: webUrlOrNull(tip.url),
    canonicalUrl: null,
    siteName: null,
    byline: null,
    publishedTime: null,
    excerpt: tip.body.slice(0, 200),
  };
}

const LINKLESS = {
  url: null,
  canonicalUrl: null,
  siteName: null,
  byline: null,
  publishedTime: null,
  excerpt: null,
} as const;

/** Checks a path's steps as a curator left them; null when they can be saved. */
export function pathStepsProblem(steps: readonly PathStep[]): string | null {
  if (steps.length > LIMITS.pathSteps)
    return t('background_pathTooManySteps', {
      max: String(LIMITS.pathSteps),
      extra: String(steps.length - LIMITS.pathSteps),
    });
  const ids = new Set<string>();
  for (const [i, step] of steps.entries()) {
    if (ids.has(step.itemId)) return t('background_pathStepTwice', { number: String(i + 1) });
    ids.add(step.itemId);
    if (step.note.length > LIMITS.stepNoteChars)
      return t('background_pathStepNoteTooLong', {
        number: String(i + 1),
        length: String(step.note.length),
        max: String(LIMITS.stepNoteChars),
      });
  }
  return null;
}

/** A new path; its title is what the popup calls it ("Start here"). */
export function pathItem(title: string, steps: PathStep[], a: Authoring): PathItem {
  return { ...base(a), ...LINKLESS, kind: 'path', title, steps };
}

export type StanceField = keyof StanceDraft;
export type StanceCheck =
  | { ok: true; subject: string; position: StanceItem['position']; reason: string }
  | { ok: false; errors: Partial<Record<StanceField, string>> };

/** Checks a proposed stance; every error says what is wrong and what to do. */
export function checkStanceDraft(
  draft: StanceDraft,
  checkPattern: (line: string) => string | null = () => null,
): StanceCheck {
  const errors: Partial<Record<StanceField, string>> = {};
  const subject = draft.subject.trim();
  const reason = draft.reason.trim();
  if (!subject) errors.subject = t('background_stanceSubjectMissing');
  else {
    const problem =
      subject.length > LIMITS.urlChars ? t('background_patternTooLong') : checkPattern(subject);
    if (problem)
      errors.subject = t('background_patternProblem', { line: subject.slice(0, 60), problem });
  }
  const position = Object.hasOwn(POSITION_WORDS, draft.position)
    ? (draft.position as StancePosition)
    : undefined;
  if (!position) errors.position = t('background_stancePositionMissing');
  if (!reason) errors.reason = t('background_stanceReasonMissing');
  else if (reason.length > LIMITS.tipBodyChars)
    errors.reason = tooLong('background_reasonTooLong', reason, LIMITS.tipBodyChars);
  if (!position || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, subject, position, reason };
}

/** A proposed stance; its title says it in a line, so search and lists show it. */
export function stanceItem(
  stance: { subject: string; position: StanceItem['position']; reason: string },
  title: string,
  a: Authoring,
): StanceItem {
  return { ...base(a), ...LINKLESS, kind: 'stance', title, ...stance };
}
