/** Where the shared, read-only corpus lives: beside the project root, or where REPERTOIRE_CORPUS says. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
