import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from './extract-article';

const URL = 'https://app.example/board?view=2#top';

function extract(body: string, head = '') {
  const dom = new JSDOM(
    `<!doctype html><html><head><title>Board</title>${head}</head><body>${body}</body></html>`,
    {
      url: URL,
    },
  );
  return extractArticle(
    dom.window.document,
    URL,
    dom.window as unknown as Window & typeof globalThis,
  );
}

const prose =
  'Rebasing rewrites history, so keep a backup branch before you start. When the rebase goes wrong, reset to the backup and try again with smaller steps. ';

describe('a page with no article', () => {
  it.each([
    ['only navigation links', '<nav><a href="/">Home</a> <a href="/a">About</a></nav>'],
    [
      'navigation text without links',
      '<header><h1>Acme</h1><p>Signed in as Ana. Workspace settings and billing.</p></header><nav><ul><li>Projects</li><li>Boards</li><li>Reports</li></ul></nav><footer><p>© Acme Inc. All rights reserved. Terms and privacy.</p></footer>',
    ],
    [
      'a menu and a sidebar',
      '<div role="navigation"><p>Dashboards, saved filters and recent issues you viewed this week.</p></div><aside><p>Tips for using the board effectively with your whole team.</p></aside>',
    ],
    [
      'a list of links',
      `<div>${Array.from({ length: 30 }, (_, i) => `<p><a href="/p/${i}">Project number ${i} of the team</a></p>`).join('')}</div>`,
    ],
    ['nothing', ''],
  ])('is refused: %s, and offered as a link', (_, body) => {
    expect(extract(body, '<meta name="description" content=" The team board. ">')).toEqual({
      failure: 'no-article',
      link: {
        url: URL,
        canonicalUrl: 'https://app.example/board?view=2',
        title: 'Board',
        excerpt: 'The team board.',
      },
    });
  });

  it('is still an article when navigation surrounds it', () => {
    const result = extract(
      `<header><nav><a href="/">Home</a> <a href="/blog">Blog</a></nav></header><main><article><h1>Backups first</h1><p>${prose.repeat(3)}</p><p>${prose}</p></article></main><footer><a href="/terms">Terms</a></footer>`,
    );
    expect(result).toMatchObject({
      title: 'Board',
      text: expect.stringContaining('backup branch'),
    });
  });

  it('takes the og:description when there is no description', () => {
    const result = extract(
      '<nav><a href="/">Home</a></nav>',
      '<meta property="og:description" content="Og text">',
    );
    expect(result).toMatchObject({ link: { excerpt: 'Og text' } });
  });
});
