/**
 * Every message between the extension's contexts, declared once, by channel: Protocol (pages and
 * the in-page panel ask the background), TabProtocol (the background asks a tab), PageProtocol
 * (the background tells every open extension page) and PortProtocol (what the background pushes
 * on the ports pages open). Each request entry is its payload and the response sent back.
 *
 * Reads do not travel as messages: the popup reads IndexedDB itself (lib/db), which is faster
 * than waking the service worker. Writes go through the background so that one context owns
 * them and their side effects.
 */
import type { LinkCapture } from '../capture';
import type { ExportRecord } from '../db';
import type { ImportCandidate } from '../portable';
import type { MarkdownNode } from '../markdown';
import type { FindingView } from '../secrets';
import type { CommunitySync, InviteOutcome, JoinInput, JoinOutcome } from '../sync';
import type {
  CommunityMember,
  CommunitySettings,
  InviteRequest,
  Item,
  ItemKind,
  MarkKind,
  PathStep,
  SettingsChange,
  StancePosition,
  TextPositionSelector,
  TextQuoteSelector,
} from '../wire';
import type { StateLine } from '../community';

/**
 * One batch of an import: the options page reads the file and sends it in batches, so that it
 * can show how far it got. Candidates come from another tool's file; records from our own.
 */
export type ImportBatch =
  { from: 'candidates'; candidates: ImportCandidate[] } | { from: 'json'; records: ExportRecord[] };

/** What became of a batch: added, already in the community, and each one left out with why. */
export interface ImportTally {
  imported: number;
  already: number;
  refused: { what: string; why: string }[];
}

/** A tip as typed in the tip form, before it is checked. */
export interface TipDraft {
  title: string;
  body: string;
  /** As typed: separated by commas or spaces, with or without '#'. */
  tags: string;
  /** As typed: one URL pattern or host per line. */
  appliesTo: string;
  /** The questions this tip answers ("Answer with a tip"), by id. */
  answers?: string[];
  /** As typed: days between reviews of a shared tip; empty for the community's interval. */
  reviewEvery?: string;
}

/** A question as typed in the Ask form, before it is checked. */
export interface QuestionDraft {
  title: string;
  details: string;
  /** What the asker chose it is about: a host, a catalog tool (`tool:jira`), a URL, or nothing. */
  appliesTo: string;
}

export type AskQuestionResult =
  | { ok: true; item: SavedItem }
  | { ok: false; errors: Partial<Record<keyof QuestionDraft, string>>; message?: string }
  | NeedsReview;

/** A page's or snippet's editable text, as typed in its edit form. */
export interface ItemDraft {
  title: string;
  /** As typed: separated by commas or spaces, with or without '#'. */
  tags: string;
  /** The item's note: shared with the community (in a local one, the only note). */
  note: string;
  /** Kept on this browser only, never synced; not offered (and ignored) in a local community. */
  privateNote: string;
}

export type SaveItemResult =
  | { ok: true; item: SavedItem }
  | { ok: false; errors: Partial<Record<keyof ItemDraft, string>>; message?: string }
  | NeedsReview;

/** A stance as typed in the stance form, before it is checked. */
export interface StanceDraft {
  /** `tool:github`, or an "Applies to" pattern. */
  subject: string;
  position: StancePosition | '';
  reason: string;
}

export type ClipErrorCode =
  | 'no-article'
  | 'restricted-page'
  | 'no-access'
  | 'empty-selection'
  | 'already-clipped'
  | 'storage-full'
  | 'tab-gone'
  | 'failed';

export interface ClipError {
  code: ClipErrorCode;
  /** A sentence for the member: what happened and what to do next. */
  message: string;
  /** With 'already-clipped': the item that is already there. */
  existing?: { id: string; title: string; createdAt: number };
  /** With 'no-article': the page as a link, for "Save as a link". */
  link?: LinkCapture;
}

/** "Save as a link" for a page with no article: the link as the member edited it. */
export interface LinkDraft extends LinkCapture {
  /** As typed: separated by commas or spaces, with or without '#'. */
  tags: string;
}
export type LinkField = 'title' | 'excerpt' | 'tags';
export type SaveLinkResult = ClipResult | { ok: false; errors: Partial<Record<LinkField, string>> };

