// @vitest-environment jsdom
/**
 * The item view's signals over their hook: the background's `mark` and `retireTip` answers are
 * stand-ins on WXT's fake runtime, and reading the item again gives what they stored. Found by
 * role and name.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DAY_MS } from '@/lib/community';
import type { ItemMeta } from '@/lib/db';
import { onMessages, type Handlers, type RequestOf } from '@/lib/messaging';
import type { Viewer } from '@/lib/repertoire';
import type { Item, Mark } from '@/lib/wire';
import { sampleItem } from '@/test/support/items';
import { useItemSignals } from './hooks/useItemSignals';
import { ItemSignals } from './ItemSignals';

const ben: Viewer = { memberId: 'ben-id', role: 'member', displayName: 'Ben' };
const anaHelped: Mark = {
  kind: 'helped',
  on: true,
  memberId: 'ana-id',
  name: 'Ana',
  team: 'Platform',
  at: 1,
  markedAt: 1,
  note: 'caught the prod migration before it locked the table',
};

let stored: Mark[];
let sent: RequestOf<'mark'>[];
let stop: (() => void) | undefined;

/** The background: stores the mark as Ben's, or refuses with `refusal`. */
function background(refusal?: string) {
  stop = onMessages({
    mark: async (request) => {
      sent.push(request);
      if (refusal) return { ok: false, message: refusal };
      stored = stored.filter((m) => !(m.kind === request.mark && m.memberId === ben.memberId));
      const now = Date.now();
      stored.push({
        kind: request.mark,
        on: request.on,
        memberId: ben.memberId,
        name: 'Ben',
        team: null,
        at: now * 1000,
        markedAt: now,
        ...(request.note === undefined ? {} : { note: request.note }),
      });
      return { ok: true };
    },
    retireTip: async () => ({ ok: true }),
  } as Partial<Handlers> as Handlers);
}

function Harness({
  item,
  viewer = ben,
  canRetire = false,
}: {
  item: Item;
  viewer?: Viewer | 'local';
  canRetire?: boolean;
}) {
  const [meta, setMeta] = useState<ItemMeta>({ endorsements: [], marks: stored, conflicts: [] });
  const signals = useItemSignals({
    db: undefined,
    item,
    meta,
    viewer,
    canRetire,
    reload: async () => setMeta({ endorsements: [], marks: [...stored], conflicts: [] }),
  });
  return signals ? <ItemSignals signals={signals} /> : null;
}

const tip = (values: Record<string, unknown> = {}) =>
  sampleItem('tip', { community: 'guild', author: 'Ana', authorId: 'ana-id', ...values });

beforeEach(() => {
  fakeBrowser.reset();
  stored = [anaHelped];
  sent = [];
});
afterEach(() => {
  cleanup();
  stop?.();
});

const signals = () => within(screen.getByRole('region', { name: 'Signals' }));

