import { useCallback } from 'preact/hooks';
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
      failed: string,
    ) => {
      try {
        const result = await request();
        if (!result.ok) return say({ tone: 'error', text: `${failed}: ${result.message}` });
        await reload();
        say({ tone: 'ok', text: done });
      } catch (error) {
        say({ tone: 'error', text: `${failed}: ${String(error)}. Try again.` });
      }
    },
    [say, reload],
  );

  const meToo = (id: string, on: boolean) =>
    void send(
      () => sendMessage('mark', { itemId: id, mark: 'me_too', on }),
      on
        ? 'Added your “Me too”: the asker and the others see one more.'
        : 'Took back your “Me too”.',
      '“Me too” was not saved',
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
      'Marked “This answered it”; it counts as a “Helped me” too.',
      '“This answered it” was not saved',
    );

  const close = (id: string) =>
    void send(
      () => sendMessage('closeQuestion', { id }),
      'Closed the question: it is no longer listed as open.',
      'The question was not closed',
    );

  return { meToo, answeredIt, close };
}
