// @vitest-environment jsdom
/**
 * The Ask form in the popup, over fake IndexedDB and WXT's fake browser, with the background's
 * askQuestion answer a stand-in: errors beside their fields, "Applies to" the host unless the
 * asker picks the full address, and the draft kept when the popup closes.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ensurePersonalCommunity, openRepertoireDb } from '@/lib/db';
import { onMessages, type Handlers } from '@/lib/messaging';
import { questionDraft } from '@/lib/repertoire';
import { Popup } from './Popup';

const PAGE = 'https://github.com/our-org/repo/pull/7?token=private';
const TAB = { id: 7, url: PAGE, title: 'Pull request 7' };

let stop: (() => void) | undefined;
beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  vi.spyOn(fakeBrowser.runtime, 'connect').mockReturnValue({
    onMessage: { addListener: () => undefined },
    onDisconnect: { addListener: () => undefined },
    disconnect: () => undefined,
  } as unknown as ReturnType<typeof fakeBrowser.runtime.connect>);
  const db = await openRepertoireDb();
  await ensurePersonalCommunity(db);
  db.close();
});
afterEach(() => {
  cleanup();
  stop?.();
  vi.restoreAllMocks();
});

/** The popup on the tab, with a search that finds nothing, and its Ask form opened from it. */
async function askFromSearch(query: string) {
  render(<Popup tab={TAB} />);
  await screen.findByText(/Nothing here yet/);
  fireEvent.input(screen.getByRole('searchbox', { name: 'Search repertoire' }), {
    target: { value: query },
  });
  fireEvent.click(await screen.findByRole('button', { name: 'Ask the community' }));
  return screen.findByRole('form', { name: 'Ask the community' });
}

const about = (form: HTMLElement) =>
  within(form).getByRole('combobox', { name: 'Applies to' }) as HTMLSelectElement;

describe('the Ask form', () => {
  it('starts from the query, about the host: the full address goes only when chosen', async () => {
    const askQuestion = vi.fn<Handlers['askQuestion']>(async () => ({
      ok: false,
      errors: {},
      message: 'Stop here.',
    }));
    stop = onMessages({ askQuestion } as Partial<Handlers> as Handlers);
    const form = await askFromSearch('merge queue');
    const title = within(form).getByRole('textbox', { name: 'Your question' });
    await waitFor(() => expect((title as HTMLInputElement).value).toBe('merge queue'));
    expect(about(form).value).toBe('github.com');
    expect(within(about(form)).getByRole('option', { selected: true }).textContent).toBe(
      'This site: github.com',
    );

    fireEvent.click(within(form).getByRole('button', { name: 'Ask' }));
    await waitFor(() => expect(askQuestion).toHaveBeenCalledTimes(1));
    expect(askQuestion.mock.calls[0]?.[0].draft.appliesTo).toBe('github.com');

    const full = within(about(form)).getByRole('option', { name: /^This page’s full address/ });
    fireEvent.change(about(form), { target: { value: (full as HTMLOptionElement).value } });
    fireEvent.click(within(form).getByRole('button', { name: 'Ask' }));
    await waitFor(() => expect(askQuestion).toHaveBeenCalledTimes(2));
    expect(askQuestion.mock.calls[1]?.[0].draft.appliesTo).toBe(PAGE);
  });

  it('shows each error beside its field and keeps what was typed', async () => {
    const askQuestion = vi.fn<Handlers['askQuestion']>(async () => ({
      ok: false,
      errors: { title: 'Write the question itself, in a line, so others can answer it.' },
    }));
    stop = onMessages({ askQuestion } as Partial<Handlers> as Handlers);
    const form = await askFromSearch('x');
    const title = within(form).getByRole('textbox', { name: 'Your question' });
    fireEvent.input(title, { target: { value: ' ' } });
    const details = within(form).getByRole('textbox', { name: /^Details/ });
    fireEvent.input(details, { target: { value: 'Where is the queue?' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Ask' }));

    expect((await screen.findByRole('alert')).textContent).toContain(
      'Some fields need attention before asking.',
    );
    await waitFor(() => expect(title.getAttribute('aria-invalid')).toBe('true'));
    const described = title.getAttribute('aria-describedby') ?? '';
    const said = described
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent)
      .join(' ');
    expect(said).toContain('Write the question itself');
    expect(details.getAttribute('aria-invalid')).not.toBe('true');
    expect((details as HTMLTextAreaElement).value).toBe('Where is the queue?');
  });

  it('keeps an unfinished question when the popup closes, over a new query', async () => {
    stop = onMessages({} as Handlers);
    let form = await askFromSearch('merge queue');
    const title = within(form).getByRole('textbox', { name: 'Your question' });
    fireEvent.input(title, { target: { value: 'How do we use the merge queue?' } });
    fireEvent.change(about(form), { target: { value: 'tool:github' } });
    // The draft is written as typed; the popup closing does not wait for anything.
    await waitFor(async () =>
      expect((await questionDraft.getValue())?.appliesTo).toBe('tool:github'),
    );
    cleanup();

    form = await askFromSearch('something else');
    expect(
      (within(form).getByRole('textbox', { name: 'Your question' }) as HTMLInputElement).value,
    ).toBe('How do we use the merge queue?');
    expect(about(form).value).toBe('tool:github');
  });
});
