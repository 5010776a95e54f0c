/**
 * Writes to a shared community whose content the secret scan flagged wait here until the member
 * chooses (redact, share anyway, keep in Personal). Session storage, not memory: the service
 * worker may stop while the member reads the review; the browser closing drops what waits.
 */
import { storage } from '#imports';
import type { Finding } from '../secrets';
import { type Item, type PageItem, type SnippetItem, type TipItem, uuidv7 } from '../wire';

export type HeldWrite =
  | { kind: 'create'; item: Item; notice?: string }
  | { kind: 'edit'; item: Item; changes: ItemChanges };

/** What an edit changes: some of the fields of the item's kind, never its kind itself. */
export type ItemChanges = Partial<
  Omit<PageItem, 'kind'> & Omit<SnippetItem, 'kind'> & Omit<TipItem, 'kind'>
>;

interface Held {
  write: HeldWrite;
  findings: Finding[];
}

/** A review left unanswered (the popup closed) gives way to newer ones. */
const MAX_HELD = 5;

const held = storage.defineItem<Record<string, Held>>('session:heldShares', { fallback: {} });

export async function hold(write: HeldWrite, findings: Finding[]): Promise<string> {
  const id = uuidv7(Date.now());
  const current = await held.getValue();
  // uuidv7 ids sort by time: the oldest go first.
  const kept = Object.keys(current)
    .sort()
    .slice(-(MAX_HELD - 1));
  await held.setValue({
    ...Object.fromEntries(kept.map((k) => [k, current[k] as Held])),
    [id]: { write, findings },
  });
  return id;
}

/** The held write, once: answering a review twice must not write twice. */
export async function take(id: string): Promise<Held | null> {
  const current = await held.getValue();
  const found = current[id];
  if (!found) return null;
  const rest = { ...current };
  delete rest[id];
  await held.setValue(rest);
  return found;
}
