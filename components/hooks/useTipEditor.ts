import { useRef } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { sendMessage, type SaveTipResult, type TipDraft } from '@/lib/messaging';
import { tipDraft } from '@/lib/repertoire';
import { defaultAppliesTo, type TargetTab } from '@/lib/ui';
import type { Item, QuestionItem } from '@/lib/wire';
import type { Navigation } from './useNavigation';
import { reviewNote, type Shared } from './useShareReview';
import { editedNote, sentences, useSubmit } from './useSubmit';

/** Whether a draft holds anything the member typed: the prefilled "Applies to" is not. */
const typedIn = (draft: TipDraft) => [draft.title, draft.body, draft.tags].some((s) => s.trim());

interface Options {
  tab: TargetTab | null;
  community: string | null;
  nav: Navigation;
  ask: (review: Extract<SaveTipResult, { review: unknown }>['review']) => Promise<Shared | null>;
  reload: () => Promise<void>;
  open: (id: string) => Promise<void>;
}

/**
 * The tip form, new or editing: its draft kept as typed, field errors next to their fields,
 * nothing typed lost; saving through the background.
 */
export function useTipEditor({ tab, community, nav, ask, reload, open }: Options) {
  const { go, say } = nav;
  const { errors, clearErrors, saving, submit } = useSubmit<keyof TipDraft>(say, ask);

  /**
   * A new tip; with a question, as its answer ("Answer with a tip"): about what it is about. An
   * unfinished tip for something else is not replaced unasked (`replace` is the member's yes).
   */
  const start = async (question?: QuestionItem, replace = false) => {
    // The tip form's site-access check (and its pattern catalog) stays off the first paint.
    void import('@/lib/related-tabs');
    const saved = await tipDraft.getValue();
    clearErrors();
    const fresh = {
      title: '',
      body: '',
      tags: '',
      appliesTo: question ? question.appliesTo.join('\n') : defaultAppliesTo(tab?.url ?? null),
      ...(question ? { answers: [question.id] } : {}),
    };
    // An unfinished answer to the same question is taken up again, as an unfinished tip is.
    const resumed = question ? saved?.answers?.includes(question.id) : saved;
    if (question && saved && !resumed && typedIn(saved)) {
      if (!replace) return go({ name: 'replace-draft', draft: saved, question });
      // Replaced as the member said: a Cancel now must not bring the old one back.
      await tipDraft.setValue(fresh);
    }
    go({
      name: 'tip',
      initial: (resumed ? saved : null) ?? fresh,
      ...(question ? { answering: question.title } : {}),
    });
  };

  const startEdit = (item: Item) => {
    if (item.kind !== 'tip') return;
    clearErrors();
    go({
      name: 'edit',
      item,
      initial: {
        title: item.title,
        body: item.body,
        tags: item.tags.join(' '),
        appliesTo: item.appliesTo.join('\n'),
        reviewEvery: item.reviewIntervalDays == null ? '' : String(item.reviewIntervalDays),
      },
    });
  };

  /** The latest write of the unfinished tip; a save waits for it (see save). */
  const draftWriteRef = useRef<Promise<void>>(Promise.resolve());
  const keepDraft = (draft: TipDraft) => {
    // A draft that could not be kept must not hold up the save after it.
    draftWriteRef.current = draftWriteRef.current
      .then(() => tipDraft.setValue(draft))
      .catch(() => {});
  };

  const save = (draft: TipDraft) => {
    if (!community) return;
    // Asked first, while the click still counts as the member's gesture (the module was loaded
    // when the form opened, so this does not wait on the network).
    const access = import('@/lib/related-tabs').then((m) => m.requestSiteAccess(draft.appliesTo));
    void submit(
      // The background clears the draft once the tip is stored, even if this popup is gone by
      // then (the permission prompt closes it): the last keystroke's write must land before.
      () =>
        draftWriteRef.current.then(() =>
          sendMessage('saveTip', { community, draft, url: tab?.url ?? null }),
        ),
      async ({ title }, reviewed) => {
        await reload();
        go({ name: 'list' });
        const saved = sentences(t('popup_tipSaved', { title }), reviewed && reviewNote(reviewed));
        say({ tone: 'ok', text: saved });
        // The browser's prompt may stay open; the tip is saved either way.
        void access.then((granted) => {
          if (granted) return;
          say({
            tone: 'ok',
            text: sentences(saved, t('popup_tipSavedNoAccess')),
          });
        });
      },
    );
  };

  const saveEdit = (item: Item, draft: TipDraft) =>
    void submit(
      () => sendMessage('editTip', { id: item.id, draft }),
      async ({ id, title }, reviewed) => {
        await reload();
        await open(id);
        say({ tone: 'ok', text: editedNote(title, 'tip', reviewed) });
      },
    );

  return { errors, saving, start, startEdit, keepDraft, save, saveEdit };
}
