// @vitest-environment jsdom
/**
 * The popup's questions in a shared community, over fake IndexedDB and WXT's fake browser: "Ask
 * about this page" where no tip applies, a closed question still listing its answers, and
 * "Answer with a tip" asking before it takes the place of an unfinished tip.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  ensurePersonalCommunity,
  openRepertoireDb,
  putItem,
  relatedStore,
  saveMembership,
} from '@/lib/db';
import { onMessages, type Handlers } from '@/lib/messaging';
import { PersistedRelated } from '@/lib/related';
import { createIndexer, currentCommunity, tipDraft } from '@/lib/repertoire';
import type { Item } from '@/lib/wire';
import { sampleItem } from '@/test/support/items';
import { Popup } from './Popup';

const GUILD = 'guild';
const ANA = 'member-ana';
const question = (values: Record<string, unknown> = {}) =>
  sampleItem('question', {
    community: GUILD,
    title: 'How do we use the merge queue?',
    author: 'Ana',
    authorId: ANA,
    appliesTo: ['tool:github'],
    ...values,
  });

/** Ana in the guild, which the popup is on, with these items stored and indexed. */
async function seed(...items: Item[]) {
  const db = await openRepertoireDb();
  await ensurePersonalCommunity(db);
  await saveMembership(db, {
    communityId: GUILD,
    name: 'Platform guild',
    serverUrl: 'http://127.0.0.1:9',
    token: 'token',
    memberId: ANA,
    displayName: 'Ana',
    role: 'member',
    memberCount: 2,
    joinedAt: 1,
  });
  await currentCommunity.setValue(GUILD);
  for (const item of items) await putItem(db, item);
  // Indexed as the background does: the search index and the related index, which lists answers.
  const related = new PersistedRelated(relatedStore(db));
  await createIndexer(db, (indexed, removed) => related.apply(indexed, removed)).drain();
  db.close();
}

let stop: (() => void) | undefined;
beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vi.spyOn(fakeBrowser.runtime, 'connect').mockReturnValue({
    onMessage: { addListener: () => undefined },
    onDisconnect: { addListener: () => undefined },
    disconnect: () => undefined,
  } as unknown as ReturnType<typeof fakeBrowser.runtime.connect>);
  // The popup syncs as it opens; nothing comes of it here.
  stop = onMessages({
    syncNow: async () => [],
  } as Partial<Handlers> as Handlers);
});
afterEach(() => {
  cleanup();
  stop?.();
  vi.restoreAllMocks();
});

describe('questions in the popup', () => {
  it('offers "Ask about this page" on a page no tip applies to, about its host', async () => {
    await seed(
      sampleItem('tip', { community: GUILD, title: 'Elsewhere', appliesTo: ['jira.corp'] }),
    );
    render(<Popup tab={{ id: 3, url: 'https://github.com/our-org/repo?q=1', title: 'Repo' }} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Ask about this page' }));
    const form = await screen.findByRole('form', { name: 'Ask the community' });
    const about = within(form).getByRole('combobox', { name: 'Applies to' }) as HTMLSelectElement;
    expect(about.value).toBe('github.com');
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(form).getByRole('textbox', { name: 'Your question' }),
      ),
    );
  });

  it('lists a closed question’s answers', async () => {
    const closed = question({ closedAt: Date.now() });
    const answer = sampleItem('tip', {
      community: GUILD,
      title: 'Merge queue: add the label',
      author: 'Ben',
      authorId: 'member-ben',
      answers: [closed.id],
    });
    await seed(closed, answer);
    render(<Popup tab={null} itemId={closed.id} />);
    await screen.findByRole('heading', { level: 1, name: closed.title });
    const answers = await screen.findByRole('list', { name: 'Answers' });
    expect(within(answers).getByRole('listitem').textContent).toBe(
      'Merge queue: add the label by Ben',
    );
  });

  it('asks before "Answer with a tip" replaces an unfinished tip about something else', async () => {
    const open = question({ authorId: 'member-ben', author: 'Ben' });
    await seed(open);
    const unfinished = { title: 'Rotate the staging keys', body: '', tags: '', appliesTo: '' };
    await tipDraft.setValue(unfinished);
    render(<Popup tab={null} itemId={open.id} />);

    fireEvent.click(await screen.findByRole('button', { name: 'Answer with a tip' }));
    const asked = await screen.findByRole('heading', { name: 'You have an unfinished tip' });
    await waitFor(() => expect(document.activeElement).toBe(asked));
    expect(screen.getByText(/“Rotate the staging keys” is not saved yet/)).toBeTruthy();

    // Keep it: back to the question, the draft as it was.
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    await screen.findByRole('heading', { level: 1, name: open.title });
    expect((await screen.findByRole('status')).textContent).toContain('Kept your unfinished tip');
    expect(await tipDraft.getValue()).toEqual(unfinished);

    // Replace it: the answer's form, and the old draft gone for good.
    fireEvent.click(screen.getByRole('button', { name: 'Answer with a tip' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Replace it' }));
    const form = await screen.findByRole('form', { name: 'New tip' });
    expect(form.textContent).toContain(`Answers the question “${open.title}”`);
    expect((within(form).getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe(
      '',
    );
    expect((await tipDraft.getValue())?.answers).toEqual([open.id]);
  });
});
