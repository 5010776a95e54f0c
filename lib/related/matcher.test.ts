import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Item, SnippetItem } from '../wire';
import { LinearScan } from './linear-scan';
import { RelatedIndex } from './matcher';
import { idFor, page, tip } from '../../test/support/items';
import { whyShown } from './rules';
import { item, itemFrom, url } from '../../test/support/related-arbitraries';

const [A, B, C] = [idFor(1), idFor(2), idFor(3)];

const ids = (index: RelatedIndex, url: string) => index.match(url).map((m) => m.itemId);

describe('RelatedIndex.match', () => {
  it('finds tips by pattern and says which pattern matched', () => {
    const index = new RelatedIndex([
      tip(A, ['github.com/our-org/*']),
      tip(B, ['*.example.com']),
      tip(C, ['https://wiki.corp/x']),
    ]);
    expect(index.match('https://github.com/our-org/api/pull/3')).toEqual([
      { itemId: A, reason: { kind: 'pattern', pattern: 'github.com/our-org/*' } },
    ]);
    expect(ids(index, 'https://github.com/other-org/api')).toEqual([]);
    expect(ids(index, 'https://deep.sub.example.com/')).toEqual([B]);
    expect(ids(index, 'https://wiki.corp/x/')).toEqual([C]);
    expect(ids(index, 'https://wiki.corp/y')).toEqual([]);
  });

  it('finds tips by tool:<id>, naming the tool and its pattern', () => {
    const index = new RelatedIndex([tip(A, ['tool:jira']), tip(B, ['tool:github'])]);
    expect(index.match('https://acme.atlassian.net/browse/OPS-1')).toEqual([
      {
        itemId: A,
        reason: { kind: 'tool', tool: 'jira', pattern: '*://*.atlassian.net/browse/*' },
      },
    ]);
    expect(ids(index, 'https://github.com/acme')).toEqual([B]);
  });

  it('says why each item is shown, in one line', () => {
    const index = new RelatedIndex([
      tip(A, ['tool:jira']),
      tip(B, ['acme.atlassian.net/browse/*']),
      page(C, 'https://acme.atlassian.net/browse/OPS-1'),
    ]);
    expect(
      index.match('https://acme.atlassian.net/browse/OPS-1').map((m) => whyShown(m.reason)),
    ).toEqual([
      'Clipped from this page (https://acme.atlassian.net/browse/OPS-1)',
      'Applies to acme.atlassian.net/browse/*',
      'Applies to Jira (*://*.atlassian.net/browse/*)',
    ]);
  });

  it('uses the tip’s tool field only when appliesTo names no place', () => {
    const index = new RelatedIndex([
      tip(A, [], { tool: 'Jira' }),
      tip(B, ['acme.atlassian.net/browse/OPS-*'], { tool: 'Jira' }),
      tip(C, [], { tool: 'Our homegrown wiki' }),
    ]);
    expect(ids(index, 'https://other.atlassian.net/browse/WEB-9')).toEqual([A]);
    expect(ids(index, 'https://acme.atlassian.net/browse/OPS-1')).toEqual([B, A]);
    expect(index.size).toBe(2);
  });

  it('relates clipped pages and snippets to their own URL', () => {
    const snippet: SnippetItem = {
      ...page(B, 'https://blog.example.org/post?id=7&utm_source=x'),
      kind: 'snippet',
      quote: 'q',
      truncated: false,
      selectors: [
        { type: 'TextQuoteSelector', exact: 'q', prefix: '', suffix: '' },
        { type: 'TextPositionSelector', start: 0, end: 1 },
      ],
      sourceTitle: '',
    };
    const index = new RelatedIndex([
      page(A, 'https://m.example.org/a?ref=1', 'https://example.org/a/'),
      snippet,
      page(C, null),
    ]);
    expect(index.match('http://example.org/a#comments')).toEqual([
      { itemId: A, reason: { kind: 'same-page', pattern: 'https://example.org/a/' } },
    ]);
    expect(ids(index, 'https://m.example.org/a?ref=1')).toEqual([A]);
    expect(ids(index, 'https://blog.example.org/post/?id=7')).toEqual([B]);
    expect(ids(index, 'https://blog.example.org/post?id=8')).toEqual([]);
  });

  it('lists each item once, newest first, with its most specific reason', () => {
    const index = new RelatedIndex([
      tip(A, ['tool:github', 'github.com/acme/*', '*://github.com/acme/*']),
      tip(C, ['github.com']),
      tip(B, ['*://github.com/*']),
    ]);
    expect(index.match('https://github.com/acme/api')).toEqual([
      { itemId: C, reason: { kind: 'pattern', pattern: 'github.com' } },
      { itemId: B, reason: { kind: 'pattern', pattern: '*://github.com/*' } },
      { itemId: A, reason: { kind: 'pattern', pattern: 'github.com/acme/*' } },
    ]);
  });

  it('orders by creation time, and by id only between items created at the same moment', () => {
    const index = new RelatedIndex([
      tip(A, ['x.org'], { createdAt: 50 }),
      tip(B, ['x.org'], { createdAt: 10 }),
      tip(C, ['x.org'], { createdAt: 10 }),
    ]);
    expect(ids(index, 'https://x.org/')).toEqual([A, C, B]);
  });

  it('follows SPA route and hash changes: the same call on each new URL', () => {
    const index = new RelatedIndex([
      tip(A, ['app.example.com/projects/*']),
      tip(B, ['app.example.com/#/settings/*']),
    ]);
    const route = [
      'https://app.example.com/projects/1',
      'https://app.example.com/inbox',
      'https://app.example.com/#/settings/profile',
      'https://app.example.com/projects/2?tab=files#readme',
    ];
    expect(route.map((url) => ids(index, url))).toEqual([[A], [], [B], [A]]);
  });

  it('handles ports and IDN hosts', () => {
    const index = new RelatedIndex([
      tip(A, ['localhost:3000']),
      tip(B, ['*.bücher.example/buch/*']),
    ]);
    expect(ids(index, 'http://localhost:3000/dashboard')).toEqual([A]);
    expect(ids(index, 'http://localhost:8080/dashboard')).toEqual([]);
    expect(ids(index, 'https://shop.xn--bcher-kva.example/buch/42')).toEqual([B]);
    expect(ids(index, 'https://SHOP.Bücher.example/buch/')).toEqual([B]);
  });

  it.each([
    'chrome://extensions/',
    'about:blank',
    'file:///tmp/x.html',
    'view-source:https://github.com/',
    'not a url',
    '',
  ])('matches nothing on %j, and does not throw', (url) => {
    const index = new RelatedIndex([tip(A, ['github.com']), page(B, 'https://github.com/')]);
    expect(index.match(url)).toEqual([]);
  });
});

