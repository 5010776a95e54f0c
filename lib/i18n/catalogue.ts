/**
 * Turns the catalogue members and translators edit — `locales/<lang>/<area>.json`, flat
 * `{ "key": "Saved {title}" }` with named `{placeholders}` — into the `_locales/<lang>/messages.json`
 * browsers read. Chrome and Firefox substitute only positional `$1…$9`, so each name gets the
 * position of its place in the sorted list of the English message's names: every language passes
 * the same substitutions in the same order, whatever order its sentence puts them in.
 */
export type Catalogue = Record<string, string>;

export interface ChromeMessage {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const PLACEHOLDER = /\{([a-zA-Z][a-zA-Z0-9]*)\}/g;

/** The names a message substitutes, sorted: the order `t` passes their values in. */
export function placeholderNames(message: string): string[] {
  return [...new Set([...message.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

export function toChromeMessage(message: string, order: string[]): ChromeMessage {
  const names = placeholderNames(message);
  // `$` is the substitution mark in messages.json; a literal one is written `$$`.
  const text = message
    .replaceAll('$', '$$$$')
    .replace(PLACEHOLDER, (_, name: string) => `$${name}$`);
  if (names.length === 0) return { message: text };
  return {
    message: text,
    placeholders: Object.fromEntries(
      names.map((name) => [name, { content: `$${order.indexOf(name) + 1}` }]),
    ),
  };
}

/** What is wrong with a translation next to the English one, in words; empty when nothing is. */
export function catalogueProblems(lang: string, messages: Catalogue, english: Catalogue): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const key of Object.keys(messages)) {
    // Browsers look message names up ignoring case, and allow only these characters.
    if (!/^[a-zA-Z0-9_@]+$/.test(key)) problems.push(`${lang}: "${key}" is not a valid name`);
    const twin = seen.get(key.toLowerCase());
    if (twin !== undefined) problems.push(`${lang}: "${key}" and "${twin}" differ only in case`);
    seen.set(key.toLowerCase(), key);
  }
  for (const key of Object.keys(english)) {
    if (!(key in messages) && !isOptionalPlural(key, english)) {
      problems.push(`${lang}: "${key}" is missing`);
    }
  }
  for (const [key, message] of Object.entries(messages)) {
    const base = pluralBase(key);
    const reference = english[key] ?? (base === undefined ? undefined : english[`${base}_other`]);
    if (reference === undefined) {
      problems.push(`${lang}: "${key}" is not in the English catalogue`);
      continue;
    }
    const want = placeholderNames(reference).filter((n) => n !== 'count');
    const got = placeholderNames(message).filter((n) => n !== 'count');
    if (want.join() !== got.join()) {
      problems.push(
        `${lang}: "${key}" uses {${got.join('}, {')}} where English uses {${want.join('}, {')}}`,
      );
    }
  }
  return problems;
}

/**
 * The names `t` passes for `key`, in order. A plural key's forms share one order, the `other`
 * form's names with `count` among them, since a language's `one` may name the count where
 * English's does not ("1 élément", "One item").
 */
export function substitutionOrder(key: string, english: Catalogue): string[] | undefined {
  const base = pluralBase(key);
  const other = base === undefined ? undefined : english[`${base}_other`];
  if (other !== undefined) return [...new Set([...placeholderNames(other), 'count'])].sort();
  const message = english[key];
  return message === undefined ? undefined : placeholderNames(message);
}

const PLURAL = /^(.*)_(zero|one|two|few|many|other)$/;

function pluralBase(key: string): string | undefined {
  return PLURAL.exec(key)?.[1];
}

/** A language may need plural forms English has not (few, many) and may not need `one`. */
function isOptionalPlural(key: string, english: Catalogue): boolean {
  const base = pluralBase(key);
  return base !== undefined && !key.endsWith('_other') && `${base}_other` in english;
}

/** Every area file of one language as the one messages.json the browser reads. */
export function compileLanguage(
  areas: Catalogue[],
  english: Catalogue,
): Record<string, ChromeMessage> {
  const out: Record<string, ChromeMessage> = {};
  for (const area of areas) {
    for (const [key, message] of Object.entries(area)) {
      out[key] = toChromeMessage(
        message,
        substitutionOrder(key, english) ?? placeholderNames(message),
      );
    }
  }
  return out;
}
