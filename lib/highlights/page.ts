/**
 * The highlights in a page (the content script's side; lib/highlights/tabs.ts is the
 * background's). The background sends the snippets clipped from the page; each is anchored
 * (lib/anchoring) and wrapped in highlight elements. A highlight's first element is focusable
 * (a button named by its text, described as the snippet); a click on any of its elements, or
 * Enter or Space on the focused one, opens its note in the popover; Escape, a click outside or
 * another highlight closes it. Every listener is added with one AbortSignal: stopping takes them
 * all away with the highlights, and leaves the page's DOM as it was.
 */
import { HIGHLIGHT_TAG, Highlighter, PageAnchorer, type SnippetSelectors } from '../anchoring';
import type { PageSnippet } from '../messaging';
import { NotePopover, type PopoverOptions } from './popover';
import { t } from '../i18n';

/** Tries at finding snippets in content that arrives after load, and the quiet each waits for. */
const LATE_RETRIES = 10;
const LATE_SETTLE_MS = 300;

export interface NoteView {
  /** Draws the snippet's note into the popover's mount; `close` closes it (focus back). */
  draw(mount: HTMLElement, snippet: PageSnippet, close: () => void): void;
  /** Empties the mount. */
  clear(mount: HTMLElement): void;
}

interface Shown {
  snippet: PageSnippet;
  marks: HTMLElement[];
}

export class PageHighlights {
  private readonly highlighter = new Highlighter();
  private readonly shown = new Map<string, Shown>();
  private readonly popover: NotePopover;
  private listening: AbortController | null = null;
  /** The snippets the background sent last, by id. */
  private wanted = new Map<string, PageSnippet>();
  /** Watching for content that arrives late, while some snippets are not found. */
  private observer: MutationObserver | null = null;
  private retries = 0;
  /** The highlight element whose note is open, to give focus back to. */
  private opener: HTMLElement | null = null;
  private openId: string | null = null;

  constructor(
    private readonly doc: Document,
    private readonly view: NoteView,
    popover: PopoverOptions,
  ) {
    this.popover = new NotePopover(doc, popover);
  }

  /**
   * Highlights these snippets (and no others): those not highlighted yet are anchored in the page
   * as it is now, and again as the page changes for a while (content that arrives after load);
   * those highlighted already keep their place and take the new text. Returns how many are
   * highlighted now.
   */
  show(snippets: readonly PageSnippet[]): number {
    const wanted = new Map(snippets.map((s) => [s.id, s]));
    for (const id of [...this.shown.keys()]) if (!wanted.has(id)) this.drop(id);
    if (wanted.size === 0) {
      this.stop();
      return 0;
    }
    const signal = (this.listening ??= this.listen()).signal;
    this.wanted = wanted;
    for (const snippet of wanted.values()) {
      const known = this.shown.get(snippet.id);
      if (!known) continue;
      known.snippet = snippet;
      this.label(known);
    }
    this.anchorMissing(signal);
    this.retries = LATE_RETRIES;
    this.watchLateContent(signal);
    if (this.openId !== null && this.shown.has(this.openId)) this.redraw();
    return this.shown.size;
  }

  /** Anchors and highlights the wanted snippets that are not highlighted yet. */
  private anchorMissing(signal: AbortSignal): void {
    const missing = [...this.wanted.values()].filter((s) => !this.shown.has(s.id));
    if (missing.length === 0) return;
    const anchorer = new PageAnchorer(this.doc);
    const found: { snippet: PageSnippet; start: number; end: number }[] = [];
    for (const snippet of missing) {
      const at = anchorer.locate(snippet.selectors as SnippetSelectors);
      if (at) found.push({ snippet, start: at.start, end: at.end });
    }
    // Wrapping splits Text nodes, never the text: each range is made from the nodes as they are.
    for (const { snippet, start, end } of found) {
      anchorer.reread();
      const range = anchorer.rangeOf(start, end);
      if (!range) continue;
      const marks = this.highlighter.add(range, snippet.id);
      if (marks.length === 0) continue;
      const shown = { snippet, marks };
      this.shown.set(snippet.id, shown);
      this.decorate(shown, signal);
    }
  }

