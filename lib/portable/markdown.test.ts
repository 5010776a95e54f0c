import { strFromU8, unzipSync } from 'fflate';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { idFor, sampleItem } from '../../test/support/items';
import { Item, itemKinds, type ItemKind } from '../wire';
import { markdownFiles, markdownZip } from './markdown';

const HOSTILE_TITLES = [
  'He said "hi": C:\\temp\\x',
  'key: value # not a comment',
  '---',
  '# Heading',
  'line one\nline two\r\nthree',
  'Party 🎉 family 👩‍👩‍👧 flag 🇫🇷',
  'שלום عليكم \u202Etxt.exe',
  '...',
  'CON',
  'nul.txt',
  'control \u0000\u0007\u001b\u007f\u0085\u2028\u2029\ufeff end',
  '  .hidden and trailing dots...',
  'yes',
  'null',
  '',
  '[[wiki|link]] ^block #tag',
  'a/b\\c:d*e?f"g<h>i|j',
  'x'.repeat(1000),
  '漢'.repeat(300),
  '🎉'.repeat(200),
];

const HOSTILE_TAGS = ['yes', 'null', '- x', '[a]', '{b}', '~', '1e3', '#x', 'a: b', "'q'", '"dq"'];

const iso = (ms: number) => new Date(ms).toISOString();

/** What a vault should read from an item's front matter, built apart from the code under test. */
function expectedFrontMatter(item: Item): Record<string, unknown> {
  const url = item.url ?? item.canonicalUrl;
  return {
    title: item.title,
    kind: item.kind,
    ...(url === null ? {} : { url }),
    tags: item.tags,
    ...(item.author === null ? {} : { author: item.author }),
    created: iso(item.createdAt),
    updated: iso(item.updatedAt),
    ...(item.kind === 'tip' || item.kind === 'question' ? { 'applies-to': item.appliesTo } : {}),
    ...(item.kind === 'stance' ? { subject: item.subject, position: item.position } : {}),
    id: item.id,
  };
}

function split(text: string): { frontMatter: string; body: string } {
  expect(text.startsWith('---\n')).toBe(true);
  const end = text.indexOf('\n---\n', 3);
  expect(end).toBeGreaterThan(0);
  // A blank line between the front matter and the body, as vaults write it.
  expect(text.slice(end + 5, end + 6)).toBe('\n');
  return { frontMatter: text.slice(4, end + 1), body: text.slice(end + 6) };
}

let made = 0;
/** A valid item, created after the one before (same-millisecond ids would sort at random). */
function item(kind: ItemKind, values: Record<string, unknown> = {}): Item {
  made += 1;
  const createdAt = Date.UTC(2026, 0, 1) + made * 1000;
  return Item.parse(
    sampleItem(kind, {
      id: idFor(made),
      community: 'c1',
      createdAt,
      updatedAt: createdAt + 1,
      ...values,
    }),
  );
}

const fileOf = (items: Item[], target: Item) => {
  const files = markdownFiles(items);
  const live = items.filter((i) => i.deletedAt === null).sort((a, b) => a.createdAt - b.createdAt);
  const file = files[live.indexOf(target)];
  if (!file) throw new Error('no file for the item');
  return file;
};

const html = (markdown: string) => marked.parse(markdown, { async: false });

