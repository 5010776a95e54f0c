/**
 * What the extension says, looked up in its catalogues (locales/): e2e tests find screens by the
 * words a language's catalogue gives, so a reworded message does not break them.
 */
import type { MessageKey } from '../../../lib/i18n';
import { merged, readLocales } from '../../../scripts/locales';

const catalogues = new Map(
  [...readLocales()].map(([lang, areas]) => [lang, merged(areas)] as const),
);

/** The message `key` in `lang` with its placeholders filled, numbers written that language's way. */
export function message(
  lang: string,
  key: MessageKey,
  vars: Record<string, string | number> = {},
): string {
  const text = catalogues.get(lang)?.[key];
  if (text === undefined) throw new Error(`No "${key}" in the ${lang} catalogue`);
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    return typeof value === 'number' ? new Intl.NumberFormat(lang).format(value) : String(value);
  });
}
