/**
 * The relevance judgments in bench/judgments (bench/relevance.ts scores search against them): every
 * id they name is a tip of the tldr corpus, no query is judged twice across files, and the set of
 * questions in members' words (asked.json) is large enough and keeps a held-out half (issue 15).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tldrTipsFile } from '../support/corpus';

interface Judgments {
  source: string;
  queries: { q: string; relevant: string[]; set?: string }[];
}

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../bench/judgments');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const judgments = new Map(
  files.map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Judgments]),
);
const tipIds = new Set(
  readFileSync(tldrTipsFile(), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { id: string }).id),
);
const normalize = (q: string): string => q.trim().toLowerCase().replace(/\s+/g, ' ');

describe('relevance judgments', () => {
  it('include tldr.json and asked.json', () => {
    expect(files).toEqual(expect.arrayContaining(['asked.json', 'tldr.json']));
  });

  for (const [file, { source, queries }] of judgments) {
    it(`${file}: says where it comes from, and every query names tips of the corpus`, () => {
      expect(source.trim()).not.toBe('');
      expect(queries.length).toBeGreaterThan(0);
      for (const { q, relevant } of queries) {
        expect(q.trim(), file).not.toBe('');
        expect(relevant.length, q).toBeGreaterThan(0);
        expect(new Set(relevant).size, q).toBe(relevant.length);
        expect(
          relevant.filter((id) => !tipIds.has(id)),
          q,
        ).toEqual([]);
      }
    });
  }

  it('never judge the same query twice, within a file or across files', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [file, { queries }] of judgments) {
      for (const { q } of queries) {
        const key = normalize(q);
        const first = seen.get(key);
        if (first !== undefined) twice.push(`"${q}" in ${first} and ${file}`);
        else seen.set(key, file);
      }
    }
    expect(twice).toEqual([]);
  });

  it('asked.json: at least 150 queries, each in the tune or the held-out set, both present', () => {
    const { queries } = judgments.get('asked.json')!;
    expect(queries.length).toBeGreaterThanOrEqual(150);
    expect(queries.filter((q) => q.set !== 'tune' && q.set !== 'held-out')).toEqual([]);
    const tune = queries.filter((q) => q.set === 'tune').length;
    const heldOut = queries.filter((q) => q.set === 'held-out').length;
    expect(tune).toBeGreaterThan(0);
    expect(heldOut).toBeGreaterThan(0);
  });
});