  /**
   * While some snippets are not found, tries again after the page's DOM changes (a single-page
   * app rendering after load), at most LATE_RETRIES times, each a moment after the changes stop.
   */
  private watchLateContent(signal: AbortSignal): void {
    const View = this.doc.defaultView as (Window & typeof globalThis) | null;
    if (this.observer || !View?.MutationObserver || !this.doc.body) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new View.MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (signal.aborted) return;
        this.anchorMissing(signal);
        this.retries--;
        const done = this.retries <= 0 || [...this.wanted.keys()].every((id) => this.shown.has(id));
        if (done) stop();
      }, LATE_SETTLE_MS);
    });
    const stop = () => {
      clearTimeout(timer);
      observer.disconnect();
      if (this.observer === observer) this.observer = null;
    };
    if ([...this.wanted.keys()].every((id) => this.shown.has(id))) return;
    this.observer = observer;
    observer.observe(this.doc.body, { childList: true, subtree: true, characterData: true });
    signal.addEventListener('abort', stop, { once: true });
  }

  /** Takes every highlight, the popover and every listener out. */
  stop(): void {
    this.wanted = new Map();
    this.close(false);
    this.listening?.abort();
    this.listening = null;
    this.highlighter.removeAll();
    this.shown.clear();
  }

  private drop(id: string) {
    if (this.openId === id) this.close(false);
    this.highlighter.remove(id);
    this.shown.delete(id);
  }

  private decorate(shown: Shown, signal: AbortSignal) {
    const id = shown.snippet.id;
    const [first] = shown.marks;
    if (first) {
      first.tabIndex = 0;
      first.setAttribute('role', 'button');
      first.setAttribute('aria-haspopup', 'dialog');
      first.setAttribute('aria-expanded', 'false');
      this.label(shown);
      first.addEventListener(
        'keydown',
        (event) => {
          if (event.key !== 'Enter' && event.key !== ' ') return;
          event.preventDefault();
          this.open(id, first);
        },
        { signal },
      );
    }
    for (const mark of shown.marks) {
      mark.addEventListener(
        'click',
        (event) => {
          // A highlight inside a link opens its note, not the link.
          event.preventDefault();
          event.stopPropagation();
          this.open(id, first ?? mark);
        },
        { signal },
      );
    }
  }

  private label({ snippet, marks }: Shown) {
    marks[0]?.setAttribute(
      'aria-description',
      t('highlights_description', { title: snippet.title }),
    );
  }

  private listen(): AbortController {
    // The document's own: listeners take only a signal of their window (jsdom's, in tests).
    const View = this.doc.defaultView as (Window & typeof globalThis) | null;
    const controller = new (View?.AbortController ?? AbortController)();
    const { signal } = controller;
    // Capture phase: a page that stops its events from bubbling still closes the popover.
    this.doc.addEventListener(
      'pointerdown',
      (event) => {
        if (!this.popover.shown || this.popover.holds(event)) return;
        const target = event.target as Element | null;
        if (target?.closest?.(HIGHLIGHT_TAG)) return; // its click opens or keeps a note
        this.close(false);
      },
      { capture: true, signal },
    );
    this.doc.addEventListener(
      'keydown',
      (event) => {
        if (event.key !== 'Escape' || !this.popover.shown) return;
        event.stopPropagation();
        this.close(true);
      },
      { capture: true, signal },
    );
    return controller;
  }

  private open(id: string, opener: HTMLElement) {
    if (this.openId !== id) this.close(false);
    this.openId = id;
    this.opener = opener;
    opener.setAttribute('aria-expanded', 'true');
    this.popover.place(opener);
    this.redraw();
    const dialog = this.popover.mount.querySelector<HTMLElement>('[role="dialog"]');
    dialog?.focus({ preventScroll: true });
  }

  private redraw() {
    const shown = this.openId === null ? undefined : this.shown.get(this.openId);
    if (!shown) return;
    this.view.draw(this.popover.mount, shown.snippet, () => this.close(true));
  }

  private close(refocus: boolean) {
    if (this.openId === null) return;
    const opener = this.opener;
    this.openId = null;
    this.opener = null;
    this.view.clear(this.popover.mount);
    this.popover.hide();
    opener?.setAttribute('aria-expanded', 'false');
    if (refocus && opener?.isConnected) opener.focus({ preventScroll: true });
  }
}
