/**
 * Reads `locales/<lang>/<area>.json` and compiles each language into the `messages.json` browsers
 * read; the build writes them as `_locales/<lang>/messages.json`, unit tests answer
 * `i18n.getMessage` from them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileLanguage, type Catalogue, type ChromeMessage } from '../lib/i18n/catalogue';

export const LOCALES_DIR = join(import.meta.dirname, '..', 'locales');
export const DEFAULT_LANGUAGE = 'en';

/** Each language's area files, read as they are. */
export function readLocales(dir = LOCALES_DIR): Map<string, Map<string, Catalogue>> {
  const languages = new Map<string, Map<string, Catalogue>>();
  for (const lang of readdirSync(dir).sort()) {
    const areas = new Map<string, Catalogue>();
    for (const file of readdirSync(join(dir, lang))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      areas.set(file, JSON.parse(readFileSync(join(dir, lang, file), 'utf8')) as Catalogue);
    }
    languages.set(lang, areas);
  }
  return languages;
}

/** One language's area files merged into one catalogue. */
export function merged(areas: Map<string, Catalogue>): Catalogue {
  return Object.assign({}, ...areas.values()) as Catalogue;
}

export function compileLocales(dir = LOCALES_DIR): Map<string, Record<string, ChromeMessage>> {
  const languages = readLocales(dir);
  const english = merged(languages.get(DEFAULT_LANGUAGE) ?? new Map());
  return new Map(
    [...languages].map(([lang, areas]) => [lang, compileLanguage([...areas.values()], english)]),
  );
}