describe('an item’s signals', () => {
  it('says "Helped me" with a story and vouches; shows the count, the stories and the vouchers', async () => {
    background();
    render(<Harness item={tip()} />);
    expect(signals().getByText('Helped 1 member')).toBeTruthy();
    expect(
      signals().getByText('Ana (Platform): “caught the prod migration before it locked the table”'),
    ).toBeTruthy();
    fireEvent.input(signals().getByLabelText('How it helped (optional)'), {
      target: { value: 'unblocked my release' },
    });
    fireEvent.click(signals().getByRole('button', { name: 'Helped me' }));
    await waitFor(() => expect(signals().getByText('Helped 2 members')).toBeTruthy());
    expect(signals().getByText('Ben: “unblocked my release”')).toBeTruthy();
    expect(signals().getByRole('button', { name: 'Helped me' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    fireEvent.click(signals().getByRole('button', { name: 'I vouch for this' }));
    await waitFor(() => expect(signals().getByText('Vouched for by Ben')).toBeTruthy());
    expect(sent).toEqual([
      { itemId: expect.any(String), mark: 'helped', on: true, note: 'unblocked my release' },
      { itemId: expect.any(String), mark: 'vouch', on: true },
    ]);
  });

  it('says what is wrong with a story, keeps it, and says so when the background refuses', async () => {
    background('“Helped me” is for a page, snippet or tip; this item is a question.');
    render(<Harness item={tip()} />);
    const story = signals().getByLabelText('How it helped (optional)');
    fireEvent.input(story, { target: { value: 'x'.repeat(281) } });
    fireEvent.click(signals().getByRole('button', { name: 'Helped me' }));
    expect(signals().getByText('A note on “Helped me” is at most 280 characters.')).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.input(story, { target: { value: 'saved my morning' } });
    fireEvent.click(signals().getByRole('button', { name: 'Helped me' }));
    expect((await signals().findByRole('alert')).textContent).toMatch(/this item is a question/);
    expect(signals().getByRole('button', { name: 'Helped me' }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect((story as HTMLInputElement).value).toBe('saved my morning');
  });

  it('asks "Still accurate?" after "Helped me" on a tip due for review, and verifying clears it', async () => {
    background();
    const old = Date.now() - 200 * DAY_MS;
    render(<Harness item={tip({ createdAt: old, updatedAt: old })} />);
    const state = signals().getByRole('list', { name: 'Tip state' });
    expect(state.textContent).toBe('Due for review');
    fireEvent.click(signals().getByRole('button', { name: 'Helped me' }));
    const ask = await signals().findByRole('group', { name: 'Still accurate?' });
    fireEvent.click(within(ask).getByRole('button', { name: 'Yes, still accurate' }));
    await waitFor(() =>
      expect(signals().getByRole('list', { name: 'Tip state' }).textContent).toBe(
        'Verified by Ben · now',
      ),
    );
    expect(signals().queryByRole('group', { name: 'Still accurate?' })).toBeNull();
  });

  it('needs a note for "Needs an update", and shows it on the tip', async () => {
    background();
    render(<Harness item={tip()} />);
    fireEvent.click(signals().getByRole('button', { name: 'Needs an update' }));
    const form = signals().getByRole('form', { name: 'Needs an update' });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    expect(
      within(form).getByText('“Needs an update” needs a note saying what is wrong.'),
    ).toBeTruthy();
    fireEvent.input(within(form).getByLabelText('What is out of date?'), {
      target: { value: 'the flag is now --force-with-lease' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    await waitFor(() =>
      expect(signals().getByRole('list', { name: 'Tip state' }).textContent).toContain(
        'Needs an update: the flag is now --force-with-lease (Ben)',
      ),
    );
    await waitFor(() =>
      expect(signals().queryByRole('form', { name: 'Needs an update' })).toBeNull(),
    );
  });

  it('offers Retire only to whom may retire, and shows a retired tip as such', () => {
    background();
    render(<Harness item={tip()} />);
    expect(signals().queryByRole('button', { name: 'Retire' })).toBeNull();
    cleanup();
    render(<Harness item={tip({ retiredAt: Date.now() })} canRetire />);
    expect(signals().getByRole('list', { name: 'Tip state' }).textContent).toBe('Retired');
    expect(signals().getByRole('button', { name: 'Restore' })).toBeTruthy();
    expect(signals().queryByRole('button', { name: 'Still accurate' })).toBeNull();
  });

  it('offers a Personal item only a local "Helped me"', async () => {
    background();
    stored = [];
    render(<Harness item={tip({ community: 'personal' })} viewer="local" />);
    expect(
      signals()
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Helped me']);
    fireEvent.click(signals().getByRole('button', { name: 'Helped me' }));
    await waitFor(() =>
      expect(
        signals().getByRole('button', { name: 'Helped me' }).getAttribute('aria-pressed'),
      ).toBe('true'),
    );
    expect(signals().queryByText(/Helped 1/)).toBeNull();
  });
});