export interface SavedItem {
  id: string;
  kind: ItemKind;
  title: string;
}

/**
 * What would go to a shared community holds secrets or personal data: nothing was written, and
 * the background holds the write until the member answers `shareReviewed` with this id.
 */
export interface NeedsReview {
  ok: false;
  review: { reviewId: string; findings: FindingView[] };
}

export type ShareChoice = 'redact' | 'share' | 'personal';

export type ReviewOutcome =
  | {
      ok: true;
      item: SavedItem;
      /** Where it went: the shared community, or Personal. */
      community: string;
      choice: ShareChoice;
      notice?: string;
    }
  | { ok: false; message: string };

export type ClipResult =
  { ok: true; item: SavedItem; notice?: string } | { ok: false; error: ClipError } | NeedsReview;

export type SaveTipResult =
  | { ok: true; item: SavedItem }
  | { ok: false; errors: Partial<Record<keyof TipDraft, string>>; message?: string }
  | NeedsReview;

export interface Protocol {
  /** Clip the article of a tab. `again` keeps a second copy of a page already clipped. */
  clipPage: {
    request: { tabId: number; community: string; again?: boolean };
    response: ClipResult;
  };
  /** Keep a page that has no article as a link (its title, URL, description and tags). */
  saveLink: { request: { community: string; link: LinkDraft }; response: SaveLinkResult };
  /** Clip the current selection of a tab as a snippet. */
  clipSelection: { request: { tabId: number; community: string }; response: ClipResult };
  /** Save a tip written in the popup. `url` is the tab it was written on, if any. */
  saveTip: {
    request: { community: string; draft: TipDraft; url: string | null };
    response: SaveTipResult;
  };
  /** Edit a tip's text fields; in a shared community each field merges on its own. */
  editTip: {
    request: { id: string; draft: TipDraft };
    response: SaveTipResult;
  };
  /**
   * Edit a page's or snippet's title, tags and note (each field merges on its own in a shared
   * community) and the member's private note (stored here, never synced).
   */
  editItem: {
    request: { id: string; draft: ItemDraft };
    response: SaveItemResult;
  };
  /**
   * The member's answer to a NeedsReview: redact what was found and share, share it as it is,
   * or keep it in the Personal community instead. Only now is anything written.
   */
  shareReviewed: {
    request: { reviewId: string; choice: ShareChoice };
    response: ReviewOutcome;
  };
  /**
   * Settle a conflict: keep `value` for `field` and dismiss the revisions shown (their versions).
   */
  resolveConflict: {
    request: { id: string; field: string; value: unknown; dismiss: number[] };
    response: { ok: true } | { ok: false; message: string };
  };
  /** Soft-delete an item: it stays as a tombstone, which `restoreItem` undoes. */
  deleteItem: { request: { id: string }; response: { ok: true } };
  /**
   * Undo a deletion (the Undo right after it, or Recently deleted). In a shared community it is
   * a synced write, which the server accepts from the item's author or a steward.
   */
  restoreItem: {
    request: { id: string };
    response: { ok: true; title: string } | { ok: false; message: string };
  };
  /** Join a shared community with an invite code from its server. */
  joinCommunity: { request: JoinInput; response: JoinOutcome };
  /** A steward invites people: a link (and its bare code) that joins them to the community. */
  createInvite: {
    request: InviteRequest & { community: string };
    response: InviteOutcome;
  };
  /** Ask every joined community's server for its name, member count and the member's role. */
  refreshCommunities: { request: Record<string, never>; response: CommunitySync[] };
  /** Leave a shared community: its items leave this browser too. */
  leaveCommunity: { request: { community: string }; response: { ok: true } };
  /** Sync now (the popup opening, or a retry button); all communities when none is named. */
  syncNow: { request: { community?: string }; response: CommunitySync[] };
  /** The member has read that the server refused some changes: the notice goes. */
  dismissRefused: { request: { community: string }; response: CommunitySync[] };
  /**
   * The member's own mark on an item (lib/wire/marks.ts: "Helped me" with its story, "I vouch
   * for this", "Still accurate", ...), added with its note or taken back; from the panel and the
   * popup alike. Refused in words when the mark does not fit the item or its note is wrong.
   */
  mark: {
    request: { itemId: string; mark: MarkKind; on: boolean; note?: string };
    response: { ok: true } | { ok: false; message: string };
  };
  /**
   * From the in-page panel: stop showing related tips on this tab's site, or this tip anywhere.
   * Answers which site was muted, so the panel can name it and offer Undo.
   */
  mute: {
    request: { site: true } | { itemId: string };
    response: { ok: true; site: string | null };
  };
  /** Undo a mute (the panel's Undo, the options page's Unmute): tabs show the tips again. */
  unmute: { request: { site: string } | { itemId: string }; response: { ok: true } };
  /**
   * The sites stored tips name that Repertoire may not see yet, as origin patterns; after a sync
   * and its indexing when `afterSync` (a member who just joined has no tips until then).
   */
  tipSites: { request: { afterSync: boolean }; response: { origins: string[] } };
  /**
   * From the in-page panel: open the tip form for the sender's tab; with `answers`, as the
   * answer to that question (its "Applies to" and the link to it filled in).
   */
  newTipForTab: { request: { answers?: string }; response: { ok: true } };
  /** From the in-page panel: open the Ask form for the sender's tab ("Ask about this page"). */
  askForTab: { request: Record<string, never>; response: { ok: true } };
  /**
   * Ask the community a question (a synced `question` item), through the same write path as a
   * tip: the secret scan first. Only in a shared community: there is no one to answer in Personal.
   */
  askQuestion: {
    request: { community: string; draft: QuestionDraft };
    response: AskQuestionResult;
  };
  /** Close a question (its asker or a steward): it leaves the open questions and the panel. */
  closeQuestion: {
    request: { id: string };
    response: { ok: true } | { ok: false; message: string };
  };
  /**
   * Retire a tip (kept and searchable, never in the panel, no longer due for review) or restore
   * it: a write of `retiredAt`, which the server accepts from its author or a steward.
   */
  retireTip: {
    request: { id: string; retired: boolean };
    response: { ok: true } | { ok: false; message: string };
  };
  /**
   * A curator's steps of the community's Start here path, written whole (docs/community.md): a
   * new path when `pathId` is null. Refused in words for a member who may not curate.
   */
  savePath: {
    request: { community: string; pathId: string | null; steps: PathStep[] };
    response: { ok: true; id: string } | { ok: false; message: string };
  };
  /** Propose a stance on a tool; agreeing and objecting are `mark` messages. */
  proposeStance: {
    request: { community: string; draft: StanceDraft };
    response:
      | { ok: true; item: SavedItem }
      | { ok: false; errors: Partial<Record<keyof StanceDraft, string>>; message?: string };
  };
  /** The member's own team in a community (null: none), kept in the membership. */
  setTeam: {
    request: { community: string; team: string | null };
    response: { ok: true; communities: CommunitySync[] } | { ok: false; message: string };
  };
  /** A steward's change of the community's settings (review interval, stance rule, curators). */
  saveCommunitySettings: {
    request: { community: string; change: SettingsChange };
    response: { ok: true; settings: CommunitySettings } | { ok: false; message: string };
  };
  /** A steward's list of the community's active members, to choose who curates paths. */
  communityMembers: {
    request: { community: string };
    response: { ok: true; members: CommunityMember[] } | { ok: false; message: string };
  };
  /** A batch of an import into `community`, through the normal write path (lib/repertoire). */
  importItems: {
    request: { community: string; batch: ImportBatch };
    response: { ok: true; tally: ImportTally } | { ok: false; message: string };
  };
  /** From the in-page panel: open an item (a stance and its reasons) or a search in the popup. */
  openFromPanel: { request: { item: string } | { q: string }; response: { ok: true } };
}

