import { useCallback, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { sendMessage, type StanceDraft } from '@/lib/messaging';
import type { Status } from '../StatusMessage';

/** Proposing a stance from the popup: the background checks it, then the stance opens. */
export function useStanceProposal(
  community: string | null,
  open: (id: string) => Promise<void>,
  say: (status: Status) => void,
  reload: () => Promise<void>,
) {
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<keyof StanceDraft, string>>>({});

  const propose = useCallback(
    async (draft: StanceDraft) => {
      if (!community) return;
      setSaving(true);
      const result = await sendMessage('proposeStance', { community, draft }).catch(
        (e: unknown) => ({ ok: false as const, errors: {}, message: String((e as Error).message) }),
      );
      setSaving(false);
      if (!result.ok) {
        // The form keeps what was typed; the errors say what to change.
        setErrors(result.errors);
        if (result.message) say({ tone: 'error', text: result.message });
        return;
      }
      setErrors({});
      await reload();
      await open(result.item.id);
      say({
        tone: 'ok',
        text: t('library_stanceProposed', { title: result.item.title }),
      });
    },
    [community, open, say, reload],
  );
  return { saving, errors, propose, reset: () => setErrors({}) };
}
