import { describe, expect, it } from 'vitest';
import { catalogueProblems, compileLanguage, placeholderNames, toChromeMessage } from './catalogue';

describe('message catalogue', () => {
  it('numbers named placeholders by their sorted names, whatever order a language uses', () => {
    const english = { moved: '{title} moved to {community}' };
    const french = compileLanguage([{ moved: 'Dans {community} : {title}' }], english);
    expect(french.moved).toEqual({
      message: 'Dans $community$ : $title$',
      placeholders: { community: { content: '$1' }, title: { content: '$2' } },
    });
    expect(placeholderNames(english.moved)).toEqual(['community', 'title']);
  });

  it('gives every plural form the same order, the count among them', () => {
    const english = {
      items_one: 'One item in {community}',
      items_other: '{count} items in {community}',
    };
    const out = compileLanguage([english], english);
    expect(out.items_one!.placeholders).toEqual({ community: { content: '$1' } });
    expect(out.items_other!.placeholders).toEqual({
      community: { content: '$1' },
      count: { content: '$2' },
    });
  });

  it('writes a literal dollar as browsers expect it', () => {
    expect(toChromeMessage('Costs $5', []).message).toBe('Costs $$5');
  });

  it('names what a translation is missing, has extra, or substitutes differently', () => {
    const english = { a: 'A {x}', b: 'B', n_one: 'one', n_other: '{count} n' };
    expect(
      catalogueProblems('fr', { a: 'A {y}', c: 'C', n_other: '{count} n', n_few: 'x' }, english),
    ).toEqual([
      'fr: "b" is missing',
      'fr: "a" uses {y} where English uses {x}',
      'fr: "c" is not in the English catalogue',
    ]);
    expect(catalogueProblems('fr', { a: 'x {x}', A: 'y {x}' }, { a: '{x}' })).toContain(
      'fr: "A" and "a" differ only in case',
    );
  });
});
