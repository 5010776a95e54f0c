// @vitest-environment jsdom
/**
 * A steward chooses who curates paths from the members the server lists; the change goes to the
 * background (a stand-in on the fake runtime) as member ids. Found by role and name.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onMessages, type Handlers } from '@/lib/messaging';
import type { CommunitySync } from '@/lib/sync';
import { DEFAULT_SETTINGS, type CommunityMember, type SettingsChange } from '@/lib/wire';
import { CommunityRules } from './CommunityRules';

const steward: CommunitySync = {
  community: 'guild',
  name: 'Platform guild',
  role: 'steward',
  memberCount: 3,
  displayName: 'Ana',
  serverUrl: 'http://127.0.0.1:8787',
  status: { phase: 'idle' } as CommunitySync['status'],
  memberId: 'ana',
  team: 'Platform',
};
const MEMBERS: CommunityMember[] = [
  { memberId: 'ana', displayName: 'Ana', team: 'Platform', role: 'steward' },
  { memberId: 'ben', displayName: 'Ben', team: 'Support', role: 'member' },
  { memberId: 'cy', displayName: '<b>Cy</b>', team: null, role: 'member' },
];

let stop: (() => void) | undefined;
let saved: SettingsChange[];
let listing: () => Promise<Awaited<ReturnType<Handlers['communityMembers']>>>;
beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  saved = [];
  listing = async () => ({ ok: true, members: MEMBERS });
  stop = onMessages({
    communityMembers: () => listing(),
    saveCommunitySettings: async ({ change }) => {
      saved.push(change);
      return { ok: true, settings: { ...DEFAULT_SETTINGS, ...change } };
    },
  } as Partial<Handlers> as Handlers);
});
afterEach(() => {
  cleanup();
  stop?.();
});

async function openRules() {
  render(<CommunityRules community={steward} />);
  fireEvent.click(await screen.findByText('Community rules of Platform guild'));
  fireEvent.click(screen.getByRole('radio', { name: /Stewards and chosen members/ }));
}

describe('choosing who curates paths', () => {
  it('lists the members who are not stewards, as text, and saves the chosen ids', async () => {
    await openRules();
    const picker = await screen.findByRole('group', { name: 'Members who may curate paths' });
    const boxes = within(picker).getAllByRole('checkbox');
    expect(boxes).toHaveLength(2);
    // A member's name is their own text: shown as typed, never as markup.
    expect(within(picker).getByText('<b>Cy</b>')).toBeTruthy();
    fireEvent.click(within(picker).getByRole('checkbox', { name: /Ben/ }));
    expect(screen.getByRole('radio', { name: /\(1 chosen\)/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]).toEqual({ pathCurators: 'stewards_and_allowed', curators: ['ben'] });
    await screen.findByText(/^Saved\. Every member of Platform guild gets them/);
  });

  it('says why the members could not be read, and reads them again on Try again', async () => {
    listing = async () => ({
      ok: false,
      message: 'The server at 127.0.0.1:8787 can’t be reached.',
    });
    await openRules();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The members could not be read: The server at');
    listing = async () => ({ ok: true, members: MEMBERS });
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await screen.findByRole('group', { name: 'Members who may curate paths' });
    // Saving with nothing chosen still says which rule: stewards and (nobody yet) chosen.
    fireEvent.click(screen.getByRole('button', { name: 'Save rules' }));
    await waitFor(() => expect(saved).toEqual([{ pathCurators: 'stewards_and_allowed' }]));
  });
});
