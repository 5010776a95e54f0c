import { useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { sendMessage, type ClipResult, type LinkDraft } from '@/lib/messaging';
import type { TargetTab } from '@/lib/ui';
import type { Status } from '../StatusMessage';
import type { View } from './useNavigation';
import { reviewNote, type Shared } from './useShareReview';
import { sentences } from './useSubmit';

interface Options {
  tab: TargetTab | null;
  community: string | null;
  say: (status: Status) => void;
  ask: (review: Extract<ClipResult, { review: unknown }>['review']) => Promise<Shared | null>;
  reload: () => Promise<void>;
  open: (id: string) => Promise<void>;
  go: (view: View) => void;
}

const failed = (error: unknown): ClipResult => ({
  ok: false,
  error: { code: 'failed', message: error instanceof Error ? error.message : String(error) },
});

/**
 * Clipping the target tab's page or selection, or keeping a page with no article as a link, and
 * saying how it went.
 */
export function useClip({ tab, community, say, ask, reload, open, go }: Options) {
  const [saving, setSaving] = useState(false);
  const openIt = (id: string) => <button onClick={() => void open(id)}>{t('popup_openIt')}</button>;
  const clip = async (what: 'page' | 'selection', again = false): Promise<void> => {
    if (!tab || !community) return;
    say({
      tone: 'busy',
      text: what === 'page' ? t('popup_clippingPage') : t('popup_clippingSelection'),
    });
    const request =
      what === 'page'
        ? sendMessage('clipPage', { tabId: tab.id, community, again })
        : sendMessage('clipSelection', { tabId: tab.id, community });
    await report(await request.catch(failed));
  };

  const report = async (result: ClipResult): Promise<void> => {
    if (!result.ok && 'review' in result) {
      const outcome = await ask(result.review);
      if (!outcome) return say({ tone: 'ok', text: t('popup_notClippedNothingShared') });
      await reload();
      return say({
        tone: 'ok',
        text: sentences(
          t('popup_clipped', { title: outcome.item.title }),
          reviewNote(outcome),
          outcome.notice,
        ),
        actions: openIt(outcome.item.id),
      });
    }
    await reload();
    if (result.ok) {
      return say({
        tone: 'ok',
        text: sentences(t('popup_clipped', { title: result.item.title }), result.notice),
        actions: openIt(result.item.id),
      });
    }
    const { existing, link } = result.error;
    // Already clipped is a notice, not an error: nothing failed, there is a choice to make.
    say({
      tone: existing ? 'notice' : 'error',
      text: result.error.message,
      actions: existing ? (
        <>
          {openIt(existing.id)}
          <button onClick={() => void clip('page', true)}>{t('popup_clipAgain')}</button>
        </>
      ) : link ? (
        <button onClick={() => go({ name: 'link', initial: { ...link, tags: '' }, errors: {} })}>
          {t('popup_saveAsLink')}
        </button>
      ) : undefined,
    });
  };

  const saveLink = async (draft: LinkDraft): Promise<void> => {
    if (!community) return;
    setSaving(true);
    const result = await sendMessage('saveLink', { community, link: draft }).catch(failed);
    setSaving(false);
    // Refused: the form stays, with what was typed and why.
    if ('errors' in result) return go({ name: 'link', initial: draft, errors: result.errors });
    go({ name: 'list' });
    await report(result);
  };

  return { clip, saveLink, saving };
}
