import { useCallback, useState } from 'preact/hooks';
import type { ItemMeta } from '@/lib/db';
import type { ItemDraft, LinkDraft, LinkField, QuestionDraft, TipDraft } from '@/lib/messaging';
import type { Item, QuestionItem } from '@/lib/wire';
import type { ReviewEntry } from '../ReviewList';
import type { Status } from '../StatusMessage';

export type View =
  | { name: 'list' }
  | { name: 'item'; item: Item; meta?: ItemMeta }
  | { name: 'tip'; initial: TipDraft; answering?: string }
  | { name: 'edit'; item: Item; initial: TipDraft }
  /** A page's or snippet's title, tags and notes. */
  | { name: 'editItem'; item: Item; initial: ItemDraft; sharedWith: string | null }
  | { name: 'deleted'; items: Item[] | null }
  /** Tips due for review or flagged (null while read). */
  | { name: 'review'; tips: ReviewEntry[] | null }
  | { name: 'startHere' }
  | { name: 'stance-new' }
  /** Every stance of the community, the community's own first. */
  | { name: 'stances' }
  /** "Save as a link" for a page with no article, with what the background refused. */
  | { name: 'link'; initial: LinkDraft; errors: Partial<Record<LinkField, string>> }
  /** Ask the community, and the community's open questions. */
  | { name: 'ask'; initial: QuestionDraft }
  | { name: 'questions' }
  /** "Answer with a tip" while an unfinished tip about something else waits: replace it? */
  | { name: 'replace-draft'; draft: TipDraft; question: QuestionItem };

const IDLE: Status = { tone: 'idle' };

/**
 * Which view the popup shows, and the status message said in it. A message belongs to its view:
 * going to another view (`go`) clears it, so "Deleted … Undo" does not follow the member into
 * Recently deleted. A message said right after `go` belongs to the view gone to.
 */
export function useNavigation() {
  const [view, setView] = useState<View>({ name: 'list' });
  const [status, say] = useState<Status>(IDLE);
  const go = useCallback((next: View) => {
    setView(next);
    say(IDLE);
  }, []);
  return { view, status, go, say, setView };
}

export type Navigation = ReturnType<typeof useNavigation>;
