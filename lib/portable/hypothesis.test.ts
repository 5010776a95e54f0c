import { describe, expect, it } from 'vitest';
import { parseHypothesis } from './hypothesis';

/** An annotation as Hypothesis's API and its export write it, extra fields and all. */
function annotation(values: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'Zx8q2Jm9Ee6rPq-8r3bF1A',
    created: '2024-05-14T09:12:33.412345+00:00',
    updated: '2024-05-14T09:15:02.000001+00:00',
    user: 'acct:ana@hypothes.is',
    uri: 'https://blog.example.com/rollbacks',
    text: 'The **one** step people skip.',
    tags: ['ops', ' rollback ', 'ops', ''],
    group: '__world__',
    permissions: {
      read: ['group:__world__'],
      admin: ['acct:ana@hypothes.is'],
      update: ['acct:ana@hypothes.is'],
      delete: ['acct:ana@hypothes.is'],
    },
    target: [
      {
        source: 'https://blog.example.com/rollbacks',
        selector: [
          {
            type: 'RangeSelector',
            endOffset: 57,
            startOffset: 0,
            endContainer: '/main[1]/article[1]/p[4]',
            startContainer: '/main[1]/article[1]/p[4]',
          },
          { type: 'TextPositionSelector', start: 2034, end: 2091 },
          {
            type: 'TextQuoteSelector',
            exact: 'Always keep the previous release one command away.',
            prefix: 'before anything else.\n',
            suffix: '\nThe second rule',
          },
        ],
      },
    ],
    document: { title: ['Rollbacks without fear'] },
    links: {
      html: 'https://hypothes.is/a/Zx8q2Jm9Ee6rPq-8r3bF1A',
      incontext: 'https://hyp.is/Zx8q2Jm9Ee6rPq-8r3bF1A/blog.example.com/rollbacks',
      json: 'https://hypothes.is/api/annotations/Zx8q2Jm9Ee6rPq-8r3bF1A',
    },
    user_info: { display_name: 'Ana' },
    flagged: false,
    hidden: false,
    ...values,
  };
}

const pageNote = annotation({
  uri: 'https://docs.example.org/runbook',
  text: 'Our runbook, kept current by the platform team.',
  tags: [],
  target: [{ source: 'https://docs.example.org/runbook' }],
  document: { title: ['Runbook · Example Docs'] },
});

const reply = annotation({
  text: 'Agreed, we learnt this the hard way.',
  references: ['Zx8q2Jm9Ee6rPq-8r3bF1A'],
  target: [{ source: 'https://blog.example.com/rollbacks' }],
});

const pdf = annotation({
  uri: 'urn:x-pdf:6b1e0c8f4a0d4e1b9f1d2c3b4a5e6f70',
  document: { title: ['Quarterly report.pdf'] },
});

/** The client's own export file. */
const exportFile = (annotations: unknown[]) =>
  JSON.stringify({
    export_date: '2024-06-01T10:00:00.000Z',
    export_userid: 'acct:ana@hypothes.is',
    client_version: '1.1464.0',
    annotations,
  });

