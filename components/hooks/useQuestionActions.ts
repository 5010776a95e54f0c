import { useCallback } from 'preact/hooks';
import { t, type MessageKey } from '@/lib/i18n';
import { sendMessage } from '@/lib/messaging';
import type { Status } from '../StatusMessage';

interface Options {
  say: (status: Status) => void;
  reload: () => Promise<void>;
}

/** What a member does with a question and its answers: Me too, This answered it, Close. */
export function useQuestionActions({ say, reload }: Options) {
  const send = useCallback(
    async (
      request: () => Promise<{ ok: true } | { ok: false; message: string }>,
      done: string,
      /** The refusal, with the background's reason; and when the request itself failed. */
      failed: { refused: MessageKey; thrown: MessageKey },
    ) => {
      try {
        const result = await request();
        if (!result.ok)
          return say({ tone: 'error', text: t(failed.refused, { reason: result.message }) });
        await reload();
        say({ tone: 'ok', text: done });
      } catch (error) {
        say({ tone: 'error', text: t(failed.thrown, { reason: String(error) }) });
      }
    },
    [say, reload],
  );

  const meToo = (id: string, on: boolean) =>
    void send(
      () => sendMessage('mark', { itemId: id, mark: 'me_too', on }),
      on ? t('library_meTooAdded') : t('library_meTooTakenBack'),
      { refused: 'library_meTooNotSaved', thrown: 'library_meTooNotSavedRetry' },
    );

  const answeredIt = (tipId: string, story: string) =>
    void send(
      () =>
        sendMessage('mark', {
          itemId: tipId,
          mark: 'answered',
          on: true,
          ...(story.trim() ? { note: story.trim() } : {}),
        }),
      t('library_answeredMarked'),
      { refused: 'library_answeredNotSaved', thrown: 'library_answeredNotSavedRetry' },
    );

  const close = (id: string) =>
    void send(() => sendMessage('closeQuestion', { id }), t('library_questionClosed'), {
      refused: 'library_questionNotClosed',
      thrown: 'library_questionNotClosedRetry',
    });

  return { meToo, answeredIt, close };
}