describe('Markdown front matter', () => {
  const items = [
    ...HOSTILE_TITLES.map((title, i) =>
      item(itemKinds[i % itemKinds.length] ?? 'tip', {
        title,
        tags: HOSTILE_TAGS,
        author: 'Zoë "Z" O\'Neil: #1',
        url: 'https://example.com/a?b=c#d',
      }),
    ),
    item('tip', { tags: [], appliesTo: ['*.example.com/*', 'tool:jira', '- dash'] }),
    item('question', { appliesTo: [], author: null }),
    item('stance', { subject: 'tool:jira', position: 'hold', url: null, canonicalUrl: null }),
    item('page', { url: null, canonicalUrl: 'https://example.com/canonical', createdAt: 0 }),
  ];

  it('reads back every field exactly, in YAML 1.2 and in YAML 1.1 (yes, null: still strings)', () => {
    const files = markdownFiles(items);
    expect(files).toHaveLength(items.length);
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const file of files) {
      const { frontMatter } = split(file.text);
      for (const version of ['1.2', '1.1'] as const) {
        const read = parse(frontMatter, { version }) as Record<string, unknown>;
        const original = byId.get(read.id as string);
        expect(original, file.name).toBeDefined();
        expect(read).toEqual(expectedFrontMatter(original as Item));
      }
    }
  });

  it('writes every string double-quoted on one line, and an empty list as []', () => {
    const [file] = markdownFiles([item('tip', { title: 'a\nb', tags: [], appliesTo: [] })]);
    const { frontMatter } = split(file?.text ?? '');
    expect(frontMatter).toContain('title: "a\\nb"\n');
    expect(frontMatter).toContain('tags: []\n');
    expect(frontMatter).toContain('applies-to: []\n');
    for (const line of frontMatter.trimEnd().split('\n')) {
      expect(line).toMatch(/^([a-z-]+: (".*"|\[\])|[a-z-]+:| {2}- ".*")$/);
    }
  });

  it('keeps a note with --- out of the front matter', () => {
    const tip = item('tip', { note: 'before\n---\ntitle: "forged"\n---\nafter' });
    const { frontMatter, body } = split(fileOf([tip], tip).text);
    expect(parse(frontMatter)).toEqual(expectedFrontMatter(tip));
    expect(body).toContain('\\---');
    expect(html(body)).not.toMatch(/<hr|<h2>before/);
  });
});

describe('Markdown bodies', () => {
  it('gives a page its article Markdown, or its excerpt as text when it was kept as a link', () => {
    const article = item('page', { markdown: '# Article\n\nText *here*.' });
    const link = item('page', { markdown: '', excerpt: '*Not* <b>bold</b> #tag' });
    expect(split(fileOf([article], article).text).body).toBe('# Article\n\nText *here*.\n');
    const body = split(fileOf([link], link).text).body;
    expect(html(body)).toBe('<p>*Not* &lt;b&gt;bold&lt;/b&gt; #tag</p>\n');
  });

  it('quotes a snippet line by line, then names its source', () => {
    const snippet = item('snippet', {
      quote: 'First line\n\n# not a heading\n> not nested\n- not a list\n1. nor this',
      sourceTitle: 'Source [with] brackets',
      url: 'https://example.com/a (b)',
    });
    const body = split(fileOf([snippet], snippet).text)
      .body.trimEnd()
      .split('\n');
    const source = body.pop();
    expect(body.pop()).toBe('');
    expect(body).toHaveLength(6);
    for (const line of body) expect(line.startsWith('> ')).toBe(true);
    expect(source).toBe('— [Source \\[with\\] brackets](https://example.com/a%20%28b%29)');
    const rendered = html(body.join('\n'));
    expect(rendered.match(/<blockquote>/g)).toHaveLength(1);
    expect(rendered).not.toMatch(/<h1|<ul|<ol|<blockquote>\s*<blockquote/);
  });

  it('gives a tip its Markdown body and its note as text', () => {
    const tip = item('tip', { body: 'Use `set -e`.', note: 'Ask *Ana* first' });
    const body = split(fileOf([tip], tip).text).body;
    expect(body).toBe('Use `set -e`.\n\n## Note\n\nAsk \\*Ana\\* first\n');
  });

  it('gives a question its details', () => {
    const question = item('question', { details: 'How do we **roll back**?' });
    expect(split(fileOf([question], question).text).body).toBe('How do we **roll back**?\n');
  });

  it('lists a path’s steps as wikilinks to their files, with their notes', () => {
    const first = item('tip', { title: 'Rebase: the basics' });
    const second = item('page', { title: 'rebase  the basics' });
    const path = item('path', {
      steps: [
        { itemId: first.id, note: 'Start\nhere' },
        { itemId: second.id, note: '' },
        { itemId: sampleItem('tip').id, note: 'gone' },
      ],
    });
    const items = [first, second, path];
    const names = markdownFiles(items).map((f) => f.name);
    expect(names).toEqual([
      'tips/Rebase the basics.md',
      'pages/rebase the basics (2).md',
      'paths/A path.md',
    ]);
    expect(split(fileOf(items, path).text).body).toBe(
      '1. [[Rebase the basics]] — Start here\n' +
        '2. [[rebase the basics (2)]]\n' +
        '3. An item that is not in this export — gone\n',
    );
  });

  it('gives a stance its position, subject and reason', () => {
    const stance = item('stance', { subject: 'tool:jira', position: 'trial', reason: 'Try it.' });
    expect(split(fileOf([stance], stance).text).body).toBe(
      '- Position: Trial\n- Subject: Jira (tool:jira)\n\nTry it.\n',
    );
  });
});

