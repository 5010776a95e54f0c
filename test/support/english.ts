/**
 * Tests read the English catalogue as the browser would: `getMessage` answers from the same
 * compiled messages.json the build writes, and refuses a call whose substitutions do not match
 * the message's names, so a wrong `t(key, vars)` fails its test.
 */
import type { ChromeMessage } from '../../lib/i18n/catalogue';
import { compileLocales, DEFAULT_LANGUAGE } from '../../scripts/locales';

const messages: Record<string, ChromeMessage> = compileLocales().get(DEFAULT_LANGUAGE) ?? {};
const byName = new Map(Object.entries(messages).map(([k, v]) => [k.toLowerCase(), v]));

export function getMessage(name: string, substitutions?: string | string[]): string {
  const entry = byName.get(name.toLowerCase());
  if (entry === undefined) return '';
  const values = substitutions === undefined ? [] : [].concat(substitutions as never);
  const expected = new Set(Object.values(entry.placeholders ?? {}).map((p) => p.content)).size;
  // A plural form may leave out the count ("One item") that its siblings name.
  if (
    values.length !== expected &&
    !(values.length === expected + 1 && /_(zero|one|two|few|many|other)$/.test(name))
  ) {
    throw new Error(
      `getMessage("${name}") got ${values.length} substitutions, the message has ${expected}`,
    );
  }
  const positional = (text: string) =>
    text.replace(/\$(\d)/g, (_, d: string) => values[Number(d) - 1] ?? '');
  return positional(
    entry.message.replace(/\$([a-zA-Z0-9_]+)\$/g, (_, ph: string) =>
      positional(
        entry.placeholders?.[ph.toLowerCase()]?.content ?? entry.placeholders?.[ph]?.content ?? '',
      ),
    ),
  ).replaceAll('$$', '$');
}
