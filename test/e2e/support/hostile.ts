/**
 * What the hostile-content test needs in the browser: a loopback server that records every
 * beacon a payload would request and serves the pages it visits, a watch for CSP violations on
 * every page, and a walk of a page's rendered DOM (open shadow roots included).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';

export interface BeaconServer {
  origin: string;
  beacon(id: number | string): string;
  /** Beacon paths requested so far. */
  hits: string[];
  /** Serves `html` at `path`, with `csp` as its Content-Security-Policy if given. */
  page(path: string, html: string, csp?: string): void;
  close(): Promise<void>;
}

export async function startBeaconServer(): Promise<BeaconServer> {
  const pages = new Map<string, { html: string; csp?: string }>();
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // Any origin may call it (a payload would run in an extension page or a shadow root).
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (path.startsWith('/beacon/')) {
      hits.push(path);
      res.writeHead(204).end();
      return;
    }
    const page = pages.get(path);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      ...(page.csp ? { 'content-security-policy': page.csp } : {}),
    });
    res.end(page.html);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    beacon: (id) => `${origin}/beacon/${id}`,
    hits,
    page: (path, html, csp) => void pages.set(path, { html, csp }),
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

const VIOLATION = 'securitypolicyviolation:';

/**
 * Every `securitypolicyviolation` on pages of `context` that `watched` accepts (by URL), with its
 * page, directive and sample. The listener is registered before any page script runs.
 */
export async function watchViolations(
  context: BrowserContext,
  watched: (url: string) => boolean,
): Promise<string[]> {
  const seen: string[] = [];
  await context.addInitScript((prefix: string) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `${prefix} ${e.violatedDirective} ${e.sample} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  }, VIOLATION);
  context.on('console', (message) => {
    const url = message.page()?.url() ?? '';
    if (message.text().startsWith(VIOLATION) && watched(url))
      seen.push(`${url}: ${message.text()}`);
  });
  return seen;
}

/**
 * Event-handler attributes and links or sources that are not http(s), in `page`'s DOM and in
 * every open shadow root (the e2e build opens the in-page panel's). The extension page's own
 * scripts and styles outside the app, and its link to the library page, are left out.
 */
export function unsafeDom(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const URL_ATTRIBUTES = new Set([
      'href',
      'src',
      'xlink:href',
      'action',
      'formaction',
      'poster',
      'data',
      'background',
      'cite',
      'ping',
    ]);
    const out: string[] = [];
    const own = location.protocol === 'chrome-extension:' ? location.origin : null;
    const app = document.getElementById('app');
    const visit = (root: ParentNode) => {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.localName;
        const ownAsset = own !== null && (tag === 'script' || tag === 'link') && !app?.contains(el);
        for (const attr of el.attributes) {
          const name = attr.name.toLowerCase();
          if (name.startsWith('on')) out.push(`<${tag} ${name}="${attr.value}">`);
          if (name === 'srcset') out.push(`<${tag} srcset="${attr.value}">`);
          if (!URL_ATTRIBUTES.has(name)) continue;
          let protocol = '';
          try {
            protocol = new URL(attr.value, document.baseURI).protocol;
          } catch {
            protocol = 'unparsable';
          }
          const ownUrl = ownAsset && attr.value.startsWith('/');
          // Our own "Open library" link: made by our code, never from content (the sanitizer
          // keeps only http(s) links), and only to that one page.
          const ownPage =
            own !== null &&
            tag === 'a' &&
            /^\/library\.html(\?|$)/.test(attr.value.slice(own.length)) &&
            attr.value.startsWith(`${own}/`);
          if (protocol !== 'http:' && protocol !== 'https:' && !ownUrl && !ownPage)
            out.push(`<${tag} ${name}="${attr.value}">`);
        }
        if (el.shadowRoot) visit(el.shadowRoot);
        if (el instanceof HTMLTemplateElement) visit(el.content);
      }
    };
    visit(document);
    return out;
  });
}