describe('RelatedIndex with broken input', () => {
  it('skips a broken pattern without affecting the tip’s other patterns or other tips', () => {
    const index = new RelatedIndex([
      tip(A, ['*://*/*', 'example.com', 'tool:nope']),
      tip(B, ['<all_urls>']),
      tip(C, ['*.example.com']),
    ]);
    expect(ids(index, 'https://example.com/')).toEqual([C, A]);
    expect(ids(index, 'https://anything.org/')).toEqual([]);
    expect(index.rejected().map((r) => [r.itemId, r.entry])).toEqual([
      [A, '*://*/*'],
      [A, 'tool:nope'],
      [B, '<all_urls>'],
    ]);
    expect(index.rejected()[0]?.message).toMatch(/every website/);
  });

  it('ignores a page whose URL cannot be read', () => {
    const index = new RelatedIndex([page(A, 'not a url', 'chrome://newtab/'), tip(B, ['x.org'])]);
    expect(ids(index, 'https://x.org/')).toEqual([B]);
    expect(index.size).toBe(1);
  });
});

describe('RelatedIndex updates', () => {
  it('replaces an item on upsert and drops it on delete or tombstone', () => {
    const index = new RelatedIndex([tip(A, ['github.com/acme/*']), tip(B, ['github.com/acme/*'])]);
    index.upsert([tip(A, ['gitlab.com/acme/*'])]);
    expect(ids(index, 'https://github.com/acme/x')).toEqual([B]);
    expect(ids(index, 'https://gitlab.com/acme/x')).toEqual([A]);

    index.remove([B]);
    expect(ids(index, 'https://github.com/acme/x')).toEqual([]);

    index.upsert([tip(A, ['gitlab.com/acme/*'], { deletedAt: 5 })]);
    expect(ids(index, 'https://gitlab.com/acme/x')).toEqual([]);
    expect(index.size).toBe(0);

    index.upsert([tip(B, ['github.com/acme/*'])]);
    expect(ids(index, 'https://github.com/acme/x')).toEqual([B]);
    index.remove([A, C]);
    expect(ids(index, 'https://github.com/acme/x')).toEqual([B]);
  });

  it('keeps each tip’s own spelling when two tips share a pattern', () => {
    const index = new RelatedIndex([tip(A, ['GitHub.com/acme/']), tip(B, ['*://github.com/acme'])]);
    expect(index.match('https://github.com/acme').map((m) => m.reason.pattern)).toEqual([
      '*://github.com/acme',
      'GitHub.com/acme/',
    ]);
    index.remove([B]);
    expect(ids(index, 'https://github.com/acme')).toEqual([A]);
  });
});

describe('RelatedIndex filters', () => {
  const index = new RelatedIndex([
    tip(A, ['*.example.com'], { community: 'ops' }),
    tip(B, ['*.example.com'], { community: 'design' }),
    tip(C, ['tool:github'], { community: 'ops' }),
  ]);
  const url = 'https://app.example.com/x';

  it('mutes a site and its subdomains', () => {
    expect(index.match(url, { mutedHosts: new Set(['app.example.com']) })).toEqual([]);
    expect(index.match(url, { mutedHosts: new Set(['example.com']) })).toEqual([]);
    expect(index.match(url, { mutedHosts: new Set(['other.example.com']) })).toHaveLength(2);
  });

  it('mutes single tips and switched-off communities', () => {
    expect(index.match(url, { mutedItems: new Set([A]) }).map((m) => m.itemId)).toEqual([B]);
    const off = { disabledCommunities: new Set(['ops']) };
    expect(index.match(url, off).map((m) => m.itemId)).toEqual([B]);
    expect(index.match('https://github.com/', off)).toEqual([]);
  });
});

describe('RelatedIndex agrees with a linear scan over every rule', () => {
  it('for random tips, pages, URLs, removals and filters', () => {
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 25 }),
        fc.array(url, { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.record({
          mutedHosts: fc.constantFrom(new Set<string>(), new Set(['example.com'])),
          disabledCommunities: fc.constantFrom(new Set<string>(), new Set(['c2'])),
        }),
        (specs, urls, removals, filter) => {
          const items: Item[] = specs.map(itemFrom);
          const index = new RelatedIndex(items);
          const removed = new Set(removals.map((n) => idFor(n % Math.max(1, items.length))));
          index.remove(removed);
          // Re-adding a copy exercises replacement as well as removal.
          index.upsert(items.slice(0, 3).filter((i) => !removed.has(i.id)));
          const linear = new LinearScan(items.filter((i) => !removed.has(i.id)));
          for (const u of urls) expect(index.match(u, filter)).toEqual(linear.match(u, filter));
        },
      ),
      { numRuns: 300 },
    );
  });
});
