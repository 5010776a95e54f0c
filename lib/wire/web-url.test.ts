import { describe, expect, it } from 'vitest';
import { sampleItem } from '../../test/support/items';
import { xssPayloads } from '../../test/fixtures/xss-payloads';
import { Item, ReceivedItem } from './schemas';
import { isWebUrl, webUrlOrNull } from './web-url';

const hostile = xssPayloads((n) => `https://beacon.example/${n}`).filter((p) => p.kind === 'url');

describe('links an item may carry', () => {
  it('are absolute http(s) URLs, as the browser parses them', () => {
    expect(isWebUrl('https://example.com/a?b#c')).toBe(true);
    expect(isWebUrl('HTTP://EXAMPLE.COM')).toBe(true);
    for (const p of hostile) expect(isWebUrl(p.value), `#${p.id} ${p.label}`).toBe(false);
    expect(webUrlOrNull('file:///home/me/notes.html')).toBeNull();
    expect(webUrlOrNull(null)).toBeNull();
  });

  it('are refused in items, field by field', () => {
    for (const field of ['url', 'canonicalUrl', 'leadImageUrl']) {
      const parsed = Item.safeParse(
        sampleItem('page', { community: 'c', [field]: hostile[0]!.value }),
      );
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual([field]);
    }
    expect(
      Item.safeParse(sampleItem('page', { community: 'c', url: 'https://ok.example/' })).success,
    ).toBe(true);
  });

  it('are dropped, not fatal, in items received from a server (data older than the rule)', () => {
    for (const p of hostile) {
      const item = sampleItem('page', {
        community: 'c',
        url: p.value,
        canonicalUrl: p.value,
        leadImageUrl: p.value,
      });
      const parsed = ReceivedItem.parse(item);
      expect(parsed).toMatchObject({ url: null, canonicalUrl: null, leadImageUrl: null });
    }
    const fine = sampleItem('snippet', { community: 'c', url: 'https://ok.example/' });
    expect(ReceivedItem.parse(fine)).toEqual(fine);
  });
});