describe('a Hypothesis export', () => {
  it('reads a highlight as a snippet, with its quote, position, note, tags and date', () => {
    expect(parseHypothesis(exportFile([annotation()]))).toEqual({
      candidates: [
        {
          kind: 'snippet',
          url: 'https://blog.example.com/rollbacks',
          sourceTitle: 'Rollbacks without fear',
          exact: 'Always keep the previous release one command away.',
          prefix: 'before anything else.\n',
          suffix: '\nThe second rule',
          position: { start: 2034, end: 2091 },
          tags: ['ops', 'rollback'],
          note: 'The **one** step people skip.',
          createdAt: Date.UTC(2024, 4, 14, 9, 12, 33, 412),
        },
      ],
      refused: [],
    });
  });

  it('reads a page note as a link', () => {
    expect(parseHypothesis(exportFile([pageNote])).candidates).toEqual([
      {
        kind: 'link',
        url: 'https://docs.example.org/runbook',
        title: 'Runbook · Example Docs',
        tags: [],
        note: 'Our runbook, kept current by the platform team.',
        createdAt: Date.UTC(2024, 4, 14, 9, 12, 33, 412),
      },
    ]);
  });

  it('refuses replies and pages that are not on the web, saying why', () => {
    expect(parseHypothesis(exportFile([reply, pdf, annotation()]))).toEqual({
      candidates: [expect.objectContaining({ kind: 'snippet' })],
      refused: [
        {
          what: '“Agreed, we learnt this the hard way.” on Rollbacks without fear',
          why: 'A reply to another annotation: replies are not imported.',
        },
        {
          what: '“Always keep the previous release one command away.” on Quarterly report.pdf',
          why: 'Not a web page (urn:x-pdf:6b1e0c8f4a0d4e1b9f1d2c3b4a5e6…): only http and https pages are imported.',
        },
      ],
    });
    const local = annotation({ uri: 'file:///home/ana/notes.html', target: [] });
    expect(parseHypothesis(exportFile([local])).refused[0]?.why).toBe(
      'Not a web page (file:///home/ana/notes.html): only http and https pages are imported.',
    );
    const script = annotation({ uri: 'javascript:alert(1)' });
    expect(parseHypothesis(exportFile([script])).candidates).toEqual([]);
  });

  it('reads the API’s search results (rows) and a bare array alike', () => {
    const expected = parseHypothesis(exportFile([annotation(), pageNote]));
    expect(expected.candidates).toHaveLength(2);
    expect(parseHypothesis(JSON.stringify({ total: 2, rows: [annotation(), pageNote] }))).toEqual(
      expected,
    );
    expect(parseHypothesis(JSON.stringify([annotation(), pageNote]))).toEqual(expected);
    expect(parseHypothesis(`\uFEFF${exportFile([])}`)).toEqual({ candidates: [], refused: [] });
  });

  it('takes what it can from an annotation with missing or unknown parts', () => {
    const sparse = {
      uri: 'https://example.com/a',
      target: [
        {
          source: 'https://example.com/a',
          selector: [
            { type: 'EPUBContentSelector', url: 'ch1.xhtml' },
            { type: 'TextPositionSelector', start: 9, end: 3 },
            { type: 'TextQuoteSelector', exact: 'only the quote' },
          ],
        },
      ],
    };
    expect(parseHypothesis(JSON.stringify([sparse])).candidates).toEqual([
      {
        kind: 'snippet',
        url: 'https://example.com/a',
        sourceTitle: 'https://example.com/a',
        exact: 'only the quote',
        prefix: '',
        suffix: '',
        position: null,
        tags: [],
        note: '',
        createdAt: null,
      },
    ]);
    // The client's types give the title as a string, the API as a list: both are read.
    const titled = annotation({ document: { title: 'A plain title' }, created: 'yesterday' });
    expect(parseHypothesis(exportFile([titled])).candidates[0]).toMatchObject({
      sourceTitle: 'A plain title',
      createdAt: null,
    });
  });

  it('refuses one unreadable entry and keeps the rest', () => {
    const broken = annotation({ tags: 'ops' });
    expect(parseHypothesis(exportFile([broken, pageNote]))).toEqual({
      candidates: [expect.objectContaining({ kind: 'link' })],
      refused: [
        {
          what: 'https://blog.example.com/rollbacks',
          why: expect.stringMatching(/^Not an annotation as Hypothesis writes it/),
        },
      ],
    });
  });
});

describe('a file that is not a Hypothesis export', () => {
  const cases: [string, string, RegExp][] = [
    ['not JSON', '<!DOCTYPE NETSCAPE-Bookmark-file-1>', /it is not JSON\./],
    ['cut short', exportFile([annotation()]).slice(0, 200), /it is not JSON\./],
    ['JSON of another shape', JSON.stringify({ bookmarks: [] }), /it has no list of annotations\./],
    ['a bare string', JSON.stringify('annotations'), /it has no list of annotations\./],
    [
      'a list of something else',
      JSON.stringify([{ title: 'a bookmark', link: 'https://example.com/' }]),
      /none of its entries is an annotation with a page address\./,
    ],
  ];

  it.each(cases)('says so and what to do: %s', (_, text, what) => {
    expect(() => parseHypothesis(text)).toThrow(/^This file is not a Hypothesis export: /);
    expect(() => parseHypothesis(text)).toThrow(what);
    expect(() => parseHypothesis(text)).toThrow(
      /Export your annotations from Hypothesis \(.+\) and choose that file\.$/,
    );
  });
});