describe('Markdown file names', () => {
  const items = HOSTILE_TITLES.map((title) => item('tip', { title }));
  const names = markdownFiles(items).map((f) => f.name);
  const base = (name: string) => name.slice(name.indexOf('/') + 1);

  it('are safe on Windows, macOS, Linux and in vaults', () => {
    for (const name of names.map(base)) {
      expect(name.endsWith('.md'), name).toBe(true);
      // eslint-disable-next-line no-control-regex
      expect(name).not.toMatch(/[/\\:*?"<>|#^[\]\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(name).not.toMatch(/^[. ]|[. ]\.md$/);
      expect(name).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)\s*(\.|$)/i);
      expect(name.length).toBeLessThanOrEqual(100);
      expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(255);
      // Cut between characters, never inside one.
      expect(name).not.toMatch(
        /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
      );
    }
  });

  it('read like their titles', () => {
    expect(names.map(base)).toEqual(
      expect.arrayContaining([
        'He said hi C temp x.md',
        '---.md',
        'Heading.md',
        'line one line two three.md',
        'control end.md',
        'Untitled tip (2).md',
        'a b c d e f g h i j.md',
        'Party 🎉 family 👩‍👩‍👧 flag 🇫🇷.md',
        'שלום عليكم txt.exe.md',
        'Untitled tip.md',
        'CON_.md',
        'nul_.txt.md',
        'hidden and trailing dots.md',
        'wiki link block tag.md',
        `${'x'.repeat(96)}.md`,
        `${'漢'.repeat(83)}.md`,
        `${'🎉'.repeat(48)}.md`,
      ]),
    );
  });

  it('are unique ignoring case, numbered in creation order', () => {
    const same = ['Git', 'git', 'GIT', 'Git (2)'].map((title) => item('tip', { title }));
    expect(markdownFiles(same.toReversed()).map((f) => f.name)).toEqual([
      'tips/Git.md',
      'tips/git (2).md',
      'tips/GIT (3).md',
      'tips/Git (2) (2).md',
    ]);
    const lower = names.map((n) => base(n).toLowerCase());
    expect(new Set(lower).size).toBe(names.length);
  });

  it('stay unique for thousands of untitled items, across kinds and folders', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      item(i % 2 ? 'tip' : 'page', { title: '' }),
    );
    const all = markdownFiles(many).map((f) => base(f.name).toLowerCase());
    expect(new Set(all).size).toBe(3000);
    expect(all).toContain('untitled tip (1500).md');
  });
});

describe('Markdown export', () => {
  it('leaves deleted items out', () => {
    const kept = item('tip', { title: 'Kept' });
    const files = markdownFiles([kept, item('tip', { title: 'Gone', deletedAt: 5 })]);
    expect(files.map((f) => f.name)).toEqual(['tips/Kept.md']);
  });

  it('zips exactly the files, one folder per kind', () => {
    const items = itemKinds.map((kind, i) => item(kind, { title: HOSTILE_TITLES[i] }));
    const files = markdownFiles(items);
    const unzipped = unzipSync(markdownZip(items));
    expect(Object.keys(unzipped).sort()).toEqual(files.map((f) => f.name).sort());
    for (const file of files) expect(strFromU8(unzipped[file.name] as Uint8Array)).toBe(file.text);
    expect(new Set(files.map((f) => f.name.split('/')[0]))).toEqual(
      new Set(['pages', 'snippets', 'tips', 'questions', 'paths', 'stances']),
    );
  });
});
