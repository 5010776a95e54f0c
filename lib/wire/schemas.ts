/**
 * Wire types and validation schemas shared by the extension and the sync server.
 * Every item that is stored, sent or received has exactly these shapes; TypeScript types are
 * inferred from the schemas so the two can never drift apart.
 */
import { z } from 'zod';

export { LIMITS } from './limits';
import { LIMITS } from './limits';
import { isWebUrl, WEB_URL_RULE } from './web-url';

// Extension pages forbid eval (their CSP): zod's one try at compiling a parser with `new
// Function` is refused there and reported as a securitypolicyviolation. Pages parse little, so
// they go without; the server and the service worker (no document, no report) keep the compiler.
if (typeof document !== 'undefined') z.config({ jitless: true });

export const itemKinds = ['page', 'snippet', 'tip', 'question', 'path', 'stance'] as const;
export const ItemKind = z.enum(itemKinds);
export type ItemKind = z.infer<typeof ItemKind>;

/** Sortable ids (UUIDv7): creation order is id order, across devices. */
export const Id = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

/** W3C Web Annotation TextQuoteSelector. */
export const TextQuoteSelector = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().max(LIMITS.quoteChars),
  prefix: z.string().max(LIMITS.contextChars),
  suffix: z.string().max(LIMITS.contextChars),
});
export type TextQuoteSelector = z.infer<typeof TextQuoteSelector>;

/** W3C Web Annotation TextPositionSelector, offsets into the page's text content. */
export const TextPositionSelector = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type TextPositionSelector = z.infer<typeof TextPositionSelector>;

/** Every link an item carries (see isWebUrl): refused otherwise, so it never becomes a live link. */
const Url = z.string().max(LIMITS.urlChars).refine(isWebUrl, { message: WEB_URL_RULE });
const Tag = z.string().min(1).max(LIMITS.tagChars);
const AppliesTo = z.array(z.string().max(LIMITS.urlChars)).max(LIMITS.appliesTo);
export const ReviewIntervalDays = z.int().min(1).max(LIMITS.reviewIntervalDays);