/** One related tip as the in-page panel shows it: text only, never HTML. */
export interface PanelTip {
  id: string;
  kind: ItemKind;
  title: string;
  /** Tip body or snippet quote, as plain text. */
  text: string;
  /** A tip's body as a tree of allowed Markdown elements, which the panel renders. */
  markdown?: MarkdownNode[];
  author: string | null;
  /** What made it match, as a sentence: "why is this shown". */
  why: string;
  helped: boolean;
  /** A shared tip's currency: its state lines, and whether it is due for review. */
  review?: { lines: StateLine[]; due: boolean };
}

/** A page or snippet clipped from the page being visited: shown as such, not as a tip. */
export interface PanelClip {
  id: string;
  kind: 'page' | 'snippet';
  title: string;
  author: string | null;
  createdAt: number;
}

/** An open question that applies to the page, as the panel shows it: text only. */
export interface PanelQuestion {
  id: string;
  title: string;
  /** The start of the details, as plain text. */
  text: string;
  author: string | null;
  /** How many members' "Me too" stand, the asker's not counted (they asked). */
  meToo: number;
  /** Whether this member's "Me too" stands. */
  meTooMine: boolean;
  /** Whether this member asked it: they are not offered "Me too". */
  mine: boolean;
}

/** The newcomer's Start here step that applies to this page, on their first visit to it. */
export interface PanelPathStep {
  /** "Start here · step 3 of 8". */
  line: string;
  /** The curator's note on the step; another member's text, shown as text. */
  note: string;
  title: string;
  /** Who wrote the step's item, so the newcomer knows whom to ask. */
  author: string | null;
}

