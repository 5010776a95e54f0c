import type { NewAnswer } from '@/lib/community';

interface Props {
  notices: readonly NewAnswer[];
  onOpen: (tipId: string) => void;
  onDismiss: () => void;
}

/** "Answered by Ben": answers to the member's questions, told once. Names and titles as text. */
export function AnsweredNotice({ notices, onOpen, onDismiss }: Props) {
  if (notices.length === 0) return null;
  return (
    <section class="notice answered" role="status" aria-label="Answers to your questions">
      {notices.map((n) => (
        <p key={n.tipId} dir="auto">
          <strong>Answered by {n.by}</strong>: “{n.questionTitle}”{' '}
          <button type="button" class="link" onClick={() => onOpen(n.tipId)}>
            Open the answer “{n.tipTitle}”
          </button>
        </p>
      ))}
      <button type="button" class="quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </section>
  );
}
