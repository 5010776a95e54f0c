// @vitest-environment jsdom
/** The question view: Me too for others than the asker, Close only where given, its answers. */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ItemMeta } from '@/lib/db';
import type { RelatedEntry } from '@/lib/related';
import { formatDate } from '@/lib/ui';
import type { Mark, QuestionItem } from '@/lib/wire';
import { sampleItem } from '@/test/support/items';
import { QuestionView } from './QuestionView';

const ASKER = 'member-ana';
const question = (values: Record<string, unknown> = {}) =>
  sampleItem('question', {
    title: 'How do we use the merge queue?',
    author: 'Ana',
    authorId: ASKER,
    appliesTo: ['tool:github'],
    ...values,
  }) as QuestionItem;

const meTooBy = (memberId: string, name: string): ItemMeta => ({
  endorsements: [],
  conflicts: [],
  marks: [
    { kind: 'me_too', on: true, memberId, name, team: null, at: 1, markedAt: 1 } satisfies Mark,
  ],
});

const answer = (id: string, title: string, author: string): RelatedEntry => ({
  id,
  kind: 'tip',
  community: 'guild',
  createdAt: 1,
  deletedAt: null,
  appliesTo: ['tool:github'],
  tool: null,
  title,
  text: '',
  author,
});

function show(props: Partial<Parameters<typeof QuestionView>[0]> = {}) {
  const handlers = { onMeToo: vi.fn(), onAnswer: vi.fn(), onOpen: vi.fn(), onBack: vi.fn() };
  render(
    <QuestionView item={question()} answers={[]} memberId="member-ben" {...handlers} {...props} />,
  );
  return handlers;
}

afterEach(cleanup);

describe('a question', () => {
  it('offers Me too to others, pressed once theirs stands, and not to its asker', () => {
    const { onMeToo } = show({
      meta: meTooBy('member-cleo', 'Cleo'),
    });
    const meToo = screen.getByRole('button', { name: 'Me too' });
    expect(meToo.getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByText('Me too: Cleo')).toBeTruthy();
    fireEvent.click(meToo);
    expect(onMeToo).toHaveBeenCalledWith(true);
    cleanup();

    const again = show({ meta: meTooBy('member-ben', 'Ben') });
    const pressed = screen.getByRole('button', { name: 'Me too ✓' });
    expect(pressed.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(pressed);
    expect(again.onMeToo).toHaveBeenCalledWith(false);
    cleanup();

    // The asker's own "Me too" (written by an older client) is neither offered nor counted.
    show({ memberId: ASKER, meta: meTooBy(ASKER, 'Ana') });
    expect(screen.queryByRole('button', { name: /^Me too/ })).toBeNull();
    expect(screen.getByText('Nobody has said “Me too” yet.')).toBeTruthy();
  });

  it('offers Close only where it is given, and not once closed', () => {
    show();
    expect(screen.queryByRole('button', { name: 'Close question' })).toBeNull();
    cleanup();

    const onClose = vi.fn();
    show({ memberId: ASKER, onClose });
    fireEvent.click(screen.getByRole('button', { name: 'Close question' }));
    expect(onClose).toHaveBeenCalledTimes(1);
    cleanup();

    show({ memberId: ASKER, onClose, item: question({ closedAt: Date.UTC(2026, 10, 3) }) });
    expect(screen.queryByRole('button', { name: 'Close question' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Answer with a tip' })).toBeNull();
    expect(
      screen.getByText(new RegExp(`closed ${formatDate(Date.UTC(2026, 10, 3))}`)),
    ).toBeTruthy();
  });

  it('lists its answers, each opening its tip; none says so', () => {
    const { onOpen } = show({
      answers: [
        answer('tip-1', 'Merge queue: add the label', 'Ben'),
        answer('tip-2', 'Or ask in #releases', 'Cleo'),
      ],
    });
    const list = screen.getByRole('list', { name: 'Answers' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Merge queue: add the label by Ben', 'Or ask in #releases by Cleo']);
    fireEvent.click(within(list).getByRole('button', { name: 'Or ask in #releases' }));
    expect(onOpen).toHaveBeenCalledWith('tip-2');
    cleanup();

    show();
    expect(screen.queryByRole('list', { name: 'Answers' })).toBeNull();
    expect(screen.getByText('No answer yet.')).toBeTruthy();
  });
});
