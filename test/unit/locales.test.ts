import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '../../lib/i18n/catalogue';
import { DEFAULT_LANGUAGE, merged, readLocales } from '../../scripts/locales';

const languages = readLocales();
const english = merged(languages.get(DEFAULT_LANGUAGE)!);

describe('the shipped catalogues', () => {
  it('has a second language', () => {
    expect([...languages.keys()]).toEqual(['en', 'fr']);
  });

  it.each([...languages.keys()])(
    '%s: every area, every message, the same placeholders as English',
    (lang) => {
      const areas = languages.get(lang)!;
      expect([...areas.keys()]).toEqual([...languages.get(DEFAULT_LANGUAGE)!.keys()]);
      const names = [...areas.values()].flatMap((area) => Object.keys(area));
      expect(
        names.filter((n, i) => names.indexOf(n) !== i),
        'a name in two areas',
      ).toEqual([]);
      expect(catalogueProblems(lang, merged(areas), english)).toEqual([]);
    },
  );

  it('French: a no-break space before two-part punctuation', () => {
    const french = Object.entries(merged(languages.get('fr')!));
    expect(french.filter(([, m]) => / [:;?!]/.test(m)).map(([k]) => k)).toEqual([]);
  });

  it('says which catalogue it is, for plural rules', () => {
    for (const [lang, areas] of languages) expect(merged(areas).language).toBe(lang);
  });
});
