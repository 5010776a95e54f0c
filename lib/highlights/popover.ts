/**
 * The small popover a highlight opens: a host element outside `<body>` (so it is not page text,
 * and capture and anchoring never read it) holding a shadow root, closed outside tests, where
 * page styles cannot reach. What it shows is drawn by the caller (a Preact component).
 */
export const NOTE_HOST_TAG = 'repertoire-note';

export interface PopoverOptions {
  /** The popover's stylesheet (its tokens included). */
  css: string;
  /** Open shadow root: only the e2e build, so that tests can find what is inside by role. */
  open: boolean;
}

export class NotePopover {
  readonly host: HTMLElement;
  readonly mount: HTMLElement;

  constructor(
    private readonly doc: Document,
    { css, open }: PopoverOptions,
  ) {
    this.host = doc.createElement(NOTE_HOST_TAG);
    const root = this.host.attachShadow({ mode: open ? 'open' : 'closed' });
    adoptStyles(doc, root, css);
    this.mount = doc.createElement('div');
    this.mount.className = 'place';
    root.append(this.mount);
  }

  get shown(): boolean {
    return this.host.isConnected;
  }

  /** Shows the popover below `anchor` (above it when there is no room below). */
  place(anchor: Element): void {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    const view = this.doc.defaultView;
    const rect = anchor.getBoundingClientRect();
    const width = Math.min(340, (view?.innerWidth ?? 800) - 16);
    const left = Math.max(8, Math.min(rect.left, (view?.innerWidth ?? 800) - width - 8));
    const below = (view?.innerHeight ?? 600) - rect.bottom > 180 || rect.top < 180;
    const x = left + (view?.scrollX ?? 0);
    const y = (below ? rect.bottom + 6 : rect.top - 6) + (view?.scrollY ?? 0);
    // CSSOM, not a style attribute: a page's CSP (style-src) does not govern it.
    this.mount.style.setProperty('left', `${x}px`);
    this.mount.style.setProperty('top', `${y}px`);
    this.mount.style.setProperty('width', `${width}px`);
    this.mount.classList.toggle('above', !below);
  }

  hide(): void {
    this.host.remove();
  }

  /** Whether an event happened inside the popover (through its shadow root, too). */
  holds(event: Event): boolean {
    return event.composedPath().includes(this.host);
  }
}

/**
 * A constructed stylesheet: no `<style>` element for a page's CSP to refuse. Where a browser
 * will not adopt one from a content script, a `<style>` in the shadow root.
 */
function adoptStyles(doc: Document, root: ShadowRoot, css: string): void {
  try {
    const View = doc.defaultView as (Window & typeof globalThis) | null;
    if (!View) throw new Error('no window');
    const sheet = new View.CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = doc.createElement('style');
    style.textContent = css;
    root.append(style);
  }
}
