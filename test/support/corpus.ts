/** Where the shared, read-only corpus lives: beside the project root, or where REPERTOIRE_CORPUS says. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function corpusDir(): string {
  const dir = process.env.REPERTOIRE_CORPUS ?? resolve(repoRoot, '../shared/corpus');
  if (!existsSync(dir)) {
    throw new Error(
      `The shared corpus is not at ${dir}. Put shared/ beside the project root or set REPERTOIRE_CORPUS.`,
    );
  }
  return dir;
}

export const readabilityPagesDir = (): string => resolve(corpusDir(), 'readability-pages');
export const tldrTipsFile = (): string => resolve(corpusDir(), 'tldr-tips.jsonl');

/** One Readability corpus page as a clip of it keeps it: the article HTML, its text, its metadata. */
export function corpusPage(name: string): {
  html: string;
  text: string;
  meta: Record<string, string | null>;
} {
  const dir = join(readabilityPagesDir(), name);
  const html = readFileSync(join(dir, 'expected.html'), 'utf8');
  const meta = JSON.parse(readFileSync(join(dir, 'expected-metadata.json'), 'utf8')) as Record<
    string,
    string | null
  >;
  return { html, text: JSDOM.fragment(html).textContent ?? '', meta };
}