const ItemBase = z.object({
  id: Id,
  community: z.string().min(1).max(64),
  title: z.string().max(LIMITS.titleChars),
  url: Url.nullable(),
  canonicalUrl: Url.nullable(),
  siteName: z.string().max(LIMITS.titleChars).nullable(),
  byline: z.string().max(LIMITS.titleChars).nullable(),
  publishedTime: z.string().max(64).nullable(),
  excerpt: z.string().max(LIMITS.excerptChars).nullable(),
  tags: z.array(Tag).max(LIMITS.tags),
  /** Display name of the member who clipped it; null for local-only items. */
  author: z.string().max(200).nullable(),
  /**
   * Member id of who created it, which decides who may change it (lib/wire/authz.ts); filled by
   * the server. Absent on local-only items, and on shared items written before authorship was
   * recorded until their next change (docs/sync-protocol.md).
   */
  authorId: z.string().max(64).optional(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** Soft delete: tombstones keep their id so deletions can sync. */
  deletedAt: z.number().int().nullable(),
  /**
   * A member's note on the item, plain text, merged like the title. In a shared community every
   * member sees it. Optional, so that clients from before notes still create items: absent
   * means none.
   */
  note: z.string().max(LIMITS.noteChars).optional(),
});

export const PageItem = ItemBase.extend({
  kind: z.literal('page'),
  /** Article HTML, already sanitized with DOMPurify. Sanitized again before rendering. */
  html: z.string().max(LIMITS.articleHtmlChars),
  markdown: z.string().max(LIMITS.articleHtmlChars),
  text: z.string().max(LIMITS.articleHtmlChars),
  leadImageUrl: Url.nullable(),
  lang: z.string().max(35).nullable(),
  dir: z.enum(['ltr', 'rtl', 'auto']).nullable(),
});
export type PageItem = z.infer<typeof PageItem>;

export const SnippetItem = ItemBase.extend({
  kind: z.literal('snippet'),
  quote: z.string().max(LIMITS.quoteChars),
  /** True when the selection was longer than LIMITS.quoteChars and was cut. */
  truncated: z.boolean(),
  selectors: z.tuple([TextQuoteSelector, TextPositionSelector]),
  sourceTitle: z.string().max(LIMITS.titleChars),
});
export type SnippetItem = z.infer<typeof SnippetItem>;

export const TipItem = ItemBase.extend({
  kind: z.literal('tip'),
  /** Markdown, as written; every view shows it as text. */
  body: z.string().max(LIMITS.tipBodyChars),
  tool: z.string().max(200).nullable(),
  /** URL patterns or hosts this tip applies to, one per entry. */
  appliesTo: AppliesTo,
  // Added with community life (docs/community.md). Optional, so that clients from before them
  // still create tips: absent means none, the community's interval, not retired.
  /** Ids of the questions this tip answers; a set, merged like tags. */
  answers: z.array(Id).max(LIMITS.answers).optional(),
  /** Days between reviews for this tip; null or absent: the community's review interval. */
  reviewIntervalDays: ReviewIntervalDays.nullable().optional(),
  /** When its author or a steward retired it: kept and searchable, never shown in the panel. */
  retiredAt: z.number().int().nullable().optional(),
});
export type TipItem = z.infer<typeof TipItem>;

export const QuestionItem = ItemBase.extend({
  kind: z.literal('question'),
  /** What the asker wants to know, beyond the title; Markdown shown as text, like a tip. */
  details: z.string().max(LIMITS.tipBodyChars),
  /** Hosts, patterns or catalog tools (`tool:jira`) the question is about, as a tip's. */
  appliesTo: AppliesTo,
  /** When its asker or a steward closed it; null while open. */
  closedAt: z.number().int().nullable(),
});
export type QuestionItem = z.infer<typeof QuestionItem>;

/** One step of a path: an item of the community and a short note on why it comes here. */
export const PathStep = z.strictObject({ itemId: Id, note: z.string().max(LIMITS.stepNoteChars) });
export type PathStep = z.infer<typeof PathStep>;

export const PathItem = ItemBase.extend({
  kind: z.literal('path'),
  /**
   * The steps in order, written whole: two concurrent writes are ordered like any field and the
   * losing list is kept as a conflict revision (docs/community.md), never merged out of order.
   */
  steps: z.array(PathStep).max(LIMITS.pathSteps),
});
export type PathItem = z.infer<typeof PathItem>;

export const stancePositions = ['adopt', 'trial', 'hold', 'retire'] as const;
export const StancePosition = z.enum(stancePositions);
export type StancePosition = z.infer<typeof StancePosition>;

export const StanceItem = ItemBase.extend({
  kind: z.literal('stance'),
  /** The tool it is about: a catalog tool (`tool:jira`) or an "Applies to" pattern. */
  subject: z.string().min(1).max(LIMITS.urlChars),
  position: StancePosition,
  reason: z.string().max(LIMITS.tipBodyChars),
});
export type StanceItem = z.infer<typeof StanceItem>;

export const Item = z.discriminatedUnion('kind', [
  PageItem,
  SnippetItem,
  TipItem,
  QuestionItem,
  PathItem,
  StanceItem,
]);
export type Item = z.infer<typeof Item>;

/**
 * An item as received from a server. Data stored before links had to be http(s) may still carry
 * another scheme: such a link is dropped (null) rather than failing the whole pull.
 */
const ReceivedUrl = Url.nullable().catch(null);
export const ReceivedItem = z.discriminatedUnion('kind', [
  PageItem.extend({ url: ReceivedUrl, canonicalUrl: ReceivedUrl, leadImageUrl: ReceivedUrl }),
  SnippetItem.extend({ url: ReceivedUrl, canonicalUrl: ReceivedUrl }),
  TipItem.extend({ url: ReceivedUrl, canonicalUrl: ReceivedUrl }),
  QuestionItem.extend({ url: ReceivedUrl, canonicalUrl: ReceivedUrl }),
  PathItem.extend({ url: ReceivedUrl, canonicalUrl: ReceivedUrl }),
  StanceItem.extend({ url: ReceivedUrl, canonicalUrl: ReceivedUrl }),
]);

export const Community = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  /** Local-only communities never sync. */
  local: z.boolean(),
  createdAt: z.number().int(),
});
export type Community = z.infer<typeof Community>;