/** The community's stance on the tool of this page, once agreed. */
export interface PanelStance {
  id: string;
  /** "Community stance: Adopt — 5 members, 3 teams". */
  line: string;
  /** What the tool is called, for "Tips for GitHub". */
  subject: string;
}

/** A snippet clipped from the page a tab shows, as its highlight needs it: text only, never HTML. */
export interface PageSnippet {
  id: string;
  /** Its W3C selectors, to find the quote in the page again (lib/anchoring). */
  selectors: [TextQuoteSelector, TextPositionSelector];
  title: string;
  /** The note shared with the community, as text; empty when there is none. */
  note: string;
  author: string | null;
  /** The name of the community it was clipped into. */
  community: string;
  createdAt: number;
}

/** What the background asks of a tab's content scripts: the in-page panel and the highlights. */
export interface TabProtocol {
  /**
   * What the panel shows on the tab's page, as text: its related tips, and what was clipped from
   * it; both empty removes the panel.
   */
  showRelated: {
    request: {
      tips: PanelTip[];
      clips: PanelClip[];
      questions?: PanelQuestion[];
      pathStep?: PanelPathStep;
      stances?: PanelStance[];
    };
    response: { ok: true };
  };
  /**
   * The snippets clipped from the tab's page, to highlight there; an empty list takes every
   * highlight out. Answers how many of them were found in the page as it is.
   */
  showHighlights: {
    request: { snippets: PageSnippet[] };
    response: { ok: true; anchored: number };
  };
}

/** What the background tells every open extension page. */
export interface PageProtocol {
  /**
   * The service worker (re)started: pages whose ports it closed when it stopped connect again
   * now, rather than wake it up themselves.
   */
  backgroundStarted: { request: Record<string, never>; response: { ok: true } };
}

/** Items indexed so far in a run of indexing, of those known to be waiting when last looked. */
export interface IndexingProgress {
  indexed: number;
  total: number;
}

/** What the background pushes, by port name, to pages that connect: on connecting, then on each change. */
export interface PortProtocol {
  /** Every joined community and how its sync is going. */
  syncStatus: CommunitySync[];
  /** How far indexing for search has got, while items wait to be searchable; null when none do. */
  indexing: IndexingProgress | null;
}

/** One message of a channel: its request and the response to it. */
export interface Message {
  request: unknown;
  response: unknown;
}

export type MessageType = keyof Protocol;
export type RequestOf<K extends MessageType> = Protocol[K]['request'];
export type ResponseOf<K extends MessageType> = Protocol[K]['response'];
export type { Item };
