/**
 * Every sentence a member reads comes from here: `browser.i18n` picks the catalogue of the
 * browser's language (`locales/`, compiled into `_locales/`), and numbers, dates and plural
 * forms follow the same language through Intl.
 */
import { browser } from 'wxt/browser';
import type { MessageKey, PluralKey } from './keys';

export type { MessageKey, PluralKey } from './keys';

export type Vars = Record<string, string | number>;

/**
 * WXT types names from public/_locales; ours are compiled from locales/ at build time. Outside
 * any browser (benches, a sync engine driven from Node) there is no catalogue: a sentence is
 * its message's name there.
 */
function getMessage(name: string, substitutions?: string[]): string {
  const i18n = (browser as typeof browser | undefined)?.i18n;
  if (!i18n) return '';
  return (i18n.getMessage as (name: string, substitutions?: string[]) => string)(
    name,
    substitutions,
  );
}

let language: string | undefined;

/** The browser's UI language ("fr", "en-US"): what dates and numbers are written in. */
export function uiLanguage(): string {
  language ??= (browser as typeof browser | undefined)?.i18n?.getUILanguage() || 'en';
  return language;
}

let numbers: Intl.NumberFormat | undefined;

export function formatNumber(n: number): string {
  numbers ??= new Intl.NumberFormat(uiLanguage());
  return numbers.format(n);
}

/**
 * Substitutions go in the order of their sorted names, as the catalogue compiler numbered them
 * (lib/i18n/catalogue.ts); numbers are written the UI language's way.
 */
function substitutions(vars: Vars | undefined): string[] | undefined {
  if (vars === undefined) return undefined;
  return Object.keys(vars)
    .sort()
    .map((name) => {
      const value = vars[name]!;
      return typeof value === 'number' ? formatNumber(value) : value;
    });
}

/** The message `key` in the member's language; the key itself, visibly, if it has none. */
export function t(key: MessageKey, vars?: Vars): string {
  return translated(key, vars) ?? key;
}

/** The message `key`, or undefined where there is no catalogue (Node) for a caller's own words. */
export function translated(key: MessageKey, vars?: Vars): string | undefined {
  return getMessage(key, substitutions(vars)) || undefined;
}

let plurals: Intl.PluralRules | undefined;

/**
 * The plural form of `key` the catalogue's language uses for `count` (`key_one`, `key_few`,
 * `key_other`…, by CLDR's rules through Intl.PluralRules), with `{count}` substituted. The rules
 * are those of the catalogue the browser chose, which may not be the UI language when no
 * catalogue matches it.
 */
export function tn(key: PluralKey, count: number, vars?: Vars): string {
  plurals ??= new Intl.PluralRules(catalogueLanguage());
  const all = substitutions({ ...vars, count });
  return (
    getMessage(`${key}_${plurals.select(count)}`, all) || getMessage(`${key}_other`, all) || key
  );
}

/** The language of the catalogue the browser chose ("fr"; "en" when none matches its own). */
export function catalogueLanguage(): string {
  return getMessage('language') || 'en';
}

/**
 * An extension page in the member's language: `lang` and direction for screen readers and
 * hyphenation, and its title.
 */
export function localizePage(title: MessageKey): void {
  document.documentElement.lang = catalogueLanguage();
  document.documentElement.dir = getMessage('@@bidi_dir') || 'ltr';
  document.title = t(title);
}

const lists = new Map<string, Intl.ListFormat>();

/** "a, b and c" (or "a, b or c") in the UI language. */
export function formatList(
  items: string[],
  type: 'conjunction' | 'disjunction' = 'conjunction',
): string {
  let format = lists.get(type);
  if (!format) lists.set(type, (format = new Intl.ListFormat(uiLanguage(), { type })));
  return format.format(items);
}
