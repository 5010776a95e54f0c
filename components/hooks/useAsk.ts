import { useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { sendMessage, type NeedsReview, type QuestionDraft } from '@/lib/messaging';
import { questionDraft } from '@/lib/repertoire';
import { aboutChoices, type TargetTab } from '@/lib/ui';
import type { Navigation } from './useNavigation';
import { reviewNote, type Shared } from './useShareReview';
import { sentences } from './useSubmit';

interface Options {
  tab: TargetTab | null;
  community: string | null;
  nav: Navigation;
  ask: (review: NeedsReview['review']) => Promise<Shared | null>;
  reload: () => Promise<void>;
}

/**
 * The Ask form: started from a search with no result (its query as the question) or a page;
 * the draft kept as typed like the tip's, errors next to their fields, sent through the
 * background (the secret scan first).
 */
export function useAsk({ tab, community, nav, ask, reload }: Options) {
  const { go, say } = nav;
  const [errors, setErrors] = useState<Partial<Record<keyof QuestionDraft, string>>>({});
  const [saving, setSaving] = useState(false);

  const start = async (query = '') => {
    const saved = await questionDraft.getValue();
    setErrors({});
    // An unfinished question wins over a new query: nothing typed is dropped.
    const initial = saved ?? {
      title: query.trim(),
      details: '',
      appliesTo: aboutChoices(tab?.url ?? null).initial,
    };
    go({ name: 'ask', initial });
  };

  const draftWriteRef = useRef<Promise<void>>(Promise.resolve());
  const keepDraft = (draft: QuestionDraft) => {
    draftWriteRef.current = draftWriteRef.current
      .then(() => questionDraft.setValue(draft))
      .catch(() => {});
  };

  const discard = async () => {
    await draftWriteRef.current;
    await questionDraft.removeValue();
  };

  const save = async (draft: QuestionDraft) => {
    if (!community) return;
    setSaving(true);
    try {
      // The background clears the draft once the question is stored: the last write lands first.
      await draftWriteRef.current;
      const result = await sendMessage('askQuestion', { community, draft });
      let reviewed: Shared | null = null;
      if (!result.ok && 'review' in result) {
        reviewed = await ask(result.review);
        if (!reviewed) return say({ tone: 'ok', text: t('popup_notAskedNothingShared') });
      } else if (!result.ok) {
        setErrors(result.errors);
        return say({
          tone: 'error',
          text: result.message ?? t('popup_fieldsNeedAttentionAsking'),
        });
      }
      await reload();
      go({ name: 'questions' });
      const title = reviewed?.item.title ?? (result.ok ? result.item.title : draft.title);
      say({
        tone: 'ok',
        text: sentences(t('popup_asked', { title }), reviewed && reviewNote(reviewed)),
      });
    } catch (error) {
      say({
        tone: 'error',
        text: t('popup_questionNotSent', {
          error: error instanceof Error ? error.message : String(error),
        }),
      });
    } finally {
      setSaving(false);
    }
  };

  return { errors, saving, start, keepDraft, discard, save };
}
