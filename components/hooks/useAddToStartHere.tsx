import { useCallback } from 'preact/hooks';
import type { Item } from '@/lib/wire';
import type { Status } from '../StatusMessage';
import type { View } from './useNavigation';
import type { StartHere } from './useStartHere';

/** "Add to Start here" from an item view: the item becomes the path's last step. */
export function useAddToStartHere(
  startHere: StartHere,
  say: (status: Status) => void,
  go: (view: View) => void,
) {
  const { path, save } = startHere;
  return useCallback(
    async (item: Item) => {
      const steps = path?.steps ?? [];
      const at = steps.findIndex((s) => s.itemId === item.id);
      const show = (
        <button type="button" onClick={() => go({ name: 'startHere' })}>
          Show Start here
        </button>
      );
      if (at >= 0)
        return say({
          tone: 'notice',
          text: `“${item.title}” is step ${at + 1} of Start here already.`,
          actions: show,
        });
      const problem = await save([...steps, { itemId: item.id, note: '' }]);
      if (problem) return say({ tone: 'error', text: `Not added: ${problem}` });
      say({
        tone: 'ok',
        text: `Added “${item.title}” to Start here as step ${steps.length + 1}. Add a note there to say why it comes here.`,
        actions: show,
      });
    },
    [path, save, say, go],
  );
}
