import { describe, expect, it } from 'vitest';
import { Item } from '../wire';
import {
  checkStanceDraft,
  checkTipDraft,
  pageItem,
  parseTags,
  pathItem,
  pathStepsProblem,
  stanceItem,
  tipItem,
} from './items';

const draft = { title: 'Use --autosquash', body: 'Fold fixups.', tags: '', appliesTo: '' };

describe('tip drafts', () => {
  it('parses tags typed with commas, spaces and hashes, once each', () => {
    expect(parseTags(' #Git, review  git,,#CI ')).toEqual(['git', 'review', 'ci']);
    expect(parseTags('')).toEqual([]);
  });

  it('accepts a complete draft and trims it', () => {
    expect(
      checkTipDraft({
        ...draft,
        title: '  T ',
        tags: 'a b',
        appliesTo: 'github.com\n\n  jira.example ',
      }),
    ).toEqual({
      ok: true,
      title: 'T',
      body: 'Fold fixups.',
      tags: ['a', 'b'],
      appliesTo: ['github.com', 'jira.example'],
      answers: [],
      reviewIntervalDays: null,
    });
  });

  it('takes an optional review interval in whole days, and says what is wrong with one', () => {
    const checked = checkTipDraft({ ...draft, reviewEvery: ' 30 ' });
    expect(checked.ok && checked.reviewIntervalDays).toBe(30);
    for (const wrong of ['0', '1.5', 'soon', '3651']) {
      const result = checkTipDraft({ ...draft, reviewEvery: wrong });
      expect(!result.ok && result.errors.reviewEvery).toMatch(
        /whole number of days from 1 to 3650/,
      );
    }
    const tip = tipItem(
      { ...draft, tags: [], appliesTo: [], url: null, reviewIntervalDays: 30 },
      {
        community: 'c',
        author: 'Ana',
        now: 1,
      },
    );
    expect(Item.parse(tip)).toMatchObject({ reviewIntervalDays: 30 });
    expect(
      tipItem(
        { ...draft, tags: [], appliesTo: [], url: null },
        { community: 'c', author: null, now: 1 },
      ),
    ).not.toHaveProperty('reviewIntervalDays');
  });

  it('says what is missing or too long, field by field', () => {
    const result = checkTipDraft({ title: ' ', body: '', tags: 'x'.repeat(65), appliesTo: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.title).toMatch(/title/);
    expect(result.errors.body).toMatch(/Write the tip/);
    expect(result.errors.tags).toMatch(/too long/);
    const huge = checkTipDraft({ ...draft, title: 'x'.repeat(1_000_001) });
    expect(!huge.ok && huge.errors.title).toMatch(/keep it under 1000/);
  });

  it('reports the first pattern the checker refuses, with the line', () => {
    const result = checkTipDraft({ ...draft, appliesTo: 'github.com\n*://*/*' }, (line) =>
      line.includes('*://*/*') ? 'matches every site; name a host' : null,
    );
    expect(!result.ok && result.errors.appliesTo).toBe(
      '“*://*/*”: matches every site; name a host',
    );
  });
});

describe('links taken from a tab or a page', () => {
  const authoring = { community: 'c', author: null, now: 1 };
  it('are kept only when they are web URLs, so the item can still be shared', () => {
    const page = pageItem(
      {
        url: 'file:///home/me/notes.html',
        canonicalUrl: 'file:///home/me/notes.html',
        leadImageUrl: 'https://example.com/i.png',
        title: 'Notes',
        byline: null,
        siteName: null,
        publishedTime: null,
        excerpt: null,
        lang: null,
        dir: null,
        html: '<p>n</p>',
        markdown: 'n',
        text: 'n',
      },
      '',
      authoring,
    );
    expect(page).toMatchObject({
      url: null,
      canonicalUrl: null,
      leadImageUrl: 'https://example.com/i.png',
    });
    const tip = tipItem(
      { title: 'T', body: 'B', tags: [], appliesTo: [], url: 'chrome://newtab/' },
      authoring,
    );
    expect(tip.url).toBeNull();
    expect(Item.safeParse(page).success && Item.safeParse(tip).success).toBe(true);
  });
});

describe('question drafts', () => {
  const question = {
    title: 'How do we use the merge queue?',
    details: '',
    appliesTo: 'tool:github',
  };

  it('accepts a question with only a title and what it is about, and makes the item', async () => {
    const { checkQuestionDraft, questionItem } = await import('./items');
    const checked = checkQuestionDraft({ ...question, title: '  Why? ' });
    expect(checked).toEqual({ ok: true, title: 'Why?', details: '', appliesTo: ['tool:github'] });
    if (!checked.ok) return;
    const item = questionItem(checked, { community: 'c', author: 'Ana', now: 1 });
    expect(Item.parse(item)).toMatchObject({
      kind: 'question',
      closedAt: null,
      appliesTo: ['tool:github'],
    });
  });

  it('says what is missing or wrong, field by field', async () => {
    const { checkQuestionDraft } = await import('./items');
    const checked = checkQuestionDraft(
      { title: ' ', details: 'x'.repeat(20_001), appliesTo: 'nope' },
      (line) => (line === 'nope' ? 'is not a host or pattern' : null),
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.title).toMatch(/Write the question/);
    expect(checked.errors.details).toMatch(/keep them under/);
    expect(checked.errors.appliesTo).toBe('“nope”: is not a host or pattern');
  });

  it('carries the questions a tip answers, once each', () => {
    const checked = checkTipDraft({ ...draft, answers: ['q1', 'q1', 'q2'] });
    expect(checked.ok && checked.answers).toEqual(['q1', 'q2']);
    const tip = tipItem(
      { ...draft, tags: [], appliesTo: [], url: null, answers: ['q1'] },
      {
        community: 'c',
        author: null,
        now: 1,
      },
    );
    expect(tip.answers).toEqual(['q1']);
  });
});

describe('paths and stances', () => {
  const a = { community: 'team', author: 'Ana', now: 1_000 };
  const step = (n: number, note = '') => ({
    itemId: tipItem({ title: `t${n}`, body: 'b', tags: [], appliesTo: [], url: null }, a).id,
    note,
  });

  it('makes a valid path, and says what is wrong with its steps', () => {
    const steps = [step(1, 'Read this before your first deploy'), step(2)];
    expect(pathStepsProblem(steps)).toBeNull();
    expect(Item.safeParse(pathItem('Start here', steps, a)).success).toBe(true);
    expect(pathStepsProblem([steps[0]!, steps[0]!])).toBe(
      'Step 2 is already in the path; remove one of them.',
    );
    expect(pathStepsProblem([step(3, 'x'.repeat(281))])).toBe(
      'The note of step 1 is 281 characters; keep it under 280.',
    );
    expect(pathStepsProblem(Array.from({ length: 101 }, (_, i) => step(i)))).toBe(
      'A path has at most 100 steps; remove 1 first.',
    );
  });

  it('checks a proposed stance and makes a valid one', () => {
    const checked = checkStanceDraft(
      { subject: ' tool:github ', position: 'adopt', reason: ' One place for reviews. ' },
      () => null,
    );
    expect(checked).toEqual({
      ok: true,
      subject: 'tool:github',
      position: 'adopt',
      reason: 'One place for reviews.',
    });
    const fields = { subject: 'tool:github', position: 'adopt', reason: 'One place.' } as const;
    expect(Item.safeParse(stanceItem(fields, 'Adopt GitHub', a)).success).toBe(true);
    expect(checkStanceDraft({ subject: '', position: '', reason: '' })).toEqual({
      ok: false,
      errors: {
        subject: 'Name the tool: tool: with a catalog tool (tool:github), or its address.',
        position: 'Choose Adopt, Trial, Hold or Retire.',
        reason: 'Say why: members agree or object to the reason.',
      },
    });
    expect(
      checkStanceDraft({ subject: 'tool:nope', position: 'hold', reason: 'r' }, (line) =>
        line === 'tool:nope' ? 'not a known tool' : null,
      ),
    ).toEqual({ ok: false, errors: { subject: '“tool:nope”: not a known tool' } });
  });
});
