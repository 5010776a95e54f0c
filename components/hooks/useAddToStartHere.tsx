import { useCallback } from 'preact/hooks';
import { t } from '@/lib/i18n';
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
          {t('community_showStartHere')}
        </button>
      );
      if (at >= 0)
        return say({
          tone: 'notice',
          text: t('community_alreadyStep', { title: item.title, step: at + 1 }),
          actions: show,
        });
      const problem = await save([...steps, { itemId: item.id, note: '' }]);
      if (problem) return say({ tone: 'error', text: t('community_notAdded', { problem }) });
      say({
        tone: 'ok',
        text: t('community_added', { title: item.title, step: steps.length + 1 }),
        actions: show,
      });
    },
    [path, save, say, go],
  );
}
