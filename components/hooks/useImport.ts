import { useCallback, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { sendMessage, type ImportBatch, type ImportTally } from '@/lib/messaging';
import {
  isJsonExport,
  parseBookmarks,
  parseHypothesis,
  parseJsonExport,
  type ParsedImport,
} from '@/lib/portable';

/**
 * Items per message: the background answers each, so the bar moves and Stop is heard. Each
 * answer waits for the batch to be indexed, which costs about as much again per batch as the
 * write: at 500 a batch, 10,000 bookmarks took 11.7 s, at 2,000 9.2 s (npm run bench -- import).
 */
const BATCH_ITEMS = 2_000;
/** A batch's size in characters, so one of clipped pages stays far under messaging limits. */
const BATCH_CHARS = 8_000_000;

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'reading'; file: string }
  | { phase: 'importing'; file: string; done: number; total: number; tally: ImportTally }
  | { phase: 'done'; file: string; tally: ImportTally; stopped: boolean }
  | { phase: 'failed'; file: string; message: string; tally: ImportTally | null };

interface Read {
  batches: ImportBatch[];
  total: number;
  refused: ImportTally['refused'];
}

/** Batches of at most BATCH_ITEMS, and of BATCH_CHARS of JSON where items are large. */
function batched<T>(entries: readonly T[], make: (part: T[]) => ImportBatch): ImportBatch[] {
  const batches: ImportBatch[] = [];
  let part: T[] = [];
  let chars = 0;
  for (const entry of entries) {
    const size = JSON.stringify(entry).length;
    if (part.length >= BATCH_ITEMS || (chars + size > BATCH_CHARS && part.length > 0)) {
      batches.push(make(part));
      [part, chars] = [[], 0];
    }
    part.push(entry);
    chars += size;
  }
  if (part.length > 0) batches.push(make(part));
  return batches;
}

const fromCandidates = ({ candidates, refused }: ParsedImport): Read => ({
  batches: batched(candidates, (part) => ({ from: 'candidates', candidates: part })),
  total: candidates.length,
  refused,
});

/**
 * What a file holds, read in this page: our own JSON export, a Hypothesis export, or a
 * browser's bookmarks; the batches for the background and what was refused already.
 */
async function read(file: File): Promise<Read> {
  const text = await file.text();
  // Browsers write bookmarks as HTML (the Netscape bookmark file); everything else is JSON.
  if (/^\s*</.test(text) || /\.html?$/i.test(file.name))
    return fromCandidates(
      parseBookmarks(text, (html) => new DOMParser().parseFromString(html, 'text/html')),
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(t('community_importUnreadable', { file: file.name }));
  }
  if (isJsonExport(parsed)) {
    const { records, refused } = parseJsonExport(parsed);
    return {
      batches: batched(records, (part) => ({ from: 'json', records: part })),
      total: records.length,
      refused,
    };
  }
  const isHypothesis =
    Array.isArray(parsed) ||
    (typeof parsed === 'object' &&
      parsed !== null &&
      ('annotations' in parsed || 'rows' in parsed));
  if (!isHypothesis) throw new Error(t('community_importNotOurs', { file: file.name }));
  return fromCandidates(parseHypothesis(text));
}

const sizeOf = (batch: ImportBatch) =>
  batch.from === 'json' ? batch.records.length : batch.candidates.length;

/**
 * Import's half of the section: a file read here, sent to the background in batches into the
 * chosen community, with how far it got, Stop, and a summary of what was imported, already
 * there, and refused with why. What was imported before a failure or a Stop stays.
 */
export function useImport() {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const stoppingRef = useRef(false);

  const run = useCallback(async (file: File, community: string) => {
    stoppingRef.current = false;
    setState({ phase: 'reading', file: file.name });
    let tally: ImportTally | null = null;
    try {
      const { batches, total, refused } = await read(file);
      tally = { imported: 0, already: 0, refused };
      let done = 0;
      for (const batch of batches) {
        if (stoppingRef.current) break;
        setState({ phase: 'importing', file: file.name, done, total, tally });
        const answer = await sendMessage('importItems', { community, batch });
        if (!answer.ok) throw new Error(answer.message);
        tally = {
          imported: tally.imported + answer.tally.imported,
          already: tally.already + answer.tally.already,
          refused: [...tally.refused, ...answer.tally.refused],
        };
        done += sizeOf(batch);
      }
      setState({ phase: 'done', file: file.name, tally, stopped: stoppingRef.current });
    } catch (error) {
      setState({
        phase: 'failed',
        file: file.name,
        message: error instanceof Error ? error.message : String(error),
        tally,
      });
    }
  }, []);

  const stop = useCallback(() => {
    stoppingRef.current = true;
  }, []);

  return { state, run, stop };
}
