import { sendMessage, type ClipResult } from '@/lib/messaging';
import type { TargetTab } from '@/lib/ui/target-tab';
import type { Status } from '../StatusMessage';
import { reviewNote, type Shared } from './useShareReview';

interface Options {
  tab: TargetTab | null;
  community: string | null;
  say: (status: Status) => void;
  ask: (review: Extract<ClipResult, { review: unknown }>['review']) => Promise<Shared | null>;
  reload: () => Promise<void>;
  open: (id: string) => Promise<void>;
}

/** Clipping the target tab's page or selection, and saying how it went. */
export function useClip({ tab, community, say, ask, reload, open }: Options) {
  const openIt = (id: string) => <button onClick={() => void open(id)}>Open it</button>;
  const clip = async (what: 'page' | 'selection', again = false): Promise<void> => {
    if (!tab || !community) return;
    say({ tone: 'busy', text: what === 'page' ? 'Clipping the page…' : 'Clipping the selection…' });
    const request =
      what === 'page'
        ? sendMessage('clipPage', { tabId: tab.id, community, again })
        : sendMessage('clipSelection', { tabId: tab.id, community });
    const result = await request.catch((error: unknown): ClipResult => ({
      ok: false,
      error: { code: 'failed', message: error instanceof Error ? error.message : String(error) },
    }));
    if (!result.ok && 'review' in result) {
      const outcome = await ask(result.review);
      if (!outcome) return say({ tone: 'ok', text: 'Not clipped; nothing was shared.' });
      await reload();
      return say({
        tone: 'ok',
        text: `Clipped “${outcome.item.title}”. ${reviewNote(outcome)} ${outcome.notice ?? ''}`.trim(),
        actions: openIt(outcome.item.id),
      });
    }
    await reload();
    if (result.ok) {
      return say({
        tone: 'ok',
        text: `Clipped “${result.item.title}”. ${result.notice ?? ''}`.trim(),
        actions: openIt(result.item.id),
      });
    }
    const existing = result.error.existing;
    say({
      tone: 'error',
      text: result.error.message,
      actions: existing ? (
        <>
          {openIt(existing.id)}
          <button onClick={() => void clip('page', true)}>Clip again</button>
        </>
      ) : undefined,
    });
  };
  return clip;
}
