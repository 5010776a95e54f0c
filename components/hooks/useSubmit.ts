import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { NeedsReview, SavedItem } from '@/lib/messaging';
import type { Navigation } from './useNavigation';
import { reviewNote, type Shared } from './useShareReview';

/** What a form's write answers: saved, field errors (and a sentence), or held for the review. */
export type FormResult<F extends string> =
  | { ok: true; item: SavedItem }
  | { ok: false; errors: Partial<Record<F, string>>; message?: string }
  | NeedsReview;

/** Whole sentences, one after the other. */
export const sentences = (...parts: (string | null | undefined | false)[]): string =>
  parts.filter(Boolean).join(' ');

/**
 * After an edit was saved, as a sentence; "Keep in Personal" made a new item instead. `what` is
 * the item's kind: a tip, a snippet or a page.
 */
export const editedNote = (title: string, what: string, reviewed?: Shared): string =>
  reviewed?.choice === 'personal'
    ? what === 'tip'
      ? t('popup_editKeptPersonalTip', { title })
      : what === 'snippet'
        ? t('popup_editKeptPersonalSnippet', { title })
        : t('popup_editKeptPersonalPage', { title })
    : sentences(t('popup_editSaved', { title }), reviewed && reviewNote(reviewed));

/**
 * Sending a form's write through the background: field errors go next to their fields, a held
 * write goes to the share review, and nothing typed is lost (the form keeps its draft).
 */
export function useSubmit<F extends string>(
  say: Navigation['say'],
  ask: (review: NeedsReview['review']) => Promise<Shared | null>,
) {
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [saving, setSaving] = useState(false);

  const submit = async (
    send: () => Promise<FormResult<F>>,
    saved: (item: SavedItem, reviewed?: Shared) => Promise<void>,
  ) => {
    setSaving(true);
    try {
      const result = await send();
      if (result.ok) return await saved(result.item);
      if ('review' in result) {
        const outcome = await ask(result.review);
        if (outcome) return await saved(outcome.item, outcome);
        return say({ tone: 'ok', text: t('popup_notSavedNothingShared') });
      }
      setErrors(result.errors);
      say({ tone: 'error', text: result.message ?? t('popup_fieldsNeedAttentionSaving') });
    } catch (error) {
      say({ tone: 'error', text: error instanceof Error ? error.message : String(error) });
    } finally {
      setSaving(false);
    }
  };

  return { errors, clearErrors: () => setErrors({}), saving, submit };
}
